// SubjectHandler (api/subject_handler.h). The view is chosen by the token
// alone (D8; docs/openapi.yaml, /v1/subjects/{id}); ledger::
// FindSubjectPage does the filtering and paging from the index rows, this
// file the
// rendering and, in the public view, the masking of every resident ID (in
// the echoed query, in subject.ids and in each entry through
// ledger::MaskPersonalIdsInBytes). Entries are embedded as their stored
// bytes (canonical JSON, D2): nothing is parsed or re-serialised. Each
// item carries the size of its feed's latest checkpoint if that covers it,
// so a client can fetch the inclusion proof against a signed root.
#include "api/subject_handler.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/http_status.h"
#include "api/json_response.h"
#include "api/page_token.h"
#include "api/request_params.h"
#include "api/uri.h"
#include "ledger/subject_id.h"
#include "ledger/subject_lookup.h"
#include "util/civil_date.h"
#include "util/metrics.h"

namespace creditnode::api {
namespace {

// `text` as a JSON string with the escapes RFC 8259 requires. The query
// echoed here parsed as an identifier, so it is ASCII.
void AppendJsonString(std::string_view text, std::string* out) {
  *out += '"';
  for (char c : text) {
    if (c == '"' || c == '\\') {
      *out += '\\';
      *out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      *out += buf;
    } else {
      *out += c;
    }
  }
  *out += '"';
}

void AppendSubjectJson(const std::string& query,
                       const std::vector<ledger::SubjectId>& ids,
                       bool is_public, std::string* out) {
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
  std::optional<std::string> org_code;
  *out += "{\"ids\":[";
  for (size_t i = 0; i < ids.size(); ++i) {
    const ledger::SubjectId& id = ids[i];
    if (i > 0) *out += ',';
    *out += "{\"scheme\":\"";
    *out += IdSchemeName(id.scheme);
    *out += "\",\"value\":";
    AppendJsonString(shown(id.value), out);
    *out += '}';
    if (org_code.has_value()) continue;
    if (id.scheme == ledger::IdScheme::kUscc) {
      org_code = ledger::OrgCodeOfUscc(id.value);
    } else if (id.scheme == ledger::IdScheme::kOrgCode) {
      org_code = id.value;
    }
  }
  *out += ']';
  if (org_code.has_value() && !(is_public && has_resident_id)) {
    *out += ",\"org_code\":";
    AppendJsonString(*org_code, out);
  }
  *out += ",\"query\":";
  AppendJsonString(shown(query), out);
  *out += '}';
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
                    std::optional<uint64_t> checkpoint_size, std::string* out) {
  *out += "{\"checkpoint_size\":";
  *out += checkpoint_size.has_value() ? std::to_string(*checkpoint_size)
                                      : std::string("null");
  *out += ",\"index\":";
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

// The size of the latest checkpoint of each feed, read once per feed.
class CheckpointSizes {
 public:
  explicit CheckpointSizes(const ledger::FeedReader* reader)
      : reader_(reader) {}

  // The latest checkpoint size of `ref`'s feed if that checkpoint covers
  // the entry (a client can then ask for its inclusion proof), else
  // nullopt.
  StatusOr<std::optional<uint64_t>> Covering(const ledger::EntryRef& ref) {
    auto it = latest_.find(ref.origin);
    if (it == latest_.end()) {
      StatusOr<std::optional<ledger::StoredCheckpoint>> latest =
          reader_->LatestCheckpoint(ref.origin);
      if (!latest.ok()) return latest.status();
      std::optional<uint64_t> size;
      if (latest->has_value()) size = (*latest)->size;
      it = latest_.emplace(ref.origin, size).first;
    }
    if (!it->second.has_value() || ref.index >= *it->second) {
      return std::optional<uint64_t>();
    }
    return it->second;
  }

 private:
  const ledger::FeedReader* reader_;
  std::map<std::string, std::optional<uint64_t>> latest_;
};

}  // namespace

SubjectHandler::SubjectHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response SubjectHandler::Get(
    const Request& request, std::string_view encoded_id,
    const std::map<std::string, std::string>& query) const {
  // Counted once: a lookup rerun on the blocking pool was counted inline.
  if (!request.on_blocking_pool) {
    Metrics::Global().Add(Counter::kSubjectLookups);
  }
  // No header: the public view. A header that fails is an error, not a
  // silent downgrade: the client asked for the full view.
  bool is_public = true;
  if (!request.authorization.empty()) {
    StatusOr<Role> role = deps_.tokens->Authenticate(request.authorization);
    if (!role.ok()) return ErrorResponse(role.status());
    is_public = false;
  }
  if (Status s = CheckQueryNames(
          query, {"as_of", "scheme", "page_size", "page_token"});
      !s.ok()) {
    return ErrorResponse(s);
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
  options.limit = request.on_blocking_pool
                      ? kMatchLimit
                      : std::min(kMatchLimit, deps_.inline_match_limit);
  options.page_size = kMaxPageSize;
  if (auto it = query.find("page_size"); it != query.end()) {
    StatusOr<uint64_t> size = ParseDecimalU64("page_size", it->second);
    if (!size.ok()) return ErrorResponse(size.status());
    if (*size < 1 || *size > kMaxPageSize) {
      return ErrorResponse(InvalidArgumentError("page_size: must be 1 to " +
                                                std::to_string(kMaxPageSize)));
    }
    options.page_size = *size;
  }
  if (auto it = query.find("page_token"); it != query.end()) {
    StatusOr<ledger::LookupCursor> after = DecodePageToken(it->second);
    if (!after.ok()) return ErrorResponse(after.status());
    options.after = *std::move(after);
  }
  StatusOr<ledger::SubjectPage> page =
      ledger::FindSubjectPage(*deps_.reader, ids, options);
  if (!page.ok()) {
    if (page.status().code() == StatusCode::kResourceExhausted &&
        options.limit < kMatchLimit) {
      Response retry;
      retry.retry_on_blocking_pool = true;
      return retry;
    }
    return ErrorResponse(page.status());
  }
  const std::vector<ledger::SubjectEntry>& items = page->items;

  Response response;
  response.status = 200;
  std::string& body = response.body;
  body.reserve(1024 + 2048 * items.size());
  body += "{\"as_of\":\"";
  body += as_of.ToString();
  body += "\",\"subject\":";
  AppendSubjectJson(*id_text, ids, is_public, &body);
  body += ",\"view\":";
  body += is_public ? "\"public\"" : "\"full\"";
  body += ",\"entries\":[";
  CheckpointSizes checkpoints(deps_.reader);
  for (size_t i = 0; i < items.size(); ++i) {
    const ledger::SubjectEntry& item = items[i];
    StatusOr<std::optional<uint64_t>> checkpoint_size =
        checkpoints.Covering(item.stored.ref);
    if (!checkpoint_size.ok()) return ErrorResponse(checkpoint_size.status());
    if (i > 0) body += ',';
    AppendItemJson(item, is_public, *checkpoint_size, &body);
  }
  body += ']';
  if (page->next.has_value()) {
    body += ",\"next_page_token\":";
    AppendJsonString(EncodePageToken(*page->next), &body);
  }
  body += '}';
  return response;
}

}  // namespace creditnode::api
