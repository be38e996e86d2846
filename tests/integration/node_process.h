// NodeProcess: one run of the real `creditnode` executable for the
// integration tests. fork + execv with the given arguments, stdout and
// stderr captured to files, then: wait for the URL the node prints (or for
// GET /v1/health to answer), send signals, wait for the exit status.
// The child starts from a fresh process image (execv), never from a fork
// of this multi-threaded test, and gets the default signal dispositions,
// an empty signal mask and only fds 0-2.
// Thread-compatible: one thread at a time drives a NodeProcess.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/status.h"

namespace creditnode::integration {

// How a process ended, from waitpid().
struct ExitStatus {
  bool exited = false;  // exited on its own; `code` is valid
  int code = -1;
  bool signaled = false;  // killed by `signal`
  int signal = 0;

  bool Success() const { return exited && code == 0; }
  // "exit code 3", "killed by signal 9".
  std::string ToString() const;
};

// The address a node listens on, read from its "http://HOST:PORT/" line.
struct NodeAddress {
  std::string host;
  uint16_t port = 0;
};

class NodeProcess {
 public:
  // Starts `binary` with `args` (argv[1..]); its stdout and stderr go to
  // `log_prefix` + ".stdout" / ".stderr" (truncated). kUnavailable if
  // fork fails; an execv failure shows as exit code 127.
  static StatusOr<std::unique_ptr<NodeProcess>> Start(
      const std::string& binary, const std::vector<std::string>& args,
      const std::string& log_prefix);

  // SIGKILLs and reaps the process if it is still running.
  ~NodeProcess();

  NodeProcess(const NodeProcess&) = delete;
  NodeProcess& operator=(const NodeProcess&) = delete;

  pid_t pid() const { return pid_; }

  // Waits until the process prints "http://HOST:PORT/" on stdout or stderr
  // and returns that address. kFailedPrecondition (with its output) if the
  // process exits first; kUnavailable after `timeout`.
  StatusOr<NodeAddress> WaitForUrl(std::chrono::milliseconds timeout);

  // Waits until GET /v1/health on 127.0.0.1:`port` answers 200.
  // kFailedPrecondition if the process exits first; kUnavailable after
  // `timeout`.
  Status WaitHealthy(uint16_t port, std::chrono::milliseconds timeout);

  // Sends `signal`. OK if the process was already reaped (nothing to do).
  Status Kill(int signal);

  // Waits for the process to end and returns how; after `timeout` it is
  // SIGKILLed and kUnavailable returned. Idempotent once it has ended.
  StatusOr<ExitStatus> Wait(std::chrono::milliseconds timeout);

  // True while the process has not ended (reaps it if it has).
  bool Running();

  // Everything captured so far.
  std::string Stdout() const;
  std::string Stderr() const;

 private:
  NodeProcess(pid_t pid, std::string log_prefix)
      : pid_(pid), log_prefix_(std::move(log_prefix)) {}
  // waitpid(WNOHANG); true if the process has ended (exit_ is set).
  bool Reap();

  const pid_t pid_;
  const std::string log_prefix_;
  std::optional<ExitStatus> exit_;
};

// Runs `binary` with `args` to completion (at most `timeout`, then it is
// killed and kUnavailable returned) and returns its exit status; output is
// captured at `log_prefix`.stdout/.stderr and returned through `out` and
// `err` if non-null.
StatusOr<ExitStatus> RunToCompletion(const std::string& binary,
                                     const std::vector<std::string>& args,
                                     const std::string& log_prefix,
                                     std::chrono::milliseconds timeout,
                                     std::string* out = nullptr,
                                     std::string* err = nullptr);

// Reads a whole file; empty if it cannot be read.
std::string ReadWholeFile(const std::string& path);

}  // namespace creditnode::integration
