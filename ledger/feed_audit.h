// FeedAudit: checks one feed without trusting the node that served it
// (issue 4, docs/audit.md): the checkpoint note is signed by the feed's
// key, every entry's signature verifies and the entry names its feed and
// index, the entries' RFC 9162 root equals the checkpoint's, and the feed
// is consistent with the checkpoint the auditor saw last time (the same
// key, a size not smaller, the same root over the old entries). Entries
// are fed in index order, so a feed of any size is checked in O(log n)
// memory. Thread-compatible.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/verifier_key.h"
#include "ledger/merkle_frontier.h"
#include "ledger/merkle_hash.h"
#include "util/status.h"

namespace creditnode::ledger {

struct FeedAuditOptions {
  // Also require each entry's bytes to be canonical: re-serialising the
  // parsed entry (nlohmann dump(), D2) gives the same bytes. Costs one
  // serialisation per entry. Default: false
  bool check_canonical = false;
  // Failures listed per feed; the rest are counted in a final "... and N
  // more". Default: 100
  size_t max_failures = 100;
};

// What an auditor remembers of a feed between runs.
struct AuditedCheckpoint {
  std::string verifier_key;
  uint64_t size = 0;
  Hash root{};
  // Where it was last verified: a node's URL, empty for a bundle. Set by
  // the caller (FeedAudit leaves it empty); says which node must keep
  // listing the feed (AuditOptions::expected_origins).
  std::string seen_at;
};

struct AuditFailure {
  std::string origin;
  std::optional<uint64_t> index;  // the entry, if the failure is about one
  std::string what;
  // "feed O index I: what" or "feed O: what".
  std::string ToString() const;
};

class FeedAudit {
 public:
  // `previous`: what was seen last time, if anything.
  FeedAudit(std::string origin, std::string verifier_key,
            std::string checkpoint_note,
            std::optional<AuditedCheckpoint> previous,
            const FeedAuditOptions& options = {});

  // The checkpoint's tree size (0 if the checkpoint did not verify): how
  // many entries AddEntry expects.
  uint64_t size() const { return size_; }
  // False once a failure makes checking entries pointless (bad key or
  // checkpoint).
  bool can_check_entries() const { return verifier_ != nullptr; }

  // The entry at `index`, in order 0, 1, ... size()-1.
  void AddEntry(uint64_t index, std::string_view bytes,
                std::string_view signature);

  // Records a failure found outside this class (e.g. the source's own
  // consistency proof does not verify); counts against the cap.
  void Fail(std::optional<uint64_t> index, std::string what);

  // After the last entry: the root and consistency checks. Returns every
  // failure found (capped at options.max_failures, then "... and N more").
  std::vector<AuditFailure> Finish();

  // What to remember for the next run (valid only if Finish() returned no
  // failures).
  AuditedCheckpoint Checked() const;

 private:
  const std::string origin_;
  const std::string verifier_key_;
  const FeedAuditOptions options_;
  std::optional<AuditedCheckpoint> previous_;
  std::unique_ptr<crypto::Ed25519Verifier> verifier_;
  uint64_t size_ = 0;
  Hash root_{};
  MerkleFrontier frontier_;
  std::optional<Hash> root_at_previous_;
  uint64_t next_index_ = 0;
  size_t suppressed_ = 0;
  std::vector<AuditFailure> failures_;
};

}  // namespace creditnode::ledger
