// Shared fixtures for the ledger test suites: valid identifiers made with
// the standards' check characters (ledger::UsccCheckChar, OrgCodeCheckChar,
// ResidentIdCheckChar) and builders of valid draft JSON of every kind
// (docs/entry-format.md), turned into EntryDrafts by ValidateDraft.
// Dates: records are decided 2024-01-05, effective 2024-01-10, repairable
// from 2024-04-10 and shown until 2025-01-10; kTestNowMicros is
// 2024-06-15T12:00:00.5Z, inside that window.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "ledger/entry.h"
#include "ledger/entry_draft.h"
#include "ledger/subject_id.h"
#include "util/civil_date.h"

namespace creditnode::ledger::testing {

// 2024-06-15T12:00:00.5Z (the half second checks whole-second issued_at).
inline constexpr int64_t kTestNowMicros = 1718452800500000;

// A valid organization code for each n < 10^8 (distinct n, distinct code).
inline std::string TestOrgCode(uint32_t n) {
  char body[9];
  std::snprintf(body, sizeof(body), "%08u",
                static_cast<unsigned>(n % 100000000));
  return std::string(body) + OrgCodeCheckChar(body);
}

// A valid USCC (registered by market regulation, Wuhan) whose embedded
// organization code is TestOrgCode(n).
inline std::string TestUscc(uint32_t n) {
  std::string body = "91420100" + TestOrgCode(n);
  return body + UsccCheckChar(body);
}

// A valid resident ID (Wuhan Wuchang, born 1980-01-01 + n/1000 days).
inline std::string TestResidentId(uint32_t n) {
  CivilDate birth =
      CivilDate::FromDays(CivilDate().DaysSinceEpoch() + 3652 + n / 1000);
  char body[18];
  std::snprintf(body, sizeof(body), "420106%04d%02d%02d%03u", birth.year(),
                birth.month(), birth.day(), static_cast<unsigned>(n % 1000));
  return std::string(body) + ResidentIdCheckChar(body);
}

inline nlohmann::json TestDecision(const std::string& doc_no) {
  return {{"doc_no", doc_no},
          {"date", "2024-01-05"},
          {"authority", {{"name", "武汉市市场监督管理局"}}}};
}

// A minimal valid record of `kind` ("dishonesty" or "commendation") about
// the organisation with USCC `uscc`.
inline nlohmann::json RecordJson(const std::string& kind,
                                 const std::string& uscc,
                                 const std::string& doc_no) {
  nlohmann::json d = {
      {"kind", kind},
      {"subject",
       {{"type", "org"},
        {"name", "武汉测试科技有限公司"},
        {"ids", {{{"scheme", "uscc"}, {"value", uscc}}}}}},
      {"list",
       kind == "dishonesty" ? "market.serious_violation" : "tax.grade_a"},
      {"conduct", kind == "dishonesty" ? "提供虚假材料" : "纳税信用A级"},
      {"legal_basis",
       {{{"instrument", "《市场监督管理严重违法失信名单管理办法》"}}}},
      {"decision", TestDecision(doc_no)},
      {"effective_from", "2024-01-10"},
      {"publish_min_until", "2024-04-10"},
      {"publish_max_until", "2025-01-10"},
      {"public", true},
      {"share_scope", "public"},
  };
  if (kind == "dishonesty") d["severity"] = "general";
  return d;
}

inline nlohmann::json DishonestyJson(const std::string& uscc,
                                     const std::string& doc_no) {
  return RecordJson("dishonesty", uscc, doc_no);
}

// `record` with a legal representative identified by `resident_id`.
inline nlohmann::json WithLegalRep(nlohmann::json record,
                                   const std::string& resident_id) {
  record["associates"] = {
      {{"role", "legal_rep"},
       {"name", "张三"},
       {"ids", {{{"scheme", "resident_id"}, {"value", resident_id}}}}}};
  return record;
}

inline nlohmann::json LifecycleJson(const std::string& kind,
                                    const EntryRef& target,
                                    const std::string& doc_no) {
  return {{"kind", kind},
          {"target", {{"origin", target.origin}, {"index", target.index}}},
          {"reason", "测试"},
          {"legal_basis", {{{"instrument", "《公共信用信息异议处理办法》"}}}},
          {"decision", TestDecision(doc_no)}};
}

inline nlohmann::json RepairJson(const EntryRef& target) {
  nlohmann::json d = LifecycleJson("repair", target, "修复1号");
  d["outcome"] = "stop_public_display";
  return d;
}

inline nlohmann::json RevocationJson(const EntryRef& target) {
  nlohmann::json d = LifecycleJson("revocation", target, "撤销1号");
  d["cause"] = "decision_revoked";
  return d;
}

// A correction of `target` whose replacement is `replacement` (a record).
inline nlohmann::json CorrectionJson(const EntryRef& target,
                                     const nlohmann::json& replacement) {
  nlohmann::json d = LifecycleJson("correction", target, "更正1号");
  d["replacement"] = replacement;
  return d;
}

inline nlohmann::json ObjectionOpenedJson(const EntryRef& target) {
  nlohmann::json d = LifecycleJson("objection_opened", target, "异议1号");
  d["ground"] = "error_or_omission";
  d["due_date"] = "2024-06-22";
  return d;
}

inline nlohmann::json ObjectionClosedJson(const EntryRef& objection) {
  nlohmann::json d = LifecycleJson("objection_closed", objection, "异议复1号");
  d["outcome"] = "dismissed";
  return d;
}

// ValidateDraft(json); a test failure (and an empty draft) if it is invalid.
inline EntryDraft MustDraft(const nlohmann::json& json) {
  StatusOr<EntryDraft> draft = ValidateDraft(json);
  if (!draft.ok()) {
    ADD_FAILURE() << "invalid test draft: " << draft.status().ToString() << "\n"
                  << json.dump();
    return EntryDraft{};
  }
  return *std::move(draft);
}

}  // namespace creditnode::ledger::testing
