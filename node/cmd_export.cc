// `creditnode export`: the feed as an offline bundle (docs/audit.md).

#include <fmt/core.h>

#include <fstream>

#include "node/commands.h"
#include "node/feed_bundle.h"
#include "node/local_feed.h"
#include "util/clock.h"

namespace creditnode::node {

int RunExport(const ExportArgs& args) {
  StatusOr<std::unique_ptr<LocalFeed>> feed =
      LocalFeed::Open(args.data_dir, SystemClock::Default());
  if (!feed.ok()) return ReportError(feed.status());
  std::ofstream out(args.out, std::ios::binary | std::ios::trunc);
  if (!out) return ReportError(UnavailableError(args.out + ": cannot write"));
  StatusOr<uint64_t> written =
      WriteBundle(*(*feed)->store(), (*feed)->config().origin, out);
  if (!written.ok()) return ReportError(written.status());
  fmt::print("exported {} entries of {} to {}\n", *written,
             (*feed)->config().origin, args.out);
  return kExitOk;
}

}  // namespace creditnode::node
