// `creditnode export`: a feed as an offline bundle (docs/audit.md). It
// opens the store read-only (no key is loaded: a bundle carries nothing
// secret beyond the entries themselves), so it also works while the node
// serves, and exports the latest checkpoint as of its start.

#include <fmt/core.h>

#include <cstdio>
#include <fstream>

#include "node/commands.h"
#include "node/config.h"
#include "node/feed_bundle.h"
#include "node/local_feed.h"

namespace creditnode::node {

int RunExport(const ExportArgs& args) {
  // The config first: an uninitialised dir gets "run `creditnode init`".
  StatusOr<Config> config = LoadConfig(args.data_dir);
  if (!config.ok()) return ReportError(config.status());
  StatusOr<std::unique_ptr<ledger::FeedStore>> store =
      OpenNodeStore(args.data_dir, *config, StoreAccess::kReadOnly);
  if (!store.ok()) return ReportError(store.status());
  const std::string origin = args.origin.empty() ? config->origin : args.origin;
  // Written to a temp file and renamed: a failed export leaves no bundle
  // that looks complete but stops short.
  const std::string tmp = args.out + ".tmp";
  StatusOr<uint64_t> written = [&]() -> StatusOr<uint64_t> {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return UnavailableError(tmp + ": cannot write");
    return WriteBundle(**store, origin, out);
  }();
  if (written.ok() && std::rename(tmp.c_str(), args.out.c_str()) != 0) {
    written = UnavailableError(args.out + ": cannot rename " + tmp);
  }
  if (!written.ok()) {
    std::remove(tmp.c_str());
    return ReportError(written.status());
  }
  fmt::print("exported {} entries of {} to {}\n", *written, origin, args.out);
  return kExitOk;
}

}  // namespace creditnode::node
