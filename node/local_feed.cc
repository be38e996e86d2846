// LocalFeed and InitDataDir (node/local_feed.h): the data dir layout of
// docs/CLI.md `init` and the one place a command opens the store.
#include "node/local_feed.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "crypto/key_file.h"
#include "crypto/random.h"
#include "crypto/verifier_key.h"
#include "ledger/entry.h"

namespace creditnode::node {
namespace {

Status MakeDir(const std::string& path, mode_t mode) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) return UnavailableError(path + ": " + ec.message());
  if (::chmod(path.c_str(), mode) != 0) {
    return UnavailableError(path + ": chmod: " + std::strerror(errno));
  }
  return OkStatus();
}

}  // namespace

StatusOr<std::unique_ptr<ledger::FeedStore>> OpenNodeStore(
    const std::string& data_dir, const Config& config, StoreAccess access,
    bool maintain_tree) {
  ledger::FeedStoreOptions store_options;
  store_options.maintain_tree = maintain_tree;
  store_options.read_only = access == StoreAccess::kReadOnly;
  store_options.block_cache_bytes = static_cast<size_t>(config.block_cache_mib)
                                    << 20;
  store_options.row_cache_bytes = static_cast<size_t>(config.row_cache_mib)
                                  << 20;
  store_options.subject_cache_bytes =
      static_cast<size_t>(config.subject_cache_mib) << 20;
  StatusOr<std::unique_ptr<ledger::FeedStore>> store =
      ledger::FeedStore::Open(DatabasePath(data_dir), store_options);
  // RocksDB reports a held lock as an I/O error on db/LOCK ("While lock
  // file: .../LOCK: Resource temporarily unavailable"); say what it means.
  if (!store.ok() && store.status().code() == StatusCode::kUnavailable &&
      store.status().message().find("LOCK") != std::string::npos) {
    return UnavailableError(
        data_dir +
        " is in use by another creditnode process (the store is locked; "
        "stop that process first, or use its HTTP API): " +
        store.status().message());
  }
  return store;
}

StatusOr<std::unique_ptr<LocalFeed>> LocalFeed::Open(
    const std::string& data_dir, const Clock* clock, bool maintain_tree) {
  CN_RETURN_IF_ERROR(crypto::InitCrypto());
  std::unique_ptr<LocalFeed> f(new LocalFeed());
  f->data_dir_ = data_dir;
  CN_ASSIGN_OR_RETURN(f->config_, LoadConfig(data_dir));
  CN_ASSIGN_OR_RETURN(
      crypto::SecretBytes seed,
      crypto::ReadKeyFile(ResolvePath(data_dir, f->config_.feed_key_file)));
  CN_ASSIGN_OR_RETURN(f->signer_, crypto::Ed25519Signer::New(seed));
  f->verifier_key_ =
      crypto::FormatVerifierKey(f->config_.origin, f->signer_->PublicKey());
  CN_ASSIGN_OR_RETURN(f->store_,
                      OpenNodeStore(data_dir, f->config_, StoreAccess::kWrite,
                                    maintain_tree));
  CN_ASSIGN_OR_RETURN(
      f->writer_, ledger::FeedWriter::New(f->store_.get(), f->config_.origin,
                                          f->signer_.get(), clock));
  return f;
}

StatusOr<Config> InitDataDir(const std::string& data_dir,
                             const InitOptions& options) {
  CN_RETURN_IF_ERROR(crypto::InitCrypto());
  CN_RETURN_IF_ERROR(
      ledger::ValidateOrigin(options.origin).WithPrefix("origin"));
  std::string host;
  uint16_t port;
  CN_RETURN_IF_ERROR(
      ParseListen(options.listen, &host, &port).WithPrefix("listen"));
  if (std::filesystem::exists(ConfigPath(data_dir))) {
    return AlreadyExistsError(data_dir +
                              " is already initialised (config.json exists)");
  }
  CN_RETURN_IF_ERROR(MakeDir(data_dir, 0700));
  CN_RETURN_IF_ERROR(MakeDir(data_dir + "/keys", 0700));

  Config config;
  config.origin = options.origin;
  config.listen = options.listen;
  CN_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair feed_key,
                      crypto::GenerateEd25519KeyPair());
  CN_ASSIGN_OR_RETURN(crypto::Ed25519KeyPair witness_key,
                      crypto::GenerateEd25519KeyPair());
  CN_RETURN_IF_ERROR(crypto::WriteKeyFile(
      ResolvePath(data_dir, config.feed_key_file), feed_key.seed));
  CN_RETURN_IF_ERROR(crypto::WriteKeyFile(
      ResolvePath(data_dir, config.witness_key_file), witness_key.seed));
  config.tokens.push_back(
      {"publisher", "publisher", crypto::RandomHexToken(32)});
  config.tokens.push_back({"auditor", "auditor", crypto::RandomHexToken(32)});

  ledger::FeedStoreOptions store_options;
  store_options.create_if_missing = true;
  CN_ASSIGN_OR_RETURN(auto store, ledger::FeedStore::Open(
                                      DatabasePath(data_dir), store_options));
  CN_RETURN_IF_ERROR(store->AddFeed(
      config.origin,
      crypto::FormatVerifierKey(config.origin, feed_key.public_key)));
  // The config is written last: its presence marks a complete data dir.
  CN_RETURN_IF_ERROR(SaveConfig(data_dir, config));
  return config;
}

}  // namespace creditnode::node
