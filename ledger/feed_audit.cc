// FeedAudit (ledger/feed_audit.h).

#include "ledger/feed_audit.h"

#include <utility>

#include "crypto/checkpoint.h"
#include "crypto/entry_signature.h"
#include "crypto/signed_note.h"
#include "ledger/entry.h"
#include "util/encoding.h"

namespace creditnode::ledger {

namespace {

std::string Hex(const Hash& h) {
  return HexEncode(
      std::string_view(reinterpret_cast<const char*>(h.data()), h.size()));
}

}  // namespace

std::string AuditFailure::ToString() const {
  return "feed " + origin +
         (index ? " index " + std::to_string(*index) : std::string()) + ": " +
         what;
}

FeedAudit::FeedAudit(std::string origin, std::string verifier_key,
                     std::string checkpoint_note,
                     std::optional<AuditedCheckpoint> previous,
                     const FeedAuditOptions& options)
    : origin_(std::move(origin)),
      verifier_key_(std::move(verifier_key)),
      options_(options),
      previous_(std::move(previous)) {
  StatusOr<crypto::VerifierKey> key = crypto::ParseVerifierKey(verifier_key_);
  if (!key.ok()) {
    Fail(std::nullopt, "verifier key: " + key.status().message());
    return;
  }
  if (key->name != origin_) {
    Fail(std::nullopt, "verifier key is for \"" + key->name + "\"");
    return;
  }
  if (previous_ && previous_->verifier_key != verifier_key_) {
    Fail(std::nullopt, "verifier key changed since the last audit (was " +
                           previous_->verifier_key + ")");
    return;
  }
  StatusOr<crypto::Note> note = crypto::VerifyNote(checkpoint_note, *key);
  if (!note.ok()) {
    Fail(std::nullopt, "checkpoint: " + note.status().message());
    return;
  }
  StatusOr<crypto::Checkpoint> checkpoint = crypto::ParseCheckpoint(note->text);
  if (!checkpoint.ok()) {
    Fail(std::nullopt, checkpoint.status().message());
    return;
  }
  if (checkpoint->origin != origin_) {
    Fail(std::nullopt, "checkpoint names feed \"" + checkpoint->origin + "\"");
    return;
  }
  if (previous_ && checkpoint->size < previous_->size) {
    Fail(std::nullopt, "checkpoint size " + std::to_string(checkpoint->size) +
                           " is below the " + std::to_string(previous_->size) +
                           " seen last time (the feed was truncated)");
    return;
  }
  StatusOr<std::unique_ptr<crypto::Ed25519Verifier>> verifier =
      crypto::Ed25519Verifier::New(key->public_key);
  if (!verifier.ok()) {
    Fail(std::nullopt, "verifier key: " + verifier.status().message());
    return;
  }
  size_ = checkpoint->size;
  root_ = checkpoint->root;
  verifier_ = *std::move(verifier);
  if (previous_ && previous_->size == 0) root_at_previous_ = EmptyRoot();
}

void FeedAudit::Fail(std::optional<uint64_t> index, std::string what) {
  if (failures_.size() >= options_.max_failures) {
    ++suppressed_;
    return;
  }
  failures_.push_back({origin_, index, std::move(what)});
}

void FeedAudit::AddEntry(uint64_t index, std::string_view bytes,
                         std::string_view signature) {
  if (verifier_ == nullptr) return;
  if (index != next_index_) {
    Fail(index, "expected entry " + std::to_string(next_index_) +
                    " here (entries missing or out of order)");
    next_index_ = index;
  }
  ++next_index_;
  frontier_.Append(LeafHash(bytes));
  if (previous_ && frontier_.size() == previous_->size) {
    root_at_previous_ = frontier_.Root();
  }
  if (!crypto::VerifyEntrySignature(*verifier_, signature, bytes).ok()) {
    Fail(index, "signature does not verify");
    return;
  }
  StatusOr<Entry> entry = ParseEntry(bytes);
  if (!entry.ok()) {
    Fail(index, entry.status().message());
    return;
  }
  if (entry->origin != origin_ || entry->index != index) {
    Fail(index, "entry names " + entry->origin + " index " +
                    std::to_string(entry->index));
  }
  // D2: the bytes were serialised once by nlohmann dump(); bytes that a
  // re-serialisation changes were written by something else.
  if (options_.check_canonical && entry->json.dump() != bytes) {
    Fail(index, "entry bytes are not canonical (dump() differs)");
  }
}

std::vector<AuditFailure> FeedAudit::Finish() {
  if (verifier_ != nullptr) {
    if (frontier_.size() != size_) {
      Fail(std::nullopt, "have " + std::to_string(frontier_.size()) +
                             " entries, the checkpoint names " +
                             std::to_string(size_));
    } else if (frontier_.Root() != root_) {
      Fail(std::nullopt, "root of the entries " + Hex(frontier_.Root()) +
                             " is not the checkpoint's " + Hex(root_));
    }
    if (previous_ && root_at_previous_ &&
        *root_at_previous_ != previous_->root) {
      Fail(std::nullopt,
           "the first " + std::to_string(previous_->size) +
               " entries no longer give the root seen last time (history "
               "was rewritten)");
    }
  }
  if (suppressed_ > 0) {
    failures_.push_back({origin_, std::nullopt,
                         "... and " + std::to_string(suppressed_) + " more"});
  }
  return failures_;
}

AuditedCheckpoint FeedAudit::Checked() const {
  AuditedCheckpoint checked;
  checked.verifier_key = verifier_key_;
  checked.size = size_;
  checked.root = root_;
  return checked;  // seen_at is the caller's to set
}

}  // namespace creditnode::ledger
