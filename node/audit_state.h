// The auditor's state directory (docs/audit.md): what earlier audits
// verified of each feed, kept as DIR/state.json
//   {"<origin>": {"verifier_key": K, "size": N, "root": "<base64>",
//                 "seen_at": "<node URL>" (absent for a bundle)}, ...}
// so the next audit can prove no feed was rewritten, truncated or re-keyed.
// Pure functions over files; thread-compatible (one auditor per DIR).
#pragma once

#include <string>

#include "ledger/feed_auditor.h"
#include "util/status.h"

namespace creditnode::node {

// `requested` if not empty, else $XDG_STATE_HOME/creditnode-audit, else
// $HOME/.local/state/creditnode-audit (the XDG default).
std::string AuditStateDir(const std::string& requested);

// DIR/state.json.
std::string AuditStatePath(const std::string& dir);

// The recorded state; empty if the file does not exist. kDataLoss naming
// the origin and field if it is malformed (an auditor must not silently
// forget what it verified); kUnavailable if it cannot be read.
StatusOr<ledger::AuditState> LoadAuditState(const std::string& path);

// Writes `state` to `path` atomically and durably (a temp file, fsync,
// rename), creating its directory. kUnavailable on I/O errors.
Status SaveAuditState(const std::string& path, const ledger::AuditState& state);

}  // namespace creditnode::node
