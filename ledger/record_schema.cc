// Record validation: every rule here is listed in docs/entry-format.md.

#include "ledger/record_schema.h"

#include <utility>
#include <vector>

#include "ledger/subject_id.h"

namespace creditnode::ledger {

namespace {

constexpr size_t kNameBytes = 300;
constexpr size_t kShortTextBytes = 1000;
constexpr size_t kFreeTextBytes = 8000;
constexpr size_t kMaxIds = 8;
constexpr size_t kMaxAssociates = 16;
constexpr size_t kMaxLegalBasis = 20;

// Hand-written rather than std::regex: these run for every entry a lookup
// parses, and std::regex costs microseconds per match.
bool IsLowerAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// [a-z][a-z0-9_]{1,31}
bool IsSchemeName(const std::string& s) {
  if (s.size() < 2 || s.size() > 32 || !(s[0] >= 'a' && s[0] <= 'z'))
    return false;
  for (char c : s) {
    if (!IsLowerAlnum(c)) return false;
  }
  return true;
}

// [a-z][a-z0-9_]*(\.[a-z0-9_]+)+, at most 64 bytes
bool IsListCode(const std::string& s) {
  if (s.empty() || s.size() > 64 || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  size_t dots = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '.') {
      if (i + 1 == s.size() || s[i + 1] == '.') return false;
      ++dots;
    } else if (!IsLowerAlnum(s[i])) {
      return false;
    }
  }
  return dots > 0;
}

// (0|[1-9][0-9]{0,15})(\.[0-9]{1,2})?
bool IsDecimalAmount(const std::string& s) {
  size_t dot = s.find('.');
  std::string_view whole = std::string_view(s).substr(0, dot);
  if (whole.empty() || whole.size() > 16 ||
      (whole.size() > 1 && whole[0] == '0'))
    return false;
  for (char c : whole) {
    if (!IsDigit(c)) return false;
  }
  if (dot == std::string::npos) return true;
  std::string_view frac = std::string_view(s).substr(dot + 1);
  if (frac.empty() || frac.size() > 2) return false;
  for (char c : frac) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

// "ids": [{scheme, value}]. Known schemes (D7) are validated, normalised
// and returned; other schemes (a foreign passport, a court case party
// number) are kept as opaque strings and not indexed.
Status ReadIds(JsonObjectReader& owner, bool required, CivilDate today,
               nlohmann::json* normalised_ids, std::vector<SubjectId>* out) {
  const nlohmann::json* ids = nullptr;
  if (required) {
    CN_ASSIGN_OR_RETURN(ids, owner.RequiredArray("ids", kMaxIds));
  } else {
    CN_ASSIGN_OR_RETURN(ids, owner.OptionalArray("ids", kMaxIds));
    if (ids == nullptr) return OkStatus();
  }
  for (size_t i = 0; i < ids->size(); ++i) {
    const std::string path = owner.ElementPath("ids", i);
    CN_ASSIGN_OR_RETURN(JsonObjectReader id,
                        JsonObjectReader::Of((*ids)[i], path));
    CN_ASSIGN_OR_RETURN(std::string scheme, id.RequiredString("scheme", 32));
    CN_ASSIGN_OR_RETURN(std::string value, id.RequiredString("value", 64));
    CN_RETURN_IF_ERROR(id.CheckNoUnknownFields());
    StatusOr<IdScheme> known = ParseIdScheme(scheme);
    if (!known.ok()) {
      if (!IsSchemeName(scheme)) {
        return InvalidArgumentError(
            path + ".scheme: must be lower-case [a-z0-9_], 2-32 chars");
      }
      continue;
    }
    StatusOr<SubjectId> parsed = ParseSubjectIdAt(*known, value, today);
    if (!parsed.ok()) return parsed.status().WithPrefix(path + ".value");
    if (normalised_ids != nullptr)
      (*normalised_ids)[i]["value"] = parsed->value;
    out->push_back(*std::move(parsed));
  }
  return OkStatus();
}

Status ReadSubject(JsonObjectReader& record, CivilDate today,
                   nlohmann::json* normalised, RecordFacts* facts) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, record.Require("subject"));
  CN_ASSIGN_OR_RETURN(JsonObjectReader subject,
                      JsonObjectReader::Of(*value, record.PathOf("subject")));
  CN_ASSIGN_OR_RETURN(
      std::string type,
      subject.RequiredEnum("type",
                           {"org", "individual_business", "natural_person"}));
  facts->subject_type = type == "org" ? SubjectType::kOrg
                        : type == "individual_business"
                            ? SubjectType::kIndividualBusiness
                            : SubjectType::kNaturalPerson;
  CN_ASSIGN_OR_RETURN(facts->subject_name,
                      subject.RequiredString("name", kNameBytes));
  nlohmann::json* ids_out =
      normalised ? &(*normalised)["subject"]["ids"] : nullptr;
  CN_RETURN_IF_ERROR(
      ReadIds(subject, /*required=*/true, today, ids_out, &facts->subject_ids));
  if (facts->subject_ids.empty()) {
    return InvalidArgumentError(
        subject.PathOf("ids") +
        ": needs a uscc, org_code or resident_id to be found by");
  }
  return subject.CheckNoUnknownFields();
}

Status ReadAssociates(JsonObjectReader& record, CivilDate today,
                      nlohmann::json* normalised, RecordFacts* facts) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* list,
                      record.OptionalArray("associates", kMaxAssociates));
  if (list == nullptr) return OkStatus();
  for (size_t i = 0; i < list->size(); ++i) {
    CN_ASSIGN_OR_RETURN(
        JsonObjectReader a,
        JsonObjectReader::Of((*list)[i], record.ElementPath("associates", i)));
    CN_ASSIGN_OR_RETURN(
        std::string role,
        a.RequiredEnum("role", {"legal_rep", "principal", "actual_controller",
                                "responsible_manager"}));
    CN_ASSIGN_OR_RETURN(std::string name, a.RequiredString("name", kNameBytes));
    nlohmann::json* ids_out =
        normalised ? &(*normalised)["associates"][i]["ids"] : nullptr;
    CN_RETURN_IF_ERROR(
        ReadIds(a, /*required=*/false, today, ids_out, &facts->associate_ids));
    CN_RETURN_IF_ERROR(a.CheckNoUnknownFields());
  }
  return OkStatus();
}

Status ReadPenalty(JsonObjectReader& record) {
  const nlohmann::json* value = record.Find("penalty");
  if (value == nullptr) return OkStatus();
  CN_ASSIGN_OR_RETURN(JsonObjectReader p,
                      JsonObjectReader::Of(*value, record.PathOf("penalty")));
  CN_RETURN_IF_ERROR(p.OptionalString("class", 64).status());
  CN_RETURN_IF_ERROR(p.OptionalString("content", kShortTextBytes).status());
  CN_RETURN_IF_ERROR(
      p.OptionalString("licence_action", kShortTextBytes).status());
  for (std::string_view amount : {"fine_amount", "confiscation_amount"}) {
    CN_ASSIGN_OR_RETURN(std::optional<std::string> s,
                        p.OptionalString(amount, 20));
    if (s && !IsDecimalAmount(*s)) {
      return InvalidArgumentError(
          p.PathOf(amount) +
          ": must be a decimal string in yuan, e.g. \"50000.00\"");
    }
  }
  return p.CheckNoUnknownFields();
}

Status CheckNotBefore(CivilDate later, std::string_view later_name,
                      CivilDate earlier, std::string_view earlier_name) {
  if (later < earlier) {
    return InvalidArgumentError(std::string(later_name) + ": " +
                                later.ToString() + " must not be before " +
                                std::string(earlier_name) + " " +
                                earlier.ToString());
  }
  return OkStatus();
}

}  // namespace

Status ReadLegalBasis(JsonObjectReader& reader) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* list,
                      reader.RequiredArray("legal_basis", kMaxLegalBasis));
  for (size_t i = 0; i < list->size(); ++i) {
    CN_ASSIGN_OR_RETURN(
        JsonObjectReader b,
        JsonObjectReader::Of((*list)[i], reader.ElementPath("legal_basis", i)));
    CN_RETURN_IF_ERROR(b.RequiredString("instrument", kNameBytes).status());
    CN_RETURN_IF_ERROR(b.OptionalString("article", 100).status());
    CN_RETURN_IF_ERROR(b.CheckNoUnknownFields());
  }
  return OkStatus();
}

StatusOr<CivilDate> ReadDecision(JsonObjectReader& reader, CivilDate today,
                                 std::string* doc_no,
                                 nlohmann::json* normalised) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, reader.Require("decision"));
  CN_ASSIGN_OR_RETURN(JsonObjectReader d,
                      JsonObjectReader::Of(*value, reader.PathOf("decision")));
  CN_ASSIGN_OR_RETURN(*doc_no, d.RequiredString("doc_no", 100));
  CN_ASSIGN_OR_RETURN(CivilDate date, d.RequiredDate("date"));
  if (today < date) {
    return InvalidArgumentError(d.PathOf("date") + ": " + date.ToString() +
                                " is in the future (today is " +
                                today.ToString() + ")");
  }
  CN_ASSIGN_OR_RETURN(const nlohmann::json* auth_value, d.Require("authority"));
  CN_ASSIGN_OR_RETURN(JsonObjectReader auth,
                      JsonObjectReader::Of(*auth_value, d.PathOf("authority")));
  CN_RETURN_IF_ERROR(auth.RequiredString("name", kNameBytes).status());
  CN_ASSIGN_OR_RETURN(std::optional<std::string> uscc,
                      auth.OptionalString("uscc", 64));
  if (uscc) {
    StatusOr<SubjectId> id = ParseSubjectIdAt(IdScheme::kUscc, *uscc, today);
    if (!id.ok()) return id.status().WithPrefix(auth.PathOf("uscc"));
    if (normalised != nullptr) {
      (*normalised)["decision"]["authority"]["uscc"] = id->value;
    }
  }
  CN_RETURN_IF_ERROR(auth.CheckNoUnknownFields());
  CN_RETURN_IF_ERROR(d.CheckNoUnknownFields());
  return date;
}

StatusOr<RecordFacts> ReadRecord(JsonObjectReader& reader, EntryKind kind,
                                 CivilDate today, nlohmann::json* normalised) {
  RecordFacts facts;
  CN_RETURN_IF_ERROR(ReadSubject(reader, today, normalised, &facts));
  CN_RETURN_IF_ERROR(ReadAssociates(reader, today, normalised, &facts));
  CN_ASSIGN_OR_RETURN(facts.list, reader.RequiredString("list", 64));
  if (!IsListCode(facts.list)) {
    return InvalidArgumentError(reader.PathOf("list") +
                                ": must be a dotted lower-case code, e.g. "
                                "\"court.dishonest_debtor\"");
  }
  if (kind == EntryKind::kDishonesty) {
    CN_RETURN_IF_ERROR(
        reader.RequiredEnum("severity", {"minor", "general", "serious"})
            .status());
  } else if (reader.Find("severity") != nullptr) {
    return InvalidArgumentError(reader.PathOf("severity") +
                                ": only dishonesty records have one");
  }
  CN_RETURN_IF_ERROR(reader.RequiredString("conduct", kNameBytes).status());
  CN_RETURN_IF_ERROR(reader.OptionalString("facts", kFreeTextBytes).status());
  CN_RETURN_IF_ERROR(
      reader.OptionalString("remarks", kShortTextBytes).status());
  CN_RETURN_IF_ERROR(ReadLegalBasis(reader));
  CN_ASSIGN_OR_RETURN(CivilDate decided,
                      ReadDecision(reader, today, &facts.doc_no, normalised));
  CN_RETURN_IF_ERROR(ReadPenalty(reader));

  CN_ASSIGN_OR_RETURN(facts.effective_from,
                      reader.RequiredDate("effective_from"));
  CN_ASSIGN_OR_RETURN(facts.publish_min_until,
                      reader.OptionalDate("publish_min_until"));
  CN_ASSIGN_OR_RETURN(facts.publish_max_until,
                      reader.RequiredDate("publish_max_until"));
  CN_RETURN_IF_ERROR(CheckNotBefore(facts.effective_from,
                                    reader.PathOf("effective_from"), decided,
                                    reader.PathOf("decision.date")));
  if (facts.publish_min_until) {
    CN_RETURN_IF_ERROR(CheckNotBefore(
        *facts.publish_min_until, reader.PathOf("publish_min_until"),
        facts.effective_from, reader.PathOf("effective_from")));
    CN_RETURN_IF_ERROR(CheckNotBefore(
        facts.publish_max_until, reader.PathOf("publish_max_until"),
        *facts.publish_min_until, reader.PathOf("publish_min_until")));
  }
  CN_RETURN_IF_ERROR(CheckNotBefore(
      facts.publish_max_until, reader.PathOf("publish_max_until"),
      facts.effective_from, reader.PathOf("effective_from")));

  CN_ASSIGN_OR_RETURN(facts.is_public, reader.RequiredBool("public"));
  CN_ASSIGN_OR_RETURN(
      std::string scope,
      reader.RequiredEnum("share_scope",
                          {"public", "federation", "department"}));
  if (facts.is_public && scope != "public") {
    return InvalidArgumentError(reader.PathOf("share_scope") +
                                ": must be \"public\" when " +
                                reader.PathOf("public") + " is true");
  }
  return facts;
}

}  // namespace creditnode::ledger
