// Entry kinds, origins and the parsing of stored entry bytes
// (docs/entry-format.md).

#include "ledger/entry.h"

#include <array>
#include <utility>

#include "ledger/entry_body.h"
#include "ledger/json_object_reader.h"
#include "ledger/json_parse.h"

namespace creditnode::ledger {

namespace {

constexpr std::array<std::pair<EntryKind, std::string_view>, 7> kKindNames = {{
    {EntryKind::kDishonesty, "dishonesty"},
    {EntryKind::kCommendation, "commendation"},
    {EntryKind::kRepair, "repair"},
    {EntryKind::kCorrection, "correction"},
    {EntryKind::kRevocation, "revocation"},
    {EntryKind::kObjectionOpened, "objection_opened"},
    {EntryKind::kObjectionClosed, "objection_closed"},
}};

// Signature domains (crypto/entry_signature.h, C2SP tlog-cosignature): an
// origin equal to one would make a checkpoint's key name read like one.
constexpr std::string_view kReservedOrigins[] = {"creditnode/entry/v1",
                                                 "cosignature/v1"};

bool IsOriginChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '/' || c == ':';
}

// Stored entries were checked against the publisher's date when written;
// re-reading them must not depend on today's date.
CivilDate FarFuture() { return CivilDate::FromDays(2932896); }  // 9999-12-31

Status Corrupt(const Status& status) {
  return DataLossError("entry: " + status.message());
}

}  // namespace

std::string_view EntryKindName(EntryKind kind) {
  for (const auto& [k, name] : kKindNames) {
    if (k == kind) return name;
  }
  return "unknown";
}

StatusOr<EntryKind> ParseEntryKind(std::string_view name) {
  for (const auto& [k, n] : kKindNames) {
    if (n == name) return k;
  }
  return InvalidArgumentError("kind: unknown kind \"" + std::string(name) +
                              "\"");
}

bool CarriesRecord(EntryKind kind) {
  return kind == EntryKind::kDishonesty || kind == EntryKind::kCommendation ||
         kind == EntryKind::kCorrection;
}

bool IsLifecycle(EntryKind kind) {
  return kind != EntryKind::kDishonesty && kind != EntryKind::kCommendation;
}

std::string_view SubjectTypeName(SubjectType type) {
  switch (type) {
    case SubjectType::kOrg:
      return "org";
    case SubjectType::kIndividualBusiness:
      return "individual_business";
    case SubjectType::kNaturalPerson:
      return "natural_person";
  }
  return "unknown";
}

Status ValidateOrigin(std::string_view origin) {
  if (origin.empty()) return InvalidArgumentError("must not be empty");
  if (origin.size() > 255) {
    return InvalidArgumentError("longer than 255 bytes (" +
                                std::to_string(origin.size()) + ")");
  }
  for (size_t i = 0; i < origin.size(); ++i) {
    if (!IsOriginChar(origin[i])) {
      return InvalidArgumentError("character at byte " + std::to_string(i + 1) +
                                  " is not one of a-z 0-9 - . _ / :");
    }
  }
  const char first = origin[0];
  if (!((first >= 'a' && first <= 'z') || (first >= '0' && first <= '9'))) {
    return InvalidArgumentError("must start with a letter or digit");
  }
  for (std::string_view reserved : kReservedOrigins) {
    if (origin == reserved) {
      return InvalidArgumentError("\"" + std::string(origin) +
                                  "\" is reserved");
    }
  }
  return OkStatus();
}

StatusOr<Entry> ParseEntry(std::string_view bytes) {
  StatusOr<nlohmann::json> doc = ParseJson(bytes);
  if (!doc.ok()) return Corrupt(doc.status());
  StatusOr<JsonObjectReader> top = JsonObjectReader::Of(*doc, "");
  if (!top.ok()) return Corrupt(top.status());

  Entry entry;
  StatusOr<uint64_t> version = top->RequiredUint("v");
  if (!version.ok()) return Corrupt(version.status());
  if (*version != static_cast<uint64_t>(kEntryFormatVersion)) {
    return DataLossError("entry: unsupported format version " +
                         std::to_string(*version));
  }
  StatusOr<std::string> origin = top->RequiredString("origin", 255);
  if (!origin.ok()) return Corrupt(origin.status());
  Status valid_origin = ValidateOrigin(*origin);
  if (!valid_origin.ok()) return Corrupt(valid_origin.WithPrefix("origin"));
  entry.origin = *std::move(origin);
  StatusOr<uint64_t> index = top->RequiredUint("index");
  if (!index.ok()) return Corrupt(index.status());
  entry.index = *index;
  StatusOr<std::string> issued_at = top->RequiredString("issued_at", 32);
  if (!issued_at.ok()) return Corrupt(issued_at.status());
  StatusOr<int64_t> micros = ParseRfc3339Utc(*issued_at);
  if (!micros.ok()) return Corrupt(micros.status().WithPrefix("issued_at"));
  entry.issued_at_micros = *micros;

  StatusOr<EntryDraft> body = ReadEntryBody(*top, FarFuture(), nullptr);
  if (!body.ok()) return Corrupt(body.status());
  entry.kind = body->kind;
  entry.record = std::move(body->record);
  entry.target = std::move(body->target);
  entry.json = *std::move(doc);
  return entry;
}

}  // namespace creditnode::ledger
