// Status and StatusOr<T>: the one error type of CreditNode (style R1).
//
// Modelled on absl::Status: a code from a subset of google.rpc.Code plus a
// message that names the rule that failed ("uscc: check character mismatch").
// Both types are [[nodiscard]]; a deliberate ignore is spelled IgnoreError().
// Thread-compatible: const methods may be called concurrently.
#pragma once

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace creditnode {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kFailedPrecondition,
  kPermissionDenied,
  kUnauthenticated,
  kResourceExhausted,
  kDataLoss,
  kUnavailable,
  kInternal,
};

// "OK", "INVALID_ARGUMENT", ...: the google.rpc.Code names.
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  // REQUIRES: code != kOk (use the default constructor for OK).
  Status(StatusCode code, std::string message);

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // "INVALID_ARGUMENT: uscc: check character mismatch", or "OK".
  std::string ToString() const;

  // Returns a copy whose message is "<prefix>: <message>"; OK stays OK.
  Status WithPrefix(std::string_view prefix) const;

  // Marks a status as deliberately ignored (grep for it in review).
  void IgnoreError() const {}

  friend bool operator==(const Status& a, const Status& b) {
    return a.code_ == b.code_ && a.message_ == b.message_;
  }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status OkStatus() { return Status(); }
Status InvalidArgumentError(std::string message);
Status NotFoundError(std::string message);
Status AlreadyExistsError(std::string message);
Status FailedPreconditionError(std::string message);
Status PermissionDeniedError(std::string message);
Status UnauthenticatedError(std::string message);
Status ResourceExhaustedError(std::string message);
Status DataLossError(std::string message);
Status UnavailableError(std::string message);
Status InternalError(std::string message);

// Holds either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] StatusOr {
 public:
  // REQUIRES: !status.ok().
  StatusOr(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
    if (status_.ok()) status_ = InternalError("StatusOr built from OK status");
  }
  StatusOr(T value) : value_(std::move(value)) {}  // NOLINT
  template <typename U,
            typename = std::enable_if_t<std::is_convertible_v<U&&, T> &&
                                        !std::is_same_v<std::decay_t<U>, T> &&
                                        !std::is_same_v<std::decay_t<U>, Status>>>
  StatusOr(U&& value) : value_(T(std::forward<U>(value))) {}  // NOLINT

  bool ok() const { return status_.ok(); }
  const Status& status() const& { return status_; }
  Status status() && { return std::move(status_); }

  // REQUIRES: ok().
  const T& value() const& { assert(ok()); return *value_; }
  T& value() & { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  const T& operator*() const& { return value(); }
  T& operator*() & { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  const T* operator->() const { return &value(); }
  T* operator->() { return &value(); }

  void IgnoreError() const {}

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace creditnode

#define CN_STATUS_CONCAT_INNER_(a, b) a##b
#define CN_STATUS_CONCAT_(a, b) CN_STATUS_CONCAT_INNER_(a, b)

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define CN_RETURN_IF_ERROR(expr)                   \
  do {                                             \
    ::creditnode::Status cn_status_ = (expr);      \
    if (!cn_status_.ok()) return cn_status_;       \
  } while (0)

// `lhs = *expr` if `expr` (a StatusOr) is OK, else returns its status.
#define CN_ASSIGN_OR_RETURN(lhs, expr) \
  CN_ASSIGN_OR_RETURN_IMPL_(CN_STATUS_CONCAT_(cn_statusor_, __LINE__), lhs, expr)
#define CN_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                              \
  if (!tmp.ok()) return std::move(tmp).status();  \
  lhs = std::move(tmp).value()
