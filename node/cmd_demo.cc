// `creditnode demo`: a node with realistic generated data, ready to query.
// A new data dir is initialised for the demo feed and filled
// (node/demo_feed.h); an existing one is reused as it is. Then it serves
// like `serve` and prints, on stdout and flushed at once, the lines other
// tools parse (docs/CLI.md, "demo output"):
//   CreditNode demo running at http://HOST:PORT/
//     http://HOST:PORT/v1/subjects/ID      (three lines)
//   publisher token: TOKEN
//   auditor token: TOKEN
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <csignal>
#include <cstdio>
#include <filesystem>

#include "node/commands.h"
#include "node/demo_examples.h"
#include "node/demo_feed.h"
#include "node/local_feed.h"
#include "node/node_server.h"
#include "node/progress_bar.h"
#include "node/signals.h"

namespace creditnode::node {
namespace {

constexpr char kDemoOrigin[] = "wuhan.gov.example/credit";

// The saved examples if each still shows in the public view today (dates
// move on: a record may have expired since), else freshly picked ones,
// saved for the next run.
StatusOr<std::vector<std::string>> Examples(LocalFeed* feed, CivilDate today) {
  const std::string path = DemoExamplesPath(feed->data_dir());
  StatusOr<std::vector<std::string>> saved = LoadDemoExamples(path);
  if (saved.ok()) {
    bool all_ok = true;
    for (const std::string& id : *saved) {
      all_ok = all_ok && CheckPublicExample(*feed->store(), id, today).ok();
    }
    if (all_ok) return saved;
    spdlog::info(
        "demo: the saved examples no longer all show publicly; picking new "
        "ones");
  } else if (saved.status().code() != StatusCode::kNotFound) {
    spdlog::warn("demo: {}; picking new examples", saved.status().message());
  }
  CN_ASSIGN_OR_RETURN(
      std::vector<std::string> ids,
      PickDemoExamples(*feed->store(), feed->config().origin, today));
  CN_RETURN_IF_ERROR(SaveDemoExamples(path, ids));
  return ids;
}

}  // namespace

int RunDemo(const DemoArgs& args) {
  const Clock* clock = SystemClock::Default();
  if (!std::filesystem::exists(ConfigPath(args.data_dir))) {
    InitOptions init;
    init.origin = kDemoOrigin;
    init.listen = args.listen;
    if (StatusOr<Config> c = InitDataDir(args.data_dir, init); !c.ok()) {
      return ReportError(c.status());
    }
    spdlog::info("demo: initialised {} for feed {}", args.data_dir,
                 kDemoOrigin);
  }
  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(args.data_dir, clock);
  if (!feed.ok()) return ReportError(feed.status());
  LocalFeed* f = feed->get();
  // Never fill a real node's feed with invented records.
  if (f->config().origin != kDemoOrigin) {
    return ReportError(FailedPreconditionError(
        args.data_dir + " holds feed " + f->config().origin +
        ", not the demo feed " + kDemoOrigin + "; give demo a new directory"));
  }
  const CivilDate today = CivilDate::FromUnixMicros(clock->NowMicros());

  StatusOr<ledger::FeedInfo> info = f->store()->GetFeed(kDemoOrigin);
  if (!info.ok()) return ReportError(info.status());
  if (info->size == 0) {
    DemoFeedOptions options;
    options.records = args.records;
    options.seed = args.seed;
    spdlog::info("demo: generating {} records (seed {})", args.records,
                 args.seed);
    ProgressBar bar("demo", args.records);
    StatusOr<DemoFeedStats> stats =
        PopulateDemoFeed(f->writer(), options, today, &bar);
    bar.Finish();
    if (!stats.ok()) return ReportError(stats.status());
    spdlog::info(
        "demo: {} records, {} repairs, {} revocations, {} corrections, {} "
        "objections ({} closed)",
        stats->records, stats->repairs, stats->revocations, stats->corrections,
        stats->objections_opened, stats->objections_closed);
  } else {
    spdlog::info("demo: reusing {} ({} entries)", args.data_dir, info->size);
  }
  StatusOr<std::vector<std::string>> examples = Examples(f, today);
  if (!examples.ok()) return ReportError(examples.status());

  StatusOr<std::unique_ptr<NodeServer>> server =
      NodeServer::Start(f, args.listen, clock);
  if (!server.ok()) return ReportError(server.status());
  const std::string& url = (*server)->url();
  // Identifiers are [0-9A-Z] after normalisation: no percent-encoding needed.
  fmt::print("CreditNode demo running at {}\n", url);
  for (const std::string& id : *examples)
    fmt::print("  {}v1/subjects/{}\n", url, id);
  fmt::print("publisher token: {}\n", f->config().TokenFor("publisher"));
  fmt::print("auditor token: {}\n", f->config().TokenFor("auditor"));
  std::fflush(stdout);

  const int sig = WaitForTerminationSignal();
  spdlog::info("received {}, shutting down",
               sig == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Stop();
  server->reset();
  feed->reset();
  return kExitOk;
}

}  // namespace creditnode::node
