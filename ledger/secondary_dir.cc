// MakeSecondaryDir (ledger/secondary_dir.h).
#include "ledger/secondary_dir.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <string_view>
#include <system_error>

namespace creditnode::ledger {
namespace {

constexpr std::string_view kPrefix = "creditnode-secondary-";

// The PID in a directory name of ours, or 0 if `name` is not one.
pid_t OwnerOf(std::string_view name) {
  if (name.substr(0, kPrefix.size()) != kPrefix) return 0;
  name.remove_prefix(kPrefix.size());
  const size_t dash = name.find('-');
  if (dash == std::string_view::npos) return 0;
  long pid = 0;
  auto [end, ec] = std::from_chars(name.data(), name.data() + dash, pid);
  if (ec != std::errc() || end != name.data() + dash || pid <= 0) return 0;
  return static_cast<pid_t>(pid);
}

bool Running(pid_t pid) {
  // EPERM: it runs under another user, whose directory we leave alone.
  return ::kill(pid, 0) == 0 || errno != ESRCH;
}

// Best effort: a directory we cannot list or remove is left in place.
void RemoveOrphans(const std::filesystem::path& tmp) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(tmp, ec), end; !ec && it != end;
       it.increment(ec)) {
    const pid_t owner = OwnerOf(it->path().filename().string());
    if (owner == 0 || Running(owner)) continue;
    std::error_code remove_error;
    std::filesystem::remove_all(it->path(), remove_error);
  }
}

}  // namespace

StatusOr<std::string> MakeSecondaryDir() {
  std::error_code ec;
  const std::filesystem::path tmp = std::filesystem::temp_directory_path(ec);
  if (ec) {
    return UnavailableError("store: no temporary directory for a read-only "
                            "open: " + ec.message());
  }
  RemoveOrphans(tmp);
  std::string dir = (tmp / (std::string(kPrefix) + std::to_string(::getpid()) +
                            "-XXXXXX"))
                        .string();
  if (::mkdtemp(dir.data()) == nullptr) {
    return UnavailableError("store: cannot make " + dir + " for a read-only open");
  }
  return dir;
}

}  // namespace creditnode::ledger
