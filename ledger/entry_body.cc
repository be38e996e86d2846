// Entry bodies by kind. The enumerations here are listed, with their
// meaning, in docs/entry-format.md and docs/lifecycle.md.

#include "ledger/entry_body.h"

#include <string>
#include <utility>

#include "ledger/record_schema.h"

namespace creditnode::ledger {

namespace {

constexpr size_t kReasonBytes = 1000;

StatusOr<EntryRef> ReadTarget(JsonObjectReader& top) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, top.Require("target"));
  CN_ASSIGN_OR_RETURN(JsonObjectReader t,
                      JsonObjectReader::Of(*value, "target"));
  CN_ASSIGN_OR_RETURN(std::string origin, t.RequiredString("origin", 255));
  CN_RETURN_IF_ERROR(ValidateOrigin(origin).WithPrefix("target.origin"));
  CN_ASSIGN_OR_RETURN(uint64_t index, t.RequiredUint("index"));
  CN_RETURN_IF_ERROR(t.CheckNoUnknownFields());
  return EntryRef{std::move(origin), index};
}

// The corrected record, complete, with its own "kind".
StatusOr<RecordFacts> ReadReplacement(JsonObjectReader& top, CivilDate today,
                                      nlohmann::json* normalised) {
  CN_ASSIGN_OR_RETURN(const nlohmann::json* value, top.Require("replacement"));
  CN_ASSIGN_OR_RETURN(JsonObjectReader r,
                      JsonObjectReader::Of(*value, "replacement"));
  CN_ASSIGN_OR_RETURN(std::string kind_name,
                      r.RequiredEnum("kind", {"dishonesty", "commendation"}));
  CN_ASSIGN_OR_RETURN(EntryKind kind, ParseEntryKind(kind_name));
  nlohmann::json* out = normalised ? &(*normalised)["replacement"] : nullptr;
  CN_ASSIGN_OR_RETURN(RecordFacts facts, ReadRecord(r, kind, today, out));
  CN_RETURN_IF_ERROR(r.CheckNoUnknownFields());
  return facts;
}

Status ReadLifecycle(JsonObjectReader& top, CivilDate today,
                     nlohmann::json* normalised, EntryDraft* draft) {
  CN_ASSIGN_OR_RETURN(draft->target, ReadTarget(top));
  CN_RETURN_IF_ERROR(top.RequiredString("reason", kReasonBytes).status());
  CN_RETURN_IF_ERROR(ReadLegalBasis(top));
  std::string doc_no;
  CN_ASSIGN_OR_RETURN(CivilDate decided,
                      ReadDecision(top, today, &doc_no, normalised));
  switch (draft->kind) {
    case EntryKind::kRepair:
      return top
          .RequiredEnum("outcome", {"stop_public_display", "remove_from_list"})
          .status();
    case EntryKind::kRevocation:
      return top
          .RequiredEnum("cause", {"decision_revoked", "decision_annulled",
                                  "court_judgment", "entered_in_error"})
          .status();
    case EntryKind::kObjectionOpened: {
      CN_RETURN_IF_ERROR(
          top.RequiredEnum("ground", {"error_or_omission", "infringes_rights",
                                      "should_have_ended"})
              .status());
      CN_ASSIGN_OR_RETURN(CivilDate due, top.RequiredDate("due_date"));
      if (due < decided) {
        return InvalidArgumentError("due_date: " + due.ToString() +
                                    " must not be before decision.date " +
                                    decided.ToString());
      }
      return OkStatus();
    }
    case EntryKind::kObjectionClosed:
      return top.RequiredEnum("outcome", {"dismissed", "upheld"}).status();
    case EntryKind::kCorrection: {
      CN_ASSIGN_OR_RETURN(RecordFacts facts,
                          ReadReplacement(top, today, normalised));
      draft->record = std::move(facts);
      return OkStatus();
    }
    case EntryKind::kDishonesty:
    case EntryKind::kCommendation:
      break;
  }
  return InternalError("lifecycle: not a lifecycle kind");
}

}  // namespace

StatusOr<EntryDraft> ReadEntryBody(JsonObjectReader& top, CivilDate today,
                                   nlohmann::json* normalised) {
  EntryDraft draft;
  CN_ASSIGN_OR_RETURN(const nlohmann::json* kind_value, top.Require("kind"));
  if (!kind_value->is_string())
    return InvalidArgumentError("kind: must be a string");
  CN_ASSIGN_OR_RETURN(
      draft.kind, ParseEntryKind(kind_value->get_ref<const std::string&>()));
  if (IsLifecycle(draft.kind)) {
    CN_RETURN_IF_ERROR(ReadLifecycle(top, today, normalised, &draft));
  } else {
    CN_ASSIGN_OR_RETURN(RecordFacts facts,
                        ReadRecord(top, draft.kind, today, normalised));
    draft.record = std::move(facts);
  }
  CN_RETURN_IF_ERROR(top.CheckNoUnknownFields());
  return draft;
}

}  // namespace creditnode::ledger
