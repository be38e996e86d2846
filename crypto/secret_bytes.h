// SecretBytes: private key material. Zeroed (sodium_memzero) on destruction,
// move-only, and never printed (Tink secret_data.h). Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace creditnode::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  // `size` zero bytes.
  explicit SecretBytes(size_t size);
  // Copies `bytes`; the caller should wipe its own copy.
  static SecretBytes Copy(std::string_view bytes);
  ~SecretBytes();

  // A moved-from SecretBytes is empty; a move-assigned one wipes its old
  // bytes first.
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  uint8_t* data() { return bytes_.data(); }
  const uint8_t* data() const { return bytes_.data(); }
  size_t size() const { return bytes_.size(); }
  std::string_view view() const {
    return {reinterpret_cast<const char*>(bytes_.data()), bytes_.size()};
  }

 private:
  void Wipe();
  std::vector<uint8_t> bytes_;
};

}  // namespace creditnode::crypto
