// Runs the real `creditnode` binary (path CREDITNODE_BIN, set by CMake) as
// a child process for the CLI tests: fork + execv with pipes for stdin,
// stdout and stderr, poll() with deadlines so a hung child fails the test
// instead of hanging it. Also a minimal HTTP/1.1 GET over a plain socket,
// to query a running node without Beast (which stays in api/).
// Not thread-safe: one test thread.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace creditnode::node::testing {

struct ProcessResult {
  int exit_code = -1;  // -1 if killed by a signal or timed out
  std::string out;
  std::string err;
};

// Runs `creditnode args...` to completion with `stdin_text` as input;
// SIGKILLs it (and fails the test) after `timeout`.
ProcessResult RunCreditnode(
    const std::vector<std::string>& args, const std::string& stdin_text = "",
    std::chrono::seconds timeout = std::chrono::seconds(30));

// A long-running `creditnode` (serve, demo). The destructor SIGKILLs it if
// it is still running.
class BackgroundProcess {
 public:
  explicit BackgroundProcess(const std::vector<std::string>& args);
  ~BackgroundProcess();
  BackgroundProcess(const BackgroundProcess&) = delete;
  BackgroundProcess& operator=(const BackgroundProcess&) = delete;

  // Reads stdout until it holds `lines` complete lines or the deadline;
  // returns what was read (all of it).
  std::string ReadStdoutLines(size_t lines, std::chrono::seconds timeout);
  // Reads stderr until its text contains `needle` or the deadline; returns
  // everything read so far.
  std::string ReadStderrUntil(const std::string& needle,
                              std::chrono::seconds timeout);
  void Signal(int sig);
  // Waits for the exit; its code, or -1 (killed by a signal, or not done
  // within `timeout`: then it is SIGKILLed).
  int Wait(std::chrono::seconds timeout);

 private:
  pid_t pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
  std::string err_;
};

struct HttpResult {
  int status = 0;  // 0 if no response
  std::string body;
};
// GET `path` from 127.0.0.1:`port` with an optional bearer token.
HttpResult HttpGet(uint16_t port, const std::string& path,
                   const std::string& token = "");

}  // namespace creditnode::node::testing
