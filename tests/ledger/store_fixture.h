// Shared fixtures for the storage tests: a fresh temporary directory per
// test (removed afterwards), deterministic Ed25519 feed keys, status
// assertions, and raw RocksDB writes to damage a closed store.
#pragma once

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/secret_bytes.h"
#include "crypto/verifier_key.h"
#include "tests/support/status_assertions.h"
#include "tests/support/temp_dir.h"
#include "util/status.h"

namespace creditnode::ledger::testing {

using ::creditnode::test_support::TempDir;

// A feed key from a fixed seed (32 copies of `seed_byte`), and its D4
// verifier key string for `origin`.
struct TestFeedKey {
  std::unique_ptr<crypto::Ed25519Signer> signer;
  std::string verifier_key;
};

inline TestFeedKey MakeFeedKey(const std::string& origin, char seed_byte) {
  TestFeedKey key;
  EXPECT_TRUE(crypto::InitCrypto().ok());
  auto signer = crypto::Ed25519Signer::New(
      crypto::SecretBytes::Copy(std::string(32, seed_byte)));
  if (!signer.ok()) {
    ADD_FAILURE() << signer.status().ToString();
    return key;
  }
  key.signer = *std::move(signer);
  key.verifier_key = crypto::FormatVerifierKey(origin, key.signer->PublicKey());
  return key;
}

// Writes `value` at `key` of column family `family` with RocksDB itself,
// as a foreign writer, a later version or a bad disk would. The store at
// `path` must be closed.
inline void RawPut(const std::string& path, const std::string& family,
                   const std::string& key, const std::string& value) {
  rocksdb::DBOptions options;
  std::vector<std::string> names;
  ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> descriptors;
  for (const std::string& name : names) {
    descriptors.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  ASSERT_TRUE(
      rocksdb::DB::Open(options, path, descriptors, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  bool found = false;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] != family) continue;
    found = true;
    EXPECT_TRUE(db->Put(rocksdb::WriteOptions(), handles[i], key, value).ok());
  }
  EXPECT_TRUE(found) << "no column family " << family;
  for (auto* h : handles) EXPECT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
}

}  // namespace creditnode::ledger::testing
