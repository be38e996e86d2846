// verify_rate: the ceiling for issue 4's audit bar (">= 8,000 entries/s per
// core verified, signature-bound"). Signs N messages of the mean entry size
// with a fresh Ed25519 key and times verifying them on one thread with the
// same libsodium call the auditor uses: entries/s of signature checks alone,
// without parsing, leaf hashing or tree folding.
//
//   verify_rate --count N --bytes B
#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "crypto/ed25519.h"

int main(int argc, char** argv) {
  namespace crypto = creditnode::crypto;
  CLI::App app{"Ed25519 verifications per second on one thread"};
  size_t count = 20000, bytes = 900;
  app.add_option("--count", count, "Messages to verify");
  app.add_option("--bytes", bytes, "Bytes per message");
  CLI11_PARSE(app, argc, argv);

  if (!crypto::InitCrypto().ok()) return 1;
  auto pair = crypto::GenerateEd25519KeyPair();
  if (!pair.ok()) return 1;
  auto signer = crypto::Ed25519Signer::New(pair->seed);
  auto verifier = crypto::Ed25519Verifier::New(pair->public_key);
  if (!signer.ok() || !verifier.ok()) return 1;
  std::vector<std::string> messages(count), signatures(count);
  for (size_t i = 0; i < count; ++i) {
    messages[i] =
        std::string(bytes, static_cast<char>('a' + i % 26)) + std::to_string(i);
    auto sig = (*signer)->Sign(messages[i]);
    if (!sig.ok()) return 1;
    signatures[i] = *std::move(sig);
  }
  const auto start = std::chrono::steady_clock::now();
  for (size_t i = 0; i < count; ++i) {
    if (!(*verifier)->Verify(signatures[i], messages[i]).ok()) {
      std::fprintf(stderr, "error: signature %zu does not verify\n", i);
      return 1;
    }
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  std::printf(
      "verify_rate: %zu Ed25519 verifications of %zu bytes in %.2f s = "
      "%.0f/s on one thread\n",
      count, bytes, secs, static_cast<double>(count) / secs);
  return 0;
}
