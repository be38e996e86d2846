// The `creditnode` sub-commands. Each Run* returns the process exit code
// (docs/CLI.md): 0 success, 1 failure (storage, I/O, a running node holds
// the data dir), 2 usage error, 3 rejected input (an invalid entry, row or
// ID; nothing was written), 4 (audit only) the node cannot be reached.
// Messages go to stderr, results to stdout.
#pragma once

#include <string>

#include "util/status.h"

namespace creditnode::node {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitRejected = 3;
inline constexpr int kExitUnreachable = 4;  // audit: the node cannot be reached

// Prints "error: <message>" and maps the status to an exit code:
// kInvalidArgument, kFailedPrecondition, kAlreadyExists, kPermissionDenied
// (bad input) → 3, everything else → 1.
int ReportError(const Status& status);

struct InitArgs {
  std::string data_dir;
  std::string origin;
  std::string listen;
};
int RunInit(const InitArgs& args);

struct KeygenArgs {
  std::string out;
  std::string name;  // key name for the verifier key string
};
int RunKeygen(const KeygenArgs& args);

struct ServeArgs {
  std::string data_dir;
  std::string listen;  // overrides the config when not empty
};
int RunServe(const ServeArgs& args);

struct PublishArgs {
  std::string data_dir;
  std::string file;  // "-" for stdin
};
int RunPublish(const PublishArgs& args);

struct ImportArgs {
  std::string data_dir;
  std::string file;
  bool skip_invalid = false;
  size_t batch = 2000;
  std::string report;  // rejected rows as CSV, if set
  // Not a CLI option: false only for bench/import_tree's baseline, which
  // measures the import without Merkle tiles (LocalFeed::Open).
  bool maintain_tree = true;
};
int RunImport(const ImportArgs& args);

struct LookupArgs {
  std::string data_dir;
  std::string id;
  std::string as_of;   // YYYY-MM-DD; empty = today
  std::string scheme;  // empty = every valid interpretation
  bool public_view = false;
};
int RunLookup(const LookupArgs& args);

struct DemoArgs {
  std::string data_dir;
  std::string listen = "127.0.0.1:8080";
  size_t records = 3000;
  uint64_t seed = 20261125;
};
int RunDemo(const DemoArgs& args);

struct ExportArgs {
  std::string data_dir;
  std::string out;
  std::string origin;  // empty = the node's own feed
};
// Writes a feed of the node (its own by default) up to its latest
// checkpoint as an offline bundle (node/feed_bundle.h). Opens the store,
// so the node must be stopped (the store is locked: exit 1 saying so).
int RunExport(const ExportArgs& args);

struct AuditArgs {
  std::string url;               // audit a live node (http://HOST:PORT), or
  std::string bundle;            // an offline bundle
  std::string token;             // auditor token, for entry pages
  std::string state_dir;         // empty = node/audit_state.h AuditStateDir
  bool check_canonical = false;  // also re-serialise every entry (D2)
};
// Checks every feed of a node, or a bundle (ledger/feed_auditor.h), against
// the state of earlier audits: exit 0 if everything holds, 1 listing every
// failure, 3 for a malformed bundle or answer, 4 if the node cannot be
// reached.
int RunAudit(const AuditArgs& args);

}  // namespace creditnode::node
