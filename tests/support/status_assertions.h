// CN_ASSERT_OK / CN_EXPECT_OK: GoogleTest assertions that a Status or a
// StatusOr is OK, printing the status when it is not (after RocksDB's
// testharness.h ASSERT_OK). Shared by every test suite.
#pragma once

#include <gtest/gtest.h>

#include "util/status.h"

namespace creditnode::test_support {

inline const Status& StatusOf(const Status& s) { return s; }
template <typename T>
const Status& StatusOf(const StatusOr<T>& s) {
  return s.status();
}

}  // namespace creditnode::test_support

#define CN_ASSERT_OK(expr)                          \
  do {                                              \
    const ::creditnode::Status cn_s_ =              \
        ::creditnode::test_support::StatusOf(expr); \
    ASSERT_TRUE(cn_s_.ok()) << cn_s_.ToString();    \
  } while (0)
#define CN_EXPECT_OK(expr)                          \
  do {                                              \
    const ::creditnode::Status cn_s_ =              \
        ::creditnode::test_support::StatusOf(expr); \
    EXPECT_TRUE(cn_s_.ok()) << cn_s_.ToString();    \
  } while (0)
