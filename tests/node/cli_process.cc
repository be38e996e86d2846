// cli_process.h. Plain POSIX: the tests must see the binary exactly as an
// operator does (argv, exit status, stdout/stderr, signals).
#include "tests/node/cli_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <cstring>

namespace creditnode::node::testing {
namespace {

using Clock = std::chrono::steady_clock;

struct Pipes {
  int in[2] = {-1, -1};
  int out[2] = {-1, -1};
  int err[2] = {-1, -1};
};

// Forks and execs CREDITNODE_BIN; the parent keeps in[1], out[0], err[0].
pid_t Spawn(const std::vector<std::string>& args, Pipes* p) {
  if (::pipe(p->in) != 0 || ::pipe(p->out) != 0 || ::pipe(p->err) != 0) {
    ADD_FAILURE() << "pipe: " << std::strerror(errno);
    return -1;
  }
  std::vector<std::string> argv_s = {CREDITNODE_BIN};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid == 0) {
    ::dup2(p->in[0], 0);
    ::dup2(p->out[1], 1);
    ::dup2(p->err[1], 2);
    for (int fd :
         {p->in[0], p->in[1], p->out[0], p->out[1], p->err[0], p->err[1]})
      ::close(fd);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(p->in[0]);
  ::close(p->out[1]);
  ::close(p->err[1]);
  return pid;
}

// Reads what is available from the open fds in `fds` into `bufs` until
// `done()` or the deadline; an fd at EOF is closed and set to -1.
template <typename Done>
void Pump(int* fds[2], std::string* bufs[2], Clock::time_point deadline,
          Done done) {
  while (!done() && (*fds[0] >= 0 || *fds[1] >= 0)) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - Clock::now())
                          .count();
    if (left <= 0) return;
    pollfd pfd[2];
    int n = 0;
    int which[2];
    for (int i = 0; i < 2; ++i) {
      if (*fds[i] < 0) continue;
      pfd[n] = {*fds[i], POLLIN, 0};
      which[n++] = i;
    }
    if (::poll(pfd, static_cast<nfds_t>(n), static_cast<int>(left)) <= 0)
      continue;
    for (int k = 0; k < n; ++k) {
      if ((pfd[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      char buf[4096];
      const ssize_t got = ::read(pfd[k].fd, buf, sizeof(buf));
      if (got > 0) {
        bufs[which[k]]->append(buf, static_cast<size_t>(got));
      } else if (got == 0 || errno != EINTR) {
        ::close(*fds[which[k]]);
        *fds[which[k]] = -1;
      }
    }
  }
}

int WaitPid(pid_t pid, Clock::time_point deadline) {
  int status = 0;
  while (true) {
    const pid_t r = ::waitpid(pid, &status, WNOHANG);
    if (r == pid) return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (r < 0) return -1;
    if (Clock::now() >= deadline) {
      ADD_FAILURE() << "creditnode (pid " << pid
                    << ") did not exit in time; killing it";
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return -1;
    }
    ::usleep(10000);
  }
}

}  // namespace

ProcessResult RunCreditnode(const std::vector<std::string>& args,
                            const std::string& stdin_text,
                            std::chrono::seconds timeout) {
  ProcessResult result;
  Pipes p;
  const pid_t pid = Spawn(args, &p);
  if (pid < 0) return result;
  // Inputs are small (< pipe buffer), so writing before reading is safe.
  if (!stdin_text.empty() &&
      ::write(p.in[1], stdin_text.data(), stdin_text.size()) !=
          static_cast<ssize_t>(stdin_text.size())) {
    ADD_FAILURE() << "write to stdin failed";
  }
  ::close(p.in[1]);
  const auto deadline = Clock::now() + timeout;
  int* fds[2] = {&p.out[0], &p.err[0]};
  std::string* bufs[2] = {&result.out, &result.err};
  Pump(fds, bufs, deadline, [] { return false; });
  for (int* fd : fds) {
    if (*fd >= 0) ::close(*fd);
  }
  result.exit_code = WaitPid(pid, deadline);
  return result;
}

BackgroundProcess::BackgroundProcess(const std::vector<std::string>& args) {
  Pipes p;
  pid_ = Spawn(args, &p);
  if (pid_ < 0) return;
  ::close(p.in[1]);
  out_fd_ = p.out[0];
  err_fd_ = p.err[0];
}

BackgroundProcess::~BackgroundProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    int status;
    ::waitpid(pid_, &status, 0);
  }
  if (out_fd_ >= 0) ::close(out_fd_);
  if (err_fd_ >= 0) ::close(err_fd_);
}

std::string BackgroundProcess::ReadStdoutLines(size_t lines,
                                               std::chrono::seconds timeout) {
  int* fds[2] = {&out_fd_, &err_fd_};
  std::string* bufs[2] = {&out_, &err_};
  Pump(fds, bufs, Clock::now() + timeout, [&] {
    return static_cast<size_t>(std::count(out_.begin(), out_.end(), '\n')) >=
           lines;
  });
  return out_;
}

std::string BackgroundProcess::ReadStderrUntil(const std::string& needle,
                                               std::chrono::seconds timeout) {
  int* fds[2] = {&out_fd_, &err_fd_};
  std::string* bufs[2] = {&out_, &err_};
  Pump(fds, bufs, Clock::now() + timeout,
       [&] { return err_.find(needle) != std::string::npos; });
  return err_;
}

void BackgroundProcess::Signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int BackgroundProcess::Wait(std::chrono::seconds timeout) {
  if (pid_ <= 0) return -1;
  // Keep draining the pipes so the child never blocks writing its logs.
  const auto deadline = Clock::now() + timeout;
  int* fds[2] = {&out_fd_, &err_fd_};
  std::string* bufs[2] = {&out_, &err_};
  Pump(fds, bufs, deadline, [] { return false; });
  const int code = WaitPid(pid_, deadline);
  pid_ = -1;
  return code;
}

HttpResult HttpGet(uint16_t port, const std::string& path,
                   const std::string& token) {
  HttpResult result;
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return result;
  timeval tv{10, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return result;
  }
  std::string req =
      "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
  req += "\r\n";
  if (::send(fd, req.data(), req.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(req.size())) {
    ::close(fd);
    return result;
  }
  std::string raw;
  char buf[8192];
  ssize_t got;
  while ((got = ::recv(fd, buf, sizeof(buf), 0)) > 0)
    raw.append(buf, static_cast<size_t>(got));
  ::close(fd);
  // "HTTP/1.1 200 OK\r\n...\r\n\r\nbody" (the server sends Content-Length
  // and closes after the response, so the body is everything after).
  if (raw.rfind("HTTP/1.1 ", 0) != 0 || raw.size() < 12) return result;
  result.status = std::atoi(raw.substr(9, 3).c_str());
  const size_t body = raw.find("\r\n\r\n");
  if (body != std::string::npos) result.body = raw.substr(body + 4);
  return result;
}

}  // namespace creditnode::node::testing
