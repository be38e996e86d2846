// Config: a node's settings, kept as <data dir>/config.json (mode 0600: it
// holds the API tokens). Written by `creditnode init`, read by every other
// command. Format in docs/OPERATIONS.md. Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/status.h"

namespace creditnode::node {

struct TokenConfig {
  std::string name;   // who holds it, e.g. "publisher"
  std::string role;   // "publisher" or "auditor"
  std::string token;  // 64 hex characters
};

struct Config {
  std::string origin;                     // this node's feed (D1)
  std::string listen = "127.0.0.1:8080";  // HOST:PORT. Default: 127.0.0.1:8080
  std::string feed_key_file = "keys/feed.key";  // relative to the data dir
  std::string witness_key_file = "keys/witness.key";
  std::vector<TokenConfig> tokens;
  int http_threads = 2;  // Default: 2
  // RocksDB block cache shared by all column families, in MiB; 0 turns it
  // off. Blocks it misses come from the OS page cache (at 1M entries, 2048
  // measured no faster than 256, docs/PERFORMANCE.md). Default: 256
  int block_cache_mib = 256;
  // RocksDB row cache, in MiB; 0 turns it off. Lookups read entries by
  // point reads, which a hit answers without searching blocks: at 1M
  // entries, ~+6% lookups once warm (docs/PERFORMANCE.md). Fills as
  // entries are read. Default: 1024
  int row_cache_mib = 1024;
  // Cache of the subject-index rows of recently looked-up IDs, in MiB
  // (ledger/subject_cache.h); 0 turns it off. A hit skips the index seek
  // of a lookup; kept exact as entries are appended. Default: 256
  int subject_cache_mib = 256;

  // The first token with `role`, or empty.
  std::string TokenFor(const std::string& role) const;
};

// Paths inside a data dir.
std::string ConfigPath(const std::string& data_dir);
std::string DatabasePath(const std::string& data_dir);
// `file` if absolute, else data_dir/file.
std::string ResolvePath(const std::string& data_dir, const std::string& file);

// kNotFound if absent ("run `creditnode init` first"); kInvalidArgument
// naming the field if malformed or unknown fields are present.
StatusOr<Config> LoadConfig(const std::string& data_dir);
// Writes atomically (temp file + rename), mode 0600.
Status SaveConfig(const std::string& data_dir, const Config& config);

// Splits "HOST:PORT". kInvalidArgument unless PORT is 0..65535.
Status ParseListen(const std::string& listen, std::string* host,
                   uint16_t* port);

}  // namespace creditnode::node
