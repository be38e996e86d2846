// The private directory of a read-only (RocksDB secondary) open: RocksDB
// keeps the secondary's info log there. StoreDb makes one per open, under
// the system temp directory, and removes it when closed; a process killed
// with SIGKILL cannot, so each new one first removes those left by
// processes that no longer run (the directory name carries the PID).
#pragma once

#include <string>

#include "util/status.h"

namespace creditnode::ledger {

// Makes TMPDIR/creditnode-secondary-PID-XXXXXX (mkdtemp) and returns its
// path, after removing every creditnode-secondary-PID-* directory there
// whose PID names no running process. kUnavailable if it cannot be made.
StatusOr<std::string> MakeSecondaryDir();

}  // namespace creditnode::ledger
