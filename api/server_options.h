// ServerOptions: the knobs of the HTTP server (api/server.h), each with its
// default (RocksDB Options style). Value type.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace creditnode::api {

struct ServerOptions {
  // Address to listen on: an IPv4 or IPv6 literal. Default: "127.0.0.1"
  std::string host = "127.0.0.1";
  // TCP port; 0 picks a free ephemeral port (Server::Start returns the
  // bound one). Default: 0
  uint16_t port = 0;
  // Threads running the I/O loop (accept, parse, GET handlers). Default: 2
  int threads = 2;
  // Threads of the pool that runs the blocking handlers (the publish
  // routes wait for the WAL fsync; Beast #1077). Default: 2
  int blocking_threads = 2;
  // Deadline to read a request's header, and again its body; also how
  // long an idle keep-alive connection may wait before its next request.
  // Default: 30 s
  std::chrono::milliseconds read_timeout{30000};
  // Deadline to write one response. Default: 30 s
  std::chrono::milliseconds write_timeout{30000};
  // After an error response that ends a connection (400, 413, 431), how
  // long the request bytes still arriving are read and dropped, so the
  // client gets the response rather than a TCP reset. Default: 1 s
  std::chrono::milliseconds linger_timeout{1000};
  // Most bytes of a request line plus header fields; more → 431 and close.
  // Default: 8 KiB (Beast's default, set explicitly)
  uint32_t header_limit = 8 * 1024;
  // Most body bytes of POST /v1/entries; more → 413 and close.
  // Default: 64 KiB (an entry is at most 65,535 bytes, D2)
  uint64_t entry_body_limit = 64 * 1024;
  // Most body bytes of POST /v1/entries/batch; more → 413 and close.
  // Default: 16 MiB
  uint64_t batch_body_limit = 16 * 1024 * 1024;
  // Most body bytes of any other request (the GETs take none).
  // Default: 4 KiB
  uint64_t read_body_limit = 4 * 1024;
  // Responses a connection may have queued (HTTP pipelining) before the
  // server stops reading from it. Default: 8
  size_t pipeline_limit = 8;
  // Receives one line per unexpected server error (accept failures, an
  // exception escaping a handler). Called from I/O threads; must be
  // thread-safe. Default: empty (errors are dropped)
  std::function<void(std::string_view)> log;
};

}  // namespace creditnode::api
