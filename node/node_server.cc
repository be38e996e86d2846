// NodeServer (node/node_server.h): wiring only; the API itself is api/.
#include "node/node_server.h"

#include <spdlog/spdlog.h>

#include <string_view>

#include "util/metrics.h"

namespace creditnode::node {
namespace {

constexpr std::chrono::milliseconds kStopGrace{5000};
// A new entry is covered by a signed checkpoint within this plus the
// signing time (issue 4 asks for 1 s).
constexpr std::chrono::milliseconds kCheckpointInterval{250};

// Metrics::Global() plus a few RocksDB numbers operators watch (R14:
// RocksDB's own properties, not re-measured).
std::string MetricsText(const ledger::FeedStore* store) {
  std::string out = Metrics::Global().RenderPrometheus();
  struct Gauge {
    const char* name;
    const char* property;
    const char* help;
  };
  static const Gauge kGauges[] = {
      {"creditnode_rocksdb_estimate_num_keys", "rocksdb.estimate-num-keys",
       "Estimated number of keys in the store (all column families)"},
      {"creditnode_rocksdb_live_sst_files_bytes", "rocksdb.live-sst-files-size",
       "Bytes of live SST files (all column families)"},
      {"creditnode_rocksdb_memtable_bytes", "rocksdb.cur-size-all-mem-tables",
       "Bytes of the memtables (all column families)"},
  };
  for (const Gauge& g : kGauges) {
    const std::string value = store->GetProperty(g.property);
    if (value.empty()) continue;
    out += std::string("# HELP ") + g.name + " " + g.help + "\n";
    out += std::string("# TYPE ") + g.name + " gauge\n";
    out += std::string(g.name) + " " + value + "\n";
  }
  return out;
}

}  // namespace

std::string HttpUrl(const std::string& host, uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return "http://" + (v6 ? "[" + host + "]" : host) + ":" +
         std::to_string(port) + "/";
}

StatusOr<std::unique_ptr<NodeServer>> NodeServer::Start(
    LocalFeed* feed, const std::string& listen, const Clock* clock) {
  api::ServerOptions options;
  CN_RETURN_IF_ERROR(
      ParseListen(listen, &options.host, &options.port).WithPrefix("listen"));
  options.threads = feed->config().http_threads;
  options.log = [](std::string_view line) { spdlog::warn("http: {}", line); };

  std::unique_ptr<NodeServer> s(new NodeServer());
  for (const TokenConfig& t : feed->config().tokens) {
    CN_ASSIGN_OR_RETURN(api::Role role, api::ParseRole(t.role));
    CN_RETURN_IF_ERROR(
        s->tokens_.Add(t.token, role).WithPrefix("config: token " + t.name));
  }
  api::RouterDeps deps;
  deps.reader = feed->store();
  deps.publisher = feed->writer();
  deps.tokens = &s->tokens_;
  deps.subtree_cache = &s->subtree_cache_;
  deps.clock = clock;
  const ledger::FeedStore* store = feed->store();
  deps.metrics_text = [store] { return MetricsText(store); };
  s->router_ = std::make_unique<api::Router>(std::move(deps));

  s->checkpointer_ = std::make_unique<ledger::Checkpointer>(
      feed->store(), feed->config().origin, feed->signer());
  s->checkpoints_ = std::make_unique<CheckpointLoop>(s->checkpointer_.get(),
                                                     kCheckpointInterval);
  s->checkpoints_->Start();

  const std::string host = options.host;
  s->server_ =
      std::make_unique<api::Server>(s->router_.get(), std::move(options));
  CN_ASSIGN_OR_RETURN(s->port_, s->server_->Start());
  s->url_ = HttpUrl(host, s->port_);
  return s;
}

NodeServer::~NodeServer() { Stop(); }

void NodeServer::Stop() {
  if (server_) server_->Stop(kStopGrace);
  if (checkpoints_) checkpoints_->Stop();
}

}  // namespace creditnode::node
