// Helpers shared by the crypto tests: status assertions that print the
// status message, and hex literals for known-answer vectors.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "util/encoding.h"
#include "util/status.h"

namespace creditnode::crypto::testing {

inline ::testing::AssertionResult IsOk(const Status& status) {
  if (status.ok()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << status.ToString();
}
template <typename T>
::testing::AssertionResult IsOk(const StatusOr<T>& status_or) {
  return IsOk(status_or.status());
}

// OK-ness and code in one assertion, printing the status on failure.
inline ::testing::AssertionResult HasCode(const Status& status,
                                          StatusCode code) {
  if (status.code() == code) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected " << StatusCodeName(code)
                                       << ", got " << status.ToString();
}
template <typename T>
::testing::AssertionResult HasCode(const StatusOr<T>& status_or,
                                   StatusCode code) {
  return HasCode(status_or.status(), code);
}

// The bytes of a hex literal. REQUIRES: `hex` is valid hex (test data).
inline std::string Hex(std::string_view hex) {
  StatusOr<std::string> bytes = HexDecode(hex);
  EXPECT_TRUE(bytes.ok()) << "bad hex in test data: " << hex;
  return bytes.ok() ? *bytes : std::string();
}

}  // namespace creditnode::crypto::testing
