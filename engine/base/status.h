// Status and Result<T>: how every fallible call in the engine reports failure.
//
// No exceptions cross the library boundary: wrappers around ICU, libxml2 and libzip catch
// their failures and return a Status whose message names the place, e.g.
//   "clauses/modules/audit.xml:14: unknown reference target 'audit.4'".
// A finding in a contract is data, not an error.
#ifndef TOKKI_BASE_STATUS_H_
#define TOKKI_BASE_STATUS_H_

#include <optional>
#include <string>
#include <utility>

namespace tokki {

class Status {
 public:
  enum class Code { kOk, kInvalidInput, kNotFound, kIoError, kInternal };

  Status() = default;  // OK.
  static Status Ok() { return Status(); }
  static Status Invalid(std::string msg) { return Status(Code::kInvalidInput, std::move(msg)); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status IoError(std::string msg) { return Status(Code::kIoError, std::move(msg)); }
  static Status Internal(std::string msg) { return Status(Code::kInternal, std::move(msg)); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is "prefix: message".
  Status WithPrefix(const std::string& prefix) const {
    if (ok()) return *this;
    return Status(code_, prefix + ": " + message_);
  }

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value or the Status explaining why there is none.
template <typename T>
class Result {
 public:
  Result(T value) : value_(std::move(value)) {}          // NOLINT: implicit by design.
  Result(Status status) : status_(std::move(status)) {}  // NOLINT: must not be OK.

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace tokki

#define TOKKI_CONCAT_INNER(a, b) a##b
#define TOKKI_CONCAT(a, b) TOKKI_CONCAT_INNER(a, b)

#define TOKKI_RETURN_IF_ERROR(expr) \
  do {                              \
    ::tokki::Status _st = (expr);   \
    if (!_st.ok()) return _st;      \
  } while (0)

#define TOKKI_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()

#define TOKKI_ASSIGN_OR_RETURN(lhs, expr) \
  TOKKI_ASSIGN_OR_RETURN_IMPL(TOKKI_CONCAT(_res_, __LINE__), lhs, expr)

#endif  // TOKKI_BASE_STATUS_H_
