// SecretBytes (crypto/secret_bytes.h): contents, move-only ownership, and
// no way to print it. The wipe on destruction cannot be observed without
// reading freed memory, so it is left to review of secret_bytes.cc.
#include "crypto/secret_bytes.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <type_traits>
#include <utility>

namespace creditnode::crypto {
namespace {

template <typename T, typename = void>
struct IsStreamable : std::false_type {};
template <typename T>
struct IsStreamable<T, std::void_t<decltype(std::declval<std::ostream&>()
                                            << std::declval<T>())>>
    : std::true_type {};

static_assert(!std::is_copy_constructible_v<SecretBytes>);
static_assert(!std::is_copy_assignable_v<SecretBytes>);
static_assert(std::is_nothrow_move_constructible_v<SecretBytes>);
static_assert(std::is_nothrow_move_assignable_v<SecretBytes>);
static_assert(!IsStreamable<const SecretBytes&>::value,
              "SecretBytes must not be printable");

TEST(SecretBytesTest, SizedSecretIsZeroFilled) {
  const SecretBytes secret(32);
  ASSERT_EQ(secret.size(), 32u);
  EXPECT_EQ(secret.view(), std::string(32, '\0'));
}

TEST(SecretBytesTest, DefaultSecretIsEmpty) {
  const SecretBytes secret;
  EXPECT_EQ(secret.size(), 0u);
  EXPECT_TRUE(secret.view().empty());
}

TEST(SecretBytesTest, CopyHoldsTheBytes) {
  const std::string bytes("k\0ey", 4);
  const SecretBytes secret = SecretBytes::Copy(bytes);
  EXPECT_EQ(secret.view(), bytes);
  EXPECT_EQ(secret.data()[1], 0);
}

TEST(SecretBytesTest, MoveTransfersTheBytesAndEmptiesTheSource) {
  SecretBytes source = SecretBytes::Copy("seed");
  SecretBytes moved(std::move(source));
  EXPECT_EQ(moved.view(), "seed");
  EXPECT_EQ(source.size(),
            0u);  // NOLINT(bugprone-use-after-move): documented state
}

TEST(SecretBytesTest, MoveAssignmentReplacesTheBytesAndEmptiesTheSource) {
  SecretBytes target = SecretBytes::Copy("old secret");
  SecretBytes source = SecretBytes::Copy("new");
  target = std::move(source);
  EXPECT_EQ(target.view(), "new");
  EXPECT_EQ(source.size(),
            0u);  // NOLINT(bugprone-use-after-move): documented state
}

TEST(SecretBytesTest, WritesThroughDataAreVisibleInView) {
  SecretBytes secret(3);
  secret.data()[0] = 'a';
  secret.data()[2] = 'c';
  EXPECT_EQ(secret.view(), std::string("a\0c", 3));
}

}  // namespace
}  // namespace creditnode::crypto
