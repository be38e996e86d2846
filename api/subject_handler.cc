// SubjectHandler (api/subject_handler.h). The view is chosen by the token
// alone (D8; docs/openapi.yaml, /v1/subjects/{id}); ledger::
// FindSubjectEntries does the filtering from the index rows, this file the
// rendering and, in the public view, the masking of every resident ID (in
// the echoed query, in subject.ids and in each entry through
// ledger::MaskPersonalIdsInBytes). Entries are embedded as their stored
// bytes (canonical JSON, D2): nothing is parsed or re-serialised.
#include "api/subject_handler.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http_status.h"
#include "api/json_response.h"
#include "api/uri.h"
#include "ledger/subject_id.h"
#include "ledger/subject_lookup.h"
#include "util/civil_date.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

nlohmann::json SubjectJson(const std::string& query,
                           const std::vector<ledger::SubjectId>& ids,
                           bool is_public) {
  bool has_resident_id = false;
  for (const ledger::SubjectId& id : ids) {
    has_resident_id |= id.scheme == ledger::IdScheme::kResidentId;
  }
  // An 18-character query can be both a valid USCC and a valid resident
  // ID; in the public view every echo of it is masked then, the USCC
  // reading included, since nothing tells which one the client meant.
  auto shown = [&](const std::string& value) {
    return is_public && has_resident_id ? ledger::MaskResidentId(value) : value;
  };
  nlohmann::json id_list = nlohmann::json::array();
  std::optional<std::string> org_code;
  for (const ledger::SubjectId& id : ids) {
    id_list.push_back({{"scheme", std::string(IdSchemeName(id.scheme))},
                       {"value", shown(id.value)}});
    if (org_code.has_value()) continue;
    if (id.scheme == ledger::IdScheme::kUscc) {
      org_code = ledger::OrgCodeOfUscc(id.value);
    } else if (id.scheme == ledger::IdScheme::kOrgCode) {
      org_code = id.value;
    }
  }
  nlohmann::json subject = {{"query", shown(query)},
                            {"ids", std::move(id_list)}};
  if (org_code.has_value() && !(is_public && has_resident_id)) {
    subject["org_code"] = *org_code;
  }
  return subject;
}

// `text` as a JSON string, unescaped: only for text that needs no escaping
// (origins, which ValidateOrigin limits to [a-z0-9._/:-]; dates; names of
// kinds, roles and states).
void AppendPlain(std::string_view text, std::string* out) {
  *out += '"';
  *out += text;
  *out += '"';
}

void AppendRef(const ledger::EntryRef& ref, std::string* out) {
  *out += "{\"index\":";
  *out += std::to_string(ref.index);
  *out += ",\"origin\":";
  AppendPlain(ref.origin, out);
  *out += '}';
}

// One element of "entries", written directly (this is the hot path of the
// public website): the item's fields, then "entry" as the stored bytes
// (masked in the public view) spliced in without re-serialising.
void AppendItemJson(const ledger::SubjectEntry& item, bool is_public,
                    std::string* out) {
  *out += "{\"index\":";
  *out += std::to_string(item.stored.ref.index);
  *out += ",\"issued_at\":";
  AppendPlain(FormatRfc3339Utc(item.summary.issued_at_micros), out);
  *out += ",\"kind\":";
  AppendPlain(EntryKindName(item.summary.kind), out);
  *out += ",\"match\":";
  AppendPlain(
      item.role == ledger::IndexRole::kSubject ? "subject" : "associate", out);
  *out += ",\"origin\":";
  AppendPlain(item.stored.ref.origin, out);
  *out += ",\"status\":";
  if (item.status.has_value()) {
    AppendPlain(RecordStateName(item.status->state), out);
    if (item.status->by.has_value()) {
      *out += ",\"status_by\":";
      AppendRef(*item.status->by, out);
    }
  } else {
    *out += "null";
  }
  *out += ",\"entry\":";
  *out += is_public ? ledger::MaskPersonalIdsInBytes(item.stored.bytes)
                    : item.stored.bytes;
  *out += '}';
}

}  // namespace

SubjectHandler::SubjectHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response SubjectHandler::Get(
    const Request& request, std::string_view encoded_id,
    const std::map<std::string, std::string>& query) const {
  Metrics::Global().Add(Counter::kSubjectLookups);
  // No header: the public view. A header that fails is an error, not a
  // silent downgrade: the client asked for the full view.
  bool is_public = true;
  if (!request.authorization.empty()) {
    StatusOr<Role> role = deps_.tokens->Authenticate(request.authorization);
    if (!role.ok()) return ErrorResponse(role.status());
    is_public = false;
  }
  for (const auto& [name, value] : query) {
    if (name != "as_of" && name != "scheme") {
      return ErrorResponse(
          InvalidArgumentError("query: unknown parameter \"" + name + "\""));
    }
  }
  StatusOr<std::string> id_text = PercentDecode(encoded_id);
  if (!id_text.ok()) return ErrorResponse(id_text.status().WithPrefix("id"));

  const CivilDate today = CivilDate::FromUnixMicros(deps_.clock->NowMicros());
  CivilDate as_of = today;
  if (auto it = query.find("as_of"); it != query.end()) {
    StatusOr<CivilDate> parsed = CivilDate::Parse(it->second);
    if (!parsed.ok()) return ErrorResponse(parsed.status().WithPrefix("as_of"));
    as_of = *parsed;
  }
  std::vector<ledger::SubjectId> ids;
  if (auto it = query.find("scheme"); it != query.end()) {
    StatusOr<ledger::IdScheme> scheme = ledger::ParseIdScheme(it->second);
    if (!scheme.ok())
      return ErrorResponse(scheme.status().WithPrefix("scheme"));
    StatusOr<ledger::SubjectId> id =
        ledger::ParseSubjectIdAt(*scheme, *id_text, today);
    if (!id.ok()) return ErrorResponse(id.status().WithPrefix("id"));
    ids.push_back(*std::move(id));
  } else {
    StatusOr<std::vector<ledger::SubjectId>> interpreted =
        ledger::InterpretSubjectIdAt(*id_text, today);
    if (!interpreted.ok()) {
      return ErrorResponse(interpreted.status().WithPrefix("id"));
    }
    ids = *std::move(interpreted);
  }

  ledger::LookupOptions options;
  options.view =
      is_public ? ledger::LookupView::kPublic : ledger::LookupView::kFull;
  options.as_of = as_of;
  options.limit = kLookupLimit;
  StatusOr<std::vector<ledger::SubjectEntry>> items =
      ledger::FindSubjectEntries(*deps_.reader, ids, options);
  if (!items.ok()) return ErrorResponse(items.status());

  nlohmann::json head = {
      {"subject", SubjectJson(*id_text, ids, is_public)},
      {"view", is_public ? "public" : "full"},
      {"as_of", as_of.ToString()},
  };
  Response response;
  response.status = 200;
  std::string& body = response.body;
  body = DumpJson(head);
  body.pop_back();
  body += ",\"entries\":[";
  for (size_t i = 0; i < items->size(); ++i) {
    if (i > 0) body += ',';
    AppendItemJson((*items)[i], is_public, &body);
  }
  body += "]}";
  return response;
}

}  // namespace creditnode::api
