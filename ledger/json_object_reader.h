// JsonObjectReader: reads the fields of one JSON object during entry
// validation, naming the JSON path of every problem ("decision.date: not a
// date YYYY-MM-DD") and remembering which fields were read so that any
// other field is reported as unknown. Used by entry_draft.cc and
// record_schema.cc only. Thread-compatible; borrows the object, which must
// outlive the reader.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

class JsonObjectReader {
 public:
  // kInvalidArgument("<path>: must be an object") unless `value` is one.
  // `path` is "" for the document itself.
  static StatusOr<JsonObjectReader> Of(const nlohmann::json& value,
                                       std::string path);

  // "<path>.<name>", or "<name>" at the top.
  std::string PathOf(std::string_view name) const;

  // Every `name` passed to a reader method must outlive the reader (the
  // callers pass string literals).
  //
  // The field, or nullptr if absent. Marks it as read.
  const nlohmann::json* Find(std::string_view name);
  // kInvalidArgument("<path>.<name>: required") if absent.
  StatusOr<const nlohmann::json*> Require(std::string_view name);

  // A string of 1..max_bytes bytes without control characters.
  StatusOr<std::string> RequiredString(std::string_view name, size_t max_bytes);
  StatusOr<std::optional<std::string>> OptionalString(std::string_view name,
                                                      size_t max_bytes);
  // One of `allowed`; the error lists them.
  StatusOr<std::string> RequiredEnum(
      std::string_view name, const std::vector<std::string_view>& allowed);
  StatusOr<CivilDate> RequiredDate(std::string_view name);
  StatusOr<std::optional<CivilDate>> OptionalDate(std::string_view name);
  StatusOr<bool> RequiredBool(std::string_view name);
  StatusOr<uint64_t> RequiredUint(std::string_view name);
  // A non-empty array (at most max_items); each element is checked by the
  // caller using ElementPath.
  StatusOr<const nlohmann::json*> RequiredArray(std::string_view name,
                                                size_t max_items);
  StatusOr<const nlohmann::json*> OptionalArray(std::string_view name,
                                                size_t max_items);
  std::string ElementPath(std::string_view name, size_t i) const;

  // kInvalidArgument("<path>: unknown field \"x\"") for the first field in
  // key order that was never read.
  Status CheckNoUnknownFields() const;

 private:
  JsonObjectReader(const nlohmann::json* object, std::string path)
      : object_(object), path_(std::move(path)) {}

  const nlohmann::json* object_;
  std::string path_;
  void MarkRead(std::string_view name);

  // Field names read so far. They are the string literals of the callers
  // (a vector of views: no allocation per field on the lookup path).
  std::vector<std::string_view> read_;
};

// Checks a string value found at `path` (shared with array elements).
StatusOr<std::string> CheckedString(const nlohmann::json& value,
                                    const std::string& path, size_t max_bytes);

}  // namespace creditnode::ledger
