// `creditnode audit URL` and `creditnode audit --bundle FILE`: checks every
// feed of a node, or a bundle, without trusting the source
// (ledger/feed_auditor.h), and remembers what it verified, so the next
// audit also proves no feed was rewritten, truncated or re-keyed
// (docs/audit.md). This file only picks the source, draws progress, prints
// the report and keeps the state; the checks are all in ledger/.

#include <fmt/core.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "crypto/ed25519.h"
#include "ledger/feed_auditor.h"
#include "node/audit_state.h"
#include "node/bundle_feed_source.h"
#include "node/commands.h"
#include "node/progress_bar.h"
#include "sync/http_client.h"
#include "sync/http_feed_source.h"

namespace creditnode::node {

namespace {

// `text` with control bytes shown as \xNN: origins and messages can come
// from the audited node, which must not drive the auditor's terminal.
std::string Printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

// One progress bar per feed, on stderr.
class BarObserver final : public ledger::AuditObserver {
 public:
  void FeedStarted(std::string_view origin, uint64_t size) override {
    bar_.emplace("audit " + Printable(origin), size);
  }
  void EntriesChecked(uint64_t done) override {
    if (bar_) bar_->Update(done);
  }
  void FeedFinished() override {
    if (bar_) bar_->Finish();
    bar_.reset();
  }

 private:
  std::optional<ProgressBar> bar_;
};

// The source could not be read to the end: nothing was judged. Exit 4 if
// it cannot be reached at all, else 3 (refused or malformed answer).
int SourceError(const Status& status) {
  fmt::print(stderr, "error: {}\n", Printable(status.message()));
  return status.code() == StatusCode::kUnavailable ? kExitUnreachable
                                                   : kExitRejected;
}

// Prints the summary, records the feeds that passed, returns the exit code.
// `seen_at` is recorded with each feed that passed (the URL; empty for a
// bundle).
int Report(const std::vector<ledger::FeedAuditResult>& results,
           const std::string& seen_at, const std::string& state_path,
           ledger::AuditState* state) {
  size_t failed_feeds = 0;
  size_t failures = 0;
  for (const ledger::FeedAuditResult& r : results) {
    if (!r.passed()) {
      for (const ledger::AuditFailure& f : r.failures) {
        fmt::print("FAIL {}\n", Printable(f.ToString()));
      }
      fmt::print("feed {}: {} failure(s); state not updated\n",
                 Printable(r.origin), r.failures.size());
      ++failed_feeds;
      failures += r.failures.size();
    } else if (!r.has_checkpoint) {
      fmt::print("feed {}: no checkpoint yet, nothing to verify\n",
                 Printable(r.origin));
    } else {
      fmt::print("feed {}: {} entries verified, checkpoint size {} OK\n",
                 r.origin, r.entries_verified, r.checked.size);
      ledger::AuditedCheckpoint& recorded = (*state)[r.origin];
      recorded = r.checked;
      recorded.seen_at = seen_at;
    }
  }
  if (Status s = SaveAuditState(state_path, *state); !s.ok()) {
    return ReportError(s);
  }
  if (failed_feeds > 0) {
    fmt::print("audit FAILED: {} of {} feed(s), {} failure(s)\n", failed_feeds,
               results.size(), failures);
    return kExitFailure;
  }
  fmt::print("audit OK: {} feed(s)\n", results.size());
  return kExitOk;
}

}  // namespace

int RunAudit(const AuditArgs& args) {
  if (Status s = crypto::InitCrypto(); !s.ok()) return ReportError(s);
  const std::string state_path = AuditStatePath(AuditStateDir(args.state_dir));
  StatusOr<ledger::AuditState> state = LoadAuditState(state_path);
  if (!state.ok()) return ReportError(state.status());

  ledger::AuditOptions options;
  options.feed.check_canonical = args.check_canonical;
  BarObserver bar;

  if (!args.url.empty()) {
    StatusOr<std::unique_ptr<sync::HttpClient>> client =
        sync::HttpClient::New(args.url, args.token);
    if (!client.ok()) return ReportError(client.status());
    sync::HttpFeedSource source(client->get());
    // A node lists all its feeds: one it listed at the last audit and not
    // now was dropped, which must not pass silently. Only this node's: the
    // same state dir may also hold feeds audited at other nodes.
    for (const auto& [origin, recorded] : *state) {
      if (recorded.seen_at == args.url)
        options.expected_origins.push_back(origin);
    }
    StatusOr<std::vector<ledger::FeedAuditResult>> results =
        ledger::AuditFeeds(&source, *state, options, &bar);
    if (!results.ok()) return SourceError(results.status());
    return Report(*results, args.url, state_path, &*state);
  }

  StatusOr<std::unique_ptr<BundleFeedSource>> source =
      BundleFeedSource::Open(args.bundle);
  if (!source.ok()) return ReportError(source.status());
  StatusOr<std::vector<ledger::FeedAuditResult>> results =
      ledger::AuditFeeds(source->get(), *state, options, &bar);
  if (!results.ok()) return ReportError(results.status());
  // A bundle holds exactly the checkpoint's entries; lines after them were
  // added by someone else. Only meaningful if the checkpoint verified.
  ledger::FeedAuditResult& feed = results->front();
  if (feed.checkpoint_verified && feed.entries_verified == feed.checked.size) {
    StatusOr<uint64_t> extra = (*source)->CountRemainingLines();
    if (!extra.ok()) return ReportError(extra.status());
    if (*extra > 0) {
      feed.failures.push_back({feed.origin, std::nullopt,
                               "bundle holds " + std::to_string(*extra) +
                                   " entry line(s) after the checkpoint's " +
                                   std::to_string(feed.checked.size) +
                                   " entries"});
    }
  }
  return Report(*results, "", state_path, &*state);
}

}  // namespace creditnode::node
