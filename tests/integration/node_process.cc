// NodeProcess: see node_process.h.
#include "tests/integration/node_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "tests/integration/http_client.h"

namespace creditnode::integration {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(10);

ExitStatus Decode(int wait_status) {
  ExitStatus s;
  if (WIFEXITED(wait_status)) {
    s.exited = true;
    s.code = WEXITSTATUS(wait_status);
  } else if (WIFSIGNALED(wait_status)) {
    s.signaled = true;
    s.signal = WTERMSIG(wait_status);
  }
  return s;
}

}  // namespace

std::string ExitStatus::ToString() const {
  if (exited) return "exit code " + std::to_string(code);
  if (signaled) return "killed by signal " + std::to_string(signal);
  return "still running or unknown";
}

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

StatusOr<std::unique_ptr<NodeProcess>> NodeProcess::Start(
    const std::string& binary, const std::vector<std::string>& args,
    const std::string& log_prefix) {
  // Everything the child needs is prepared before fork(): between fork and
  // execv a multi-threaded parent's child may only make async-signal-safe
  // calls (no allocation, no locks).
  std::vector<std::string> storage;
  storage.push_back(binary);
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  const std::string out_path = log_prefix + ".stdout";
  const std::string err_path = log_prefix + ".stderr";
  int out_fd =
      ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int err_fd =
      ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  int null_fd = ::open("/dev/null", O_RDONLY | O_CLOEXEC);
  if (out_fd < 0 || err_fd < 0 || null_fd < 0) {
    Status s = UnavailableError(log_prefix + ": open: " + std::strerror(errno));
    for (int fd : {out_fd, err_fd, null_fd})
      if (fd >= 0) ::close(fd);
    return s;
  }

  pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(null_fd, STDIN_FILENO);
    ::dup2(out_fd, STDOUT_FILENO);
    ::dup2(err_fd, STDERR_FILENO);
    // Sockets of other test threads must not stay open in the node.
    ::close_range(3, ~0U, 0);
    // A shell would start the node with default dispositions and no
    // blocked signals; the test process may have changed both.
    struct sigaction dfl;
    std::memset(&dfl, 0, sizeof(dfl));
    dfl.sa_handler = SIG_DFL;
    for (int sig = 1; sig < NSIG; ++sig) ::sigaction(sig, &dfl, nullptr);
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  const int fork_errno = errno;
  ::close(out_fd);
  ::close(err_fd);
  ::close(null_fd);
  if (pid < 0)
    return UnavailableError(std::string("fork: ") + std::strerror(fork_errno));
  return std::unique_ptr<NodeProcess>(new NodeProcess(pid, log_prefix));
}

NodeProcess::~NodeProcess() {
  if (exit_) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
}

bool NodeProcess::Reap() {
  if (exit_) return true;
  int status = 0;
  pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exit_ = Decode(status);
    return true;
  }
  return false;
}

bool NodeProcess::Running() { return !Reap(); }

std::string NodeProcess::Stdout() const {
  return ReadWholeFile(log_prefix_ + ".stdout");
}
std::string NodeProcess::Stderr() const {
  return ReadWholeFile(log_prefix_ + ".stderr");
}

StatusOr<NodeAddress> NodeProcess::WaitForUrl(
    std::chrono::milliseconds timeout) {
  static const std::regex kUrl(
      R"(http://([0-9.]+|\[[0-9A-Fa-f:]+\]):([0-9]+)/)");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    // Read before checking for exit, so a line printed just before exiting
    // is not missed.
    const bool ended = Reap();
    for (const std::string& text : {Stdout(), Stderr()}) {
      std::smatch m;
      if (!std::regex_search(text, m, kUrl)) continue;
      NodeAddress address;
      address.host = m[1].str();
      if (address.host.front() == '[')
        address.host = address.host.substr(1, address.host.size() - 2);
      const unsigned long port = std::stoul(m[2].str());
      if (port == 0 || port > 65535)
        return FailedPreconditionError("node printed port " + m[2].str());
      address.port = static_cast<uint16_t>(port);
      return address;
    }
    if (ended) {
      return FailedPreconditionError("creditnode ended (" + exit_->ToString() +
                                     ") before printing its URL; stderr:\n" +
                                     Stderr() + "\nstdout:\n" + Stdout());
    }
    if (std::chrono::steady_clock::now() > deadline) {
      return UnavailableError("creditnode printed no URL in time; stderr:\n" +
                              Stderr());
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Status NodeProcess::WaitHealthy(uint16_t port,
                                std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  HttpClient client("127.0.0.1", port, std::chrono::seconds(2));
  for (;;) {
    if (Reap()) {
      return FailedPreconditionError("creditnode ended (" + exit_->ToString() +
                                     "); stderr:\n" + Stderr());
    }
    StatusOr<HttpResponse> r = client.Get("/v1/health");
    if (r.ok() && r->status == 200) return OkStatus();
    if (std::chrono::steady_clock::now() > deadline) {
      return UnavailableError("GET /v1/health did not answer 200 in time; " +
                              (r.ok() ? "status " + std::to_string(r->status)
                                      : r.status().ToString()));
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

Status NodeProcess::Kill(int signal) {
  if (exit_) return OkStatus();
  if (::kill(pid_, signal) != 0)
    return UnavailableError(std::string("kill: ") + std::strerror(errno));
  return OkStatus();
}

StatusOr<ExitStatus> NodeProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!Reap()) {
    if (std::chrono::steady_clock::now() > deadline) {
      ::kill(pid_, SIGKILL);
      int status = 0;
      while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
      }
      exit_ = Decode(status);
      return UnavailableError("creditnode did not end within " +
                              std::to_string(timeout.count()) +
                              " ms; killed; stderr:\n" + Stderr());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  return *exit_;
}

StatusOr<ExitStatus> RunToCompletion(const std::string& binary,
                                     const std::vector<std::string>& args,
                                     const std::string& log_prefix,
                                     std::chrono::milliseconds timeout,
                                     std::string* out, std::string* err) {
  CN_ASSIGN_OR_RETURN(std::unique_ptr<NodeProcess> process,
                      NodeProcess::Start(binary, args, log_prefix));
  StatusOr<ExitStatus> status = process->Wait(timeout);
  if (out != nullptr) *out = process->Stdout();
  if (err != nullptr) *err = process->Stderr();
  return status;
}

}  // namespace creditnode::integration
