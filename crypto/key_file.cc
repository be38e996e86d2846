// Key files (docs/keys.md). The seed is written once, with O_EXCL so an
// existing key is never replaced, and made durable (file and directory
// fsync) before WriteKeyFile returns. Every buffer that held the seed or its
// base64 is wiped.
#include "crypto/key_file.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>

#include "crypto/ed25519.h"
#include "util/encoding.h"

namespace creditnode::crypto {
namespace {

constexpr std::string_view kMagic = "creditnode-ed25519-seed-v1 ";
constexpr size_t kBase64SeedSize = 44;  // 32 bytes -> 44 chars with padding
constexpr size_t kFileSize = kMagic.size() + kBase64SeedSize + 1;

void WipeString(std::string* s) {
  if (!s->empty()) sodium_memzero(s->data(), s->size());
  s->clear();
}

std::string ErrnoMessage(std::string_view what, const std::string& path,
                         int err) {
  return "key file " + path + ": " + std::string(what) + ": " +
         std::strerror(err);
}

// Closes `fd` on every path out of a scope.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  ~FdCloser() {
    if (fd_ >= 0) ::close(fd_);
  }
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  // Closes now and reports the error (close can report a failed write).
  int Close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

Status WriteAll(int fd, const uint8_t* data, size_t size,
                const std::string& path) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return UnavailableError(ErrnoMessage("write", path, errno));
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return OkStatus();
}

// The directory entry of a new file is durable only once its directory is
// synced (LevelDB SyncDirIfManifest).
Status SyncParentDirectory(const std::string& path) {
  const size_t slash = path.rfind('/');
  const std::string dir = slash == std::string::npos
                              ? "."
                              : (slash == 0 ? "/" : path.substr(0, slash));
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    return UnavailableError(ErrnoMessage("open directory " + dir, path, errno));
  FdCloser closer(fd);
  if (::fsync(fd) != 0)
    return UnavailableError(
        ErrnoMessage("fsync directory " + dir, path, errno));
  return OkStatus();
}

Status WriteNewFile(int fd, const SecretBytes& seed, const std::string& path) {
  std::string seed_base64 = Base64Encode(seed.view());
  SecretBytes content(kFileSize);
  std::memcpy(content.data(), kMagic.data(), kMagic.size());
  std::memcpy(content.data() + kMagic.size(), seed_base64.data(),
              seed_base64.size());
  content.data()[kFileSize - 1] = '\n';
  WipeString(&seed_base64);
  // The process umask may have cleared bits of 0600; set it exactly.
  if (::fchmod(fd, S_IRUSR | S_IWUSR) != 0) {
    return UnavailableError(ErrnoMessage("chmod", path, errno));
  }
  CN_RETURN_IF_ERROR(WriteAll(fd, content.data(), content.size(), path));
  if (::fsync(fd) != 0)
    return UnavailableError(ErrnoMessage("fsync", path, errno));
  return OkStatus();
}

}  // namespace

Status WriteKeyFile(const std::string& path, const SecretBytes& seed) {
  if (seed.size() != kEd25519SeedSize) {
    return InvalidArgumentError("key file " + path +
                                ": seed must be 32 bytes, got " +
                                std::to_string(seed.size()));
  }
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC,
                        S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) {
      return AlreadyExistsError("key file " + path +
                                ": already exists; a key is never overwritten");
    }
    return UnavailableError(ErrnoMessage("create", path, errno));
  }
  FdCloser closer(fd);
  Status status = WriteNewFile(fd, seed, path);
  if (status.ok() && closer.Close() != 0) {
    status = UnavailableError(ErrnoMessage("close", path, errno));
  }
  if (!status.ok()) {
    // A half-written key file would block the next attempt (O_EXCL) and
    // fail to parse: remove it. We created it, so it is ours to remove.
    ::unlink(path.c_str());
    return status;
  }
  return SyncParentDirectory(path);
}

StatusOr<SecretBytes> ReadKeyFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO put in the key's place must not hang the
  // node; it is refused below as not a regular file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT)
      return NotFoundError("key file " + path + ": does not exist");
    if (err == EACCES)
      return PermissionDeniedError(ErrnoMessage("open", path, err));
    return UnavailableError(ErrnoMessage("open", path, err));
  }
  FdCloser closer(fd);
  // fstat the descriptor we read, not the path, so the mode we check is
  // the mode of the bytes we use.
  struct stat st;
  if (::fstat(fd, &st) != 0)
    return UnavailableError(ErrnoMessage("stat", path, errno));
  if (!S_ISREG(st.st_mode)) {
    return InvalidArgumentError("key file " + path + ": not a regular file");
  }
  const unsigned mode = st.st_mode & 07777;
  if ((mode & (S_IRWXG | S_IRWXO)) != 0) {
    char octal[8];
    std::snprintf(octal, sizeof(octal), "%04o", mode);
    return PermissionDeniedError(
        "key file " + path + ": mode " + octal +
        " gives access to group or others; run chmod 600 " + path);
  }

  // Read one byte more than a valid file holds, to detect trailing bytes.
  SecretBytes buffer(kFileSize + 1);
  size_t size = 0;
  while (size < buffer.size()) {
    const ssize_t n = ::read(fd, buffer.data() + size, buffer.size() - size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return UnavailableError(ErrnoMessage("read", path, errno));
    }
    if (n == 0) break;
    size += static_cast<size_t>(n);
  }
  const std::string_view content = buffer.view().substr(0, size);
  const std::string bad = "key file " + path + ": ";
  if (content.substr(0, kMagic.size()) != kMagic) {
    return InvalidArgumentError(
        bad + "does not start with \"" +
        std::string(kMagic.substr(0, kMagic.size() - 1)) + " \"");
  }
  if (size != kFileSize || content.back() != '\n') {
    return InvalidArgumentError(
        bad + "expected one line of " + std::to_string(kFileSize) +
        " bytes ending in a newline, got " + std::to_string(size) + " bytes");
  }
  StatusOr<std::string> seed =
      Base64Decode(content.substr(kMagic.size(), kBase64SeedSize));
  if (!seed.ok())
    return InvalidArgumentError(bad + "seed: " + seed.status().message());
  if (seed->size() != kEd25519SeedSize) {
    // 44 base64 characters decode to 33, 32 or 31 bytes by their padding.
    const size_t got = seed->size();
    WipeString(&*seed);
    return InvalidArgumentError(bad + "seed must be 32 bytes, got " +
                                std::to_string(got));
  }
  SecretBytes result = SecretBytes::Copy(*seed);
  WipeString(&*seed);
  return result;
}

}  // namespace creditnode::crypto
