// `creditnode serve`: opens the data dir, serves the HTTP API until SIGINT
// or SIGTERM, then shuts down gracefully (in-flight requests finish) and
// closes the store. main() has blocked those signals before any thread
// started (node/signals.h), so this thread alone receives them.
#include <spdlog/spdlog.h>

#include <csignal>

#include "node/commands.h"
#include "node/local_feed.h"
#include "node/node_server.h"
#include "node/signals.h"

namespace creditnode::node {

int RunServe(const ServeArgs& args) {
  const Clock* clock = SystemClock::Default();
  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(args.data_dir, clock);
  if (!feed.ok()) return ReportError(feed.status());
  const std::string listen =
      args.listen.empty() ? (*feed)->config().listen : args.listen;
  StatusOr<std::unique_ptr<NodeServer>> server =
      NodeServer::Start(feed->get(), listen, clock);
  if (!server.ok()) return ReportError(server.status());

  spdlog::info("feed {} ({})", (*feed)->config().origin,
               (*feed)->verifier_key());
  spdlog::info("listening on {}", (*server)->url());
  const int sig = WaitForTerminationSignal();
  spdlog::info("received {}, shutting down",
               sig == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Stop();
  server->reset();
  feed->reset();  // closes the store (writer first, then RocksDB)
  spdlog::info("stopped");
  return kExitOk;
}

}  // namespace creditnode::node
