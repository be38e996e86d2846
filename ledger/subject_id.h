// Subject identifiers (D7): the Unified Social Credit Code (GB 32100-2015),
// the organization code (GB 11714-1997) and the resident ID number
// (GB 11643-1999). Parsing normalises (trim ASCII whitespace, upper case,
// drop one '-' before an organization code's check character) and then
// validates; every error names the rule that failed, e.g.
// "uscc: check character mismatch". Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/civil_date.h"
#include "util/status.h"

namespace creditnode::ledger {

enum class IdScheme { kUscc, kOrgCode, kResidentId };

// "uscc", "org_code", "resident_id".
std::string_view IdSchemeName(IdScheme scheme);
// Inverse of IdSchemeName; kInvalidArgument("unknown id scheme ...").
StatusOr<IdScheme> ParseIdScheme(std::string_view name);

struct SubjectId {
  IdScheme scheme = IdScheme::kUscc;
  std::string value;  // normalised and valid

  // The key this subject is indexed under. A USCC and the organization
  // code inside it (characters 9-17) share one key, "o:<org code>", so a
  // lookup by either finds entries filed under the other; a resident ID
  // is "r:<number>". See docs/storage-layout.md.
  std::string IndexKey() const;

  friend bool operator==(const SubjectId&, const SubjectId&) = default;
};

// Normalises and validates `input` as `scheme`.
// kInvalidArgument with one of (prefix "uscc: ", "org_code: ",
// "resident_id: "): "empty", "length must be 18 (got N)", "length must be 9
// (got N)", "character set: ... at position P", "check character mismatch",
// "embedded org code check character mismatch" (uscc: characters 9-17 fail
// GB 11714), "birth date invalid" (no such day, or before 1900-01-01),
// "birth date in the future". Lengths and positions count Unicode code
// points, 1-based. The rules are in docs/identifiers.md.
StatusOr<SubjectId> ParseSubjectId(IdScheme scheme, std::string_view input);

// As ParseSubjectId, with `today` (a UTC date) as the latest birth date a
// resident ID may carry. ParseSubjectId uses the system clock's UTC date.
StatusOr<SubjectId> ParseSubjectIdAt(IdScheme scheme, std::string_view input,
                                     CivilDate today);

// Every scheme under which `input` is valid, after normalisation (an
// 18-character string can in rare cases be both a valid USCC and a valid
// resident ID: both are returned, USCC first). kInvalidArgument if none,
// with the reasons of each scheme that the length allows.
// Messages: "empty", "length must be 9 or 18 (got N)", the org_code error
// for 9 characters, or for 18 "not a valid uscc (R1) nor resident_id (R2)".
StatusOr<std::vector<SubjectId>> InterpretSubjectId(std::string_view input);
// As InterpretSubjectId, with `today` as in ParseSubjectIdAt.
StatusOr<std::vector<SubjectId>> InterpretSubjectIdAt(std::string_view input,
                                                      CivilDate today);

// The organization code at characters 9-17 of a valid USCC.
// REQUIRES: uscc is a normalised, valid USCC.
std::string OrgCodeOfUscc(std::string_view uscc);

// The check character of the first 17 characters of a USCC, of the first
// 8 of an organization code, of the first 17 of a resident ID. Exposed for
// generators (demo, bench). REQUIRES: the body uses the scheme's charset.
char UsccCheckChar(std::string_view body17);
char OrgCodeCheckChar(std::string_view body8);
char ResidentIdCheckChar(std::string_view body17);

// "110105********002X": the first 6 and last 4 characters of a resident ID
// kept, the rest '*' (D8). Any other length: all '*'.
std::string MaskResidentId(std::string_view id);

}  // namespace creditnode::ledger
