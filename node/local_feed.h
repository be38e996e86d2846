// LocalFeed: everything a command needs to read and write this node's own
// feed, opened from a data dir: the config, the feed key's signer, the
// RocksDB store and the group-committing writer. Owns them; the store is
// locked by RocksDB, so only one process opens a data dir at a time.
// Thread-safe as its parts are (store and writer are).
#pragma once

#include <memory>
#include <string>

#include "crypto/ed25519.h"
#include "ledger/feed_store.h"
#include "ledger/feed_writer.h"
#include "node/config.h"
#include "util/clock.h"
#include "util/status.h"

namespace creditnode::node {

class LocalFeed {
 public:
  // Opens `data_dir` made by InitDataDir. kNotFound if it was never
  // initialised; kPermissionDenied if a key file is readable by others;
  // kUnavailable if the store is locked by a running node (OpenNodeStore). Does
  // not take ownership of `clock`; it must outlive the LocalFeed.
  // `maintain_tree` false is for bench/import_tree's baseline only
  // (ledger::FeedStoreOptions::maintain_tree).
  static StatusOr<std::unique_ptr<LocalFeed>> Open(const std::string& data_dir,
                                                   const Clock* clock,
                                                   bool maintain_tree = true);

  const Config& config() const { return config_; }
  const std::string& data_dir() const { return data_dir_; }
  ledger::FeedStore* store() { return store_.get(); }
  ledger::FeedWriter* writer() { return writer_.get(); }
  const std::string& verifier_key() const { return verifier_key_; }
  // The feed key (checkpoints are signed with it, D4).
  const crypto::Signer* signer() const { return signer_.get(); }

 private:
  LocalFeed() = default;

  std::string data_dir_;
  Config config_;
  std::string verifier_key_;
  std::unique_ptr<crypto::Ed25519Signer> signer_;
  std::unique_ptr<ledger::FeedStore> store_;
  // Declared last: destroyed first, before the store and signer it uses.
  std::unique_ptr<ledger::FeedWriter> writer_;
};

struct InitOptions {
  std::string origin;                     // required, D1 origin rules
  std::string listen = "127.0.0.1:8080";  // Default: 127.0.0.1:8080
};

// How a command opens the store: as its one writer (RocksDB locks it, so
// while a node serves, others get kUnavailable("<data dir> is in use by
// another creditnode process ...") naming the lock), or read-only, which
// works beside a serving node and sees the store as of the open
// (ledger::FeedStoreOptions::read_only).
enum class StoreAccess { kWrite, kReadOnly };

// Opens the store of a data dir made by InitDataDir (its db/ directory).
// kNotFound if there is no store; the other errors are FeedStore::Open's.
// `config` (the data dir's) sizes the caches.
StatusOr<std::unique_ptr<ledger::FeedStore>> OpenNodeStore(
    const std::string& data_dir, const Config& config,
    StoreAccess access = StoreAccess::kWrite, bool maintain_tree = true);

// Creates a data dir: keys/feed.key and keys/witness.key (0600, in a 0700
// dir), config.json with a publisher and an auditor token (0600), and the
// store with the feed registered. kAlreadyExists if config.json exists;
// kInvalidArgument for a bad origin or listen address. Returns the config.
StatusOr<Config> InitDataDir(const std::string& data_dir,
                             const InitOptions& options);

}  // namespace creditnode::node
