// JsonObjectReader: path-naming field access for entry validation.

#include "ledger/json_object_reader.h"

#include <algorithm>
#include <utility>

namespace creditnode::ledger {

StatusOr<std::string> CheckedString(const nlohmann::json& value,
                                    const std::string& path, size_t max_bytes) {
  if (!value.is_string())
    return InvalidArgumentError(path + ": must be a string");
  const std::string& s = value.get_ref<const std::string&>();
  if (s.empty()) return InvalidArgumentError(path + ": must not be empty");
  if (s.size() > max_bytes) {
    return InvalidArgumentError(path + ": longer than " +
                                std::to_string(max_bytes) + " bytes");
  }
  // Control characters have no place in names, numbers or short texts and
  // would make rendered lists ambiguous; newline and tab are allowed in
  // free text only through the larger limits callers pass.
  for (unsigned char c : s) {
    if (c < 0x20 && !(max_bytes > 1000 && (c == '\n' || c == '\t'))) {
      return InvalidArgumentError(path + ": control character");
    }
  }
  return s;
}

StatusOr<JsonObjectReader> JsonObjectReader::Of(const nlohmann::json& value,
                                                std::string path) {
  if (!value.is_object()) {
    return InvalidArgumentError((path.empty() ? std::string("entry") : path) +
                                ": must be an object");
  }
  return JsonObjectReader(&value, std::move(path));
}

std::string JsonObjectReader::PathOf(std::string_view name) const {
  if (path_.empty()) return std::string(name);
  return path_ + "." + std::string(name);
}

std::string JsonObjectReader::ElementPath(std::string_view name,
                                          size_t i) const {
  return PathOf(name) + "[" + std::to_string(i) + "]";
}

void JsonObjectReader::MarkRead(std::string_view name) {
  if (std::find(read_.begin(), read_.end(), name) == read_.end()) {
    read_.push_back(name);
  }
}

const nlohmann::json* JsonObjectReader::Find(std::string_view name) {
  MarkRead(name);
  auto it = object_->find(name);
  if (it == object_->end()) return nullptr;
  return &*it;
}

StatusOr<const nlohmann::json*> JsonObjectReader::Require(
    std::string_view name) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr)
    return InvalidArgumentError(PathOf(name) + ": required");
  return value;
}

StatusOr<std::string> JsonObjectReader::RequiredString(std::string_view name,
                                                       size_t max_bytes) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, Require(name));
  return CheckedString(*value, PathOf(name), max_bytes);
}

StatusOr<std::optional<std::string>> JsonObjectReader::OptionalString(
    std::string_view name, size_t max_bytes) {
  const nlohmann::json* value = Find(name);
  if (value == nullptr) return std::optional<std::string>();
  CN_ASSIGN_OR_RETURN(std::string s,
                      CheckedString(*value, PathOf(name), max_bytes));
  return std::optional<std::string>(std::move(s));
}

StatusOr<std::string> JsonObjectReader::RequiredEnum(
    std::string_view name, const std::vector<std::string_view>& allowed) {
  CN_ASSIGN_OR_RETURN(std::string s, RequiredString(name, 64));
  for (std::string_view a : allowed) {
    if (s == a) return s;
  }
  std::string list;
  for (std::string_view a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  return InvalidArgumentError(PathOf(name) + ": \"" + s + "\" is not one of " +
                              list);
}

StatusOr<CivilDate> JsonObjectReader::RequiredDate(std::string_view name) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, Require(name));
  if (!value->is_string())
    return InvalidArgumentError(PathOf(name) + ": must be a date string");
  StatusOr<CivilDate> date =
      CivilDate::Parse(value->get_ref<const std::string&>());
  if (!date.ok()) {
    return InvalidArgumentError(PathOf(name) + ": not a date YYYY-MM-DD (" +
                                date.status().message() + ")");
  }
  return *date;
}

StatusOr<std::optional<CivilDate>> JsonObjectReader::OptionalDate(
    std::string_view name) {
  if (object_->find(name) == object_->end()) {
    MarkRead(name);
    return std::optional<CivilDate>();
  }
  CN_ASSIGN_OR_RETURN(CivilDate date, RequiredDate(name));
  return std::optional<CivilDate>(date);
}

StatusOr<bool> JsonObjectReader::RequiredBool(std::string_view name) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, Require(name));
  if (!value->is_boolean())
    return InvalidArgumentError(PathOf(name) + ": must be true or false");
  return value->get<bool>();
}

StatusOr<uint64_t> JsonObjectReader::RequiredUint(std::string_view name) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, Require(name));
  if (!value->is_number_unsigned()) {
    return InvalidArgumentError(PathOf(name) +
                                ": must be a non-negative integer");
  }
  return value->get<uint64_t>();
}

StatusOr<const nlohmann::json*> JsonObjectReader::RequiredArray(
    std::string_view name, size_t max_items) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, Require(name));
  if (!value->is_array())
    return InvalidArgumentError(PathOf(name) + ": must be an array");
  if (value->empty())
    return InvalidArgumentError(PathOf(name) + ": must not be empty");
  if (value->size() > max_items) {
    return InvalidArgumentError(PathOf(name) + ": more than " +
                                std::to_string(max_items) + " items");
  }
  return value;
}

StatusOr<const nlohmann::json*> JsonObjectReader::OptionalArray(
    std::string_view name, size_t max_items) {
  if (object_->find(name) == object_->end()) {
    MarkRead(name);
    return static_cast<const nlohmann::json*>(nullptr);
  }
  return RequiredArray(name, max_items);
}

Status JsonObjectReader::CheckNoUnknownFields() const {
  for (auto it = object_->begin(); it != object_->end(); ++it) {
    if (std::find(read_.begin(), read_.end(), it.key()) == read_.end()) {
      return InvalidArgumentError(
          (path_.empty() ? std::string() : path_ + ": ") + "unknown field \"" +
          it.key() + "\"");
    }
  }
  return OkStatus();
}

}  // namespace creditnode::ledger
