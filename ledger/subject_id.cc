// Subject identifiers: USCC (GB 32100-2015), organization code
// (GB 11714-1997) and resident ID (GB 11643-1999, ISO 7064 MOD 11-2).
// The rules, their sources and every error message are in
// docs/identifiers.md. Pure functions; thread-safe.
#include "ledger/subject_id.h"

#include <cassert>
#include <cstdint>
#include <cstdio>

#include "util/clock.h"

namespace creditnode::ledger {
namespace {

// GB 32100-2015 table 1: the 31 code characters (no I, O, S, V, Z), whose
// values are their indexes here.
constexpr std::string_view kUsccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
// GB 32100-2015 table 2: W_i = 3^(i-1) mod 31.
constexpr int kUsccWeights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                  29, 25, 13, 8,  24, 10, 30, 28};
// GB 11714-1997 section 2.1.2.
constexpr int kOrgCodeWeights[8] = {3, 7, 9, 10, 5, 8, 4, 2};
// GB 11643-1999 / ISO 7064 MOD 11-2: W_i = 2^(18-i) mod 11 ...
constexpr int kResidentIdWeights[17] = {7, 9, 10, 5,  8, 4, 2, 1, 6,
                                        3, 7, 9,  10, 5, 8, 4, 2};
// ... and the check character indexed by (sum mod 11): the value
// (12 - sum mod 11) mod 11, with 10 written 'X'.
constexpr std::string_view kResidentIdCheckChars = "10X98765432";

constexpr size_t kUsccLength = 18;
constexpr size_t kOrgCodeLength = 9;
constexpr size_t kResidentIdLength = 18;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' ||
         c == '\r';
}

// -1 for a character outside the USCC alphabet.
int UsccValue(char c) {
  size_t i = kUsccAlphabet.find(c);
  return i == std::string_view::npos ? -1 : static_cast<int>(i);
}

// GB 11714-1997 appendix A: digits 0-9, letters A=10 ... Z=35 (all 26).
int OrgCodeValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (IsUpper(c)) return c - 'A' + 10;
  return -1;
}

// Trims ASCII whitespace and upper-cases ASCII letters. Anything else
// (full-width forms, U+3000) is left for the character-set rule to reject:
// the signed entry must carry exactly the canonical ASCII identifier, and
// guessing at other scripts would hide input errors.
std::string Normalise(std::string_view input) {
  size_t b = 0, e = input.size();
  while (b < e && IsAsciiSpace(input[b])) ++b;
  while (e > b && IsAsciiSpace(input[e - 1])) --e;
  std::string s(input.substr(b, e - b));
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

// One unit of the input: a whole UTF-8 sequence, or a single byte where the
// bytes are not valid UTF-8. Lengths and positions in messages count these,
// so "9135010０..." (full-width zero) is reported at position 8, not 8-10.
struct Unit {
  size_t offset;       // byte offset in the string
  size_t size;         // bytes
  int32_t code_point;  // -1 for an invalid byte
};

Unit UnitAt(std::string_view s, size_t offset) {
  const auto lead = static_cast<unsigned char>(s[offset]);
  if (lead < 0x80) return {offset, 1, lead};
  size_t n = 0;
  int32_t cp = 0;
  if ((lead & 0xE0) == 0xC0) {
    n = 2;
    cp = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    n = 3;
    cp = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    n = 4;
    cp = lead & 0x07;
  } else {
    return {offset, 1, -1};
  }
  if (offset + n > s.size()) return {offset, 1, -1};
  for (size_t i = 1; i < n; ++i) {
    const auto c = static_cast<unsigned char>(s[offset + i]);
    if ((c & 0xC0) != 0x80) return {offset, 1, -1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {offset, n, cp};
}

size_t CountUnits(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += UnitAt(s, i).size) ++n;
  return n;
}

// "'I'", "U+3000" or "byte 0xFF": how a rejected character is named. A
// printable ASCII character is quoted; anything else by its code.
std::string Describe(std::string_view s, const Unit& u) {
  char buf[16];
  if (u.code_point >= 0x21 && u.code_point <= 0x7E) {
    std::snprintf(buf, sizeof(buf), "'%c'", static_cast<char>(u.code_point));
  } else if (u.code_point >= 0) {
    std::snprintf(buf, sizeof(buf), "U+%04X",
                  static_cast<unsigned>(u.code_point));
  } else {
    std::snprintf(
        buf, sizeof(buf), "byte 0x%02X",
        static_cast<unsigned>(static_cast<unsigned char>(s[u.offset])));
  }
  return buf;
}

// A per-position character rule: true if the ASCII character `c` is allowed
// at 0-based position `pos`; `what` names the rule for the message.
struct PositionRule {
  bool (*allowed)(size_t pos, char c);
  const char* (*what)(size_t pos);
};

// Checks every unit of `s` against `rule`; the first failure becomes
// "character set: <char> is not <what> at position <P>".
Status CheckCharset(std::string_view s, const PositionRule& rule) {
  size_t pos = 0;
  for (size_t i = 0; i < s.size(); ++pos) {
    Unit u = UnitAt(s, i);
    const bool ascii = u.size == 1 && u.code_point >= 0;
    if (!ascii || !rule.allowed(pos, s[i])) {
      return InvalidArgumentError("character set: " + Describe(s, u) +
                                  " is not " + rule.what(pos) +
                                  " at position " + std::to_string(pos + 1));
    }
    i += u.size;
  }
  return OkStatus();
}

Status CheckLength(std::string_view s, size_t want) {
  size_t got = CountUnits(s);
  if (got == want) return OkStatus();
  return InvalidArgumentError("length must be " + std::to_string(want) +
                              " (got " + std::to_string(got) + ")");
}

// USCC positions 3-8 are the GB/T 2260 division code: digits only.
bool UsccAllowed(size_t pos, char c) {
  return (pos >= 2 && pos <= 7) ? IsDigit(c) : UsccValue(c) >= 0;
}
const char* UsccWhat(size_t pos) {
  return (pos >= 2 && pos <= 7) ? "a digit of the division code"
                                : "in the USCC alphabet";
}
bool OrgCodeAllowed(size_t pos, char c) {
  return pos < 8 ? OrgCodeValue(c) >= 0 : (IsDigit(c) || c == 'X');
}
const char* OrgCodeWhat(size_t pos) {
  return pos < 8 ? "a digit or letter" : "a digit or X";
}
bool ResidentIdAllowed(size_t pos, char c) {
  return IsDigit(c) || (pos == 17 && c == 'X');
}
const char* ResidentIdWhat(size_t pos) {
  return pos < 17 ? "a digit" : "a digit or X";
}

// The validators below take normalised, non-empty input and return
// messages without the scheme prefix (InterpretSubjectId quotes them).

Status ValidateUscc(std::string_view s) {
  CN_RETURN_IF_ERROR(CheckLength(s, kUsccLength));
  CN_RETURN_IF_ERROR(CheckCharset(s, {UsccAllowed, UsccWhat}));
  if (UsccCheckChar(s.substr(0, 17)) != s[17]) {
    return InvalidArgumentError("check character mismatch");
  }
  // GB 32100-2015 (code structure): characters 9-17 are the body identification
  // code "coded according to GB 11714", i.e. a complete organization code
  // with its own check character. Enforcing it catches about 10 in 11 of
  // the errors in characters 9-17 that the mod 31 check misses, and keeps the
  // USCC <-> org code link sound: IndexKey() of every valid USCC is the key
  // of a valid org code. The standard's own example and real codes pass
  // (docs/identifiers.md).
  if (OrgCodeCheckChar(s.substr(8, 8)) != s[16]) {
    return InvalidArgumentError("embedded org code check character mismatch");
  }
  return OkStatus();
}

// GB 11714-1997 section 2.2: the hyphen before the check character is for
// people and dropped by machines. Only that one hyphen is removed.
std::string DropOrgCodeHyphen(std::string s) {
  if (s.size() == kOrgCodeLength + 1 && s[8] == '-') s.erase(8, 1);
  return s;
}

Status ValidateOrgCode(std::string_view s) {
  CN_RETURN_IF_ERROR(CheckLength(s, kOrgCodeLength));
  CN_RETURN_IF_ERROR(CheckCharset(s, {OrgCodeAllowed, OrgCodeWhat}));
  if (OrgCodeCheckChar(s.substr(0, 8)) != s[8]) {
    return InvalidArgumentError("check character mismatch");
  }
  return OkStatus();
}

Status ValidateResidentId(std::string_view s, CivilDate today) {
  CN_RETURN_IF_ERROR(CheckLength(s, kResidentIdLength));
  CN_RETURN_IF_ERROR(CheckCharset(s, {ResidentIdAllowed, ResidentIdWhat}));
  // The date is checked before the check character: a typo in the date
  // digits fails both, and "birth date invalid" says where to look.
  StatusOr<CivilDate> birth = CivilDate::ParseCompact(s.substr(6, 8));
  if (!birth.ok() || *birth < *CivilDate::FromYmd(1900, 1, 1)) {
    return InvalidArgumentError("birth date invalid");
  }
  if (*birth > today) return InvalidArgumentError("birth date in the future");
  if (ResidentIdCheckChar(s.substr(0, 17)) != s[17]) {
    return InvalidArgumentError("check character mismatch");
  }
  return OkStatus();
}

// Normalised `input` validated as `scheme`; the message is unprefixed.
StatusOr<SubjectId> Validate(IdScheme scheme, std::string_view input,
                             CivilDate today) {
  std::string s = Normalise(input);
  if (s.empty()) return InvalidArgumentError("empty");
  Status status;
  switch (scheme) {
    case IdScheme::kUscc:
      status = ValidateUscc(s);
      break;
    case IdScheme::kOrgCode:
      s = DropOrgCodeHyphen(std::move(s));
      status = ValidateOrgCode(s);
      break;
    case IdScheme::kResidentId:
      status = ValidateResidentId(s, today);
      break;
  }
  if (!status.ok()) return status;
  return SubjectId{scheme, std::move(s)};
}

CivilDate TodayUtc() {
  return CivilDate::FromUnixMicros(SystemClock::Default()->NowMicros());
}

}  // namespace

std::string_view IdSchemeName(IdScheme scheme) {
  switch (scheme) {
    case IdScheme::kUscc:
      return "uscc";
    case IdScheme::kOrgCode:
      return "org_code";
    case IdScheme::kResidentId:
      return "resident_id";
  }
  return "unknown";
}

StatusOr<IdScheme> ParseIdScheme(std::string_view name) {
  for (IdScheme s :
       {IdScheme::kUscc, IdScheme::kOrgCode, IdScheme::kResidentId}) {
    if (name == IdSchemeName(s)) return s;
  }
  // Untrusted input: echo at most 32 bytes of it.
  constexpr size_t kEchoMax = 32;
  std::string shown(name.substr(0, kEchoMax));
  if (name.size() > kEchoMax) shown += "...";
  return InvalidArgumentError("unknown id scheme \"" + shown +
                              "\" (expected uscc, org_code or resident_id)");
}

std::string SubjectId::IndexKey() const {
  switch (scheme) {
    case IdScheme::kUscc:
      return "o:" + OrgCodeOfUscc(value);
    case IdScheme::kOrgCode:
      return "o:" + value;
    case IdScheme::kResidentId:
      return "r:" + value;
  }
  return {};
}

StatusOr<SubjectId> ParseSubjectId(IdScheme scheme, std::string_view input) {
  return ParseSubjectIdAt(scheme, input, TodayUtc());
}

StatusOr<SubjectId> ParseSubjectIdAt(IdScheme scheme, std::string_view input,
                                     CivilDate today) {
  StatusOr<SubjectId> id = Validate(scheme, input, today);
  if (!id.ok()) return id.status().WithPrefix(IdSchemeName(scheme));
  return id;
}

StatusOr<std::vector<SubjectId>> InterpretSubjectId(std::string_view input) {
  return InterpretSubjectIdAt(input, TodayUtc());
}

StatusOr<std::vector<SubjectId>> InterpretSubjectIdAt(std::string_view input,
                                                      CivilDate today) {
  const std::string s = DropOrgCodeHyphen(Normalise(input));
  if (s.empty()) return InvalidArgumentError("empty");
  const size_t n = CountUnits(s);
  if (n == kOrgCodeLength) {
    CN_ASSIGN_OR_RETURN(SubjectId id,
                        ParseSubjectIdAt(IdScheme::kOrgCode, s, today));
    return std::vector<SubjectId>{std::move(id)};
  }
  if (n != kUsccLength) {
    return InvalidArgumentError("length must be 9 or 18 (got " +
                                std::to_string(n) + ")");
  }
  StatusOr<SubjectId> uscc = Validate(IdScheme::kUscc, s, today);
  StatusOr<SubjectId> resident = Validate(IdScheme::kResidentId, s, today);
  std::vector<SubjectId> found;
  if (uscc.ok()) found.push_back(*std::move(uscc));
  if (resident.ok()) found.push_back(*std::move(resident));
  if (!found.empty()) return found;
  return InvalidArgumentError("not a valid uscc (" + uscc.status().message() +
                              ") nor resident_id (" +
                              resident.status().message() + ")");
}

std::string OrgCodeOfUscc(std::string_view uscc) {
  assert(uscc.size() == kUsccLength);
  return std::string(uscc.substr(8, 9));
}

char UsccCheckChar(std::string_view body17) {
  assert(body17.size() == 17);
  int sum = 0;
  for (size_t i = 0; i < 17 && i < body17.size(); ++i) {
    int v = UsccValue(body17[i]);
    assert(v >= 0);
    sum += (v < 0 ? 0 : v) * kUsccWeights[i];
  }
  // C18 = 31 - MOD(sum, 31); the value 31 is written '0' (GB 32100-2015).
  return kUsccAlphabet[static_cast<size_t>((31 - sum % 31) % 31)];
}

char OrgCodeCheckChar(std::string_view body8) {
  assert(body8.size() == 8);
  int sum = 0;
  for (size_t i = 0; i < 8 && i < body8.size(); ++i) {
    int v = OrgCodeValue(body8[i]);
    assert(v >= 0);
    sum += (v < 0 ? 0 : v) * kOrgCodeWeights[i];
  }
  // C9 = 11 - MOD(sum, 11); 10 is written 'X' and 11 is written '0'.
  const int c9 = 11 - sum % 11;
  if (c9 == 10) return 'X';
  if (c9 == 11) return '0';
  return static_cast<char>('0' + c9);
}

char ResidentIdCheckChar(std::string_view body17) {
  assert(body17.size() == 17);
  int sum = 0;
  for (size_t i = 0; i < 17 && i < body17.size(); ++i) {
    assert(IsDigit(body17[i]));
    sum += (IsDigit(body17[i]) ? body17[i] - '0' : 0) * kResidentIdWeights[i];
  }
  return kResidentIdCheckChars[static_cast<size_t>(sum % 11)];
}

std::string MaskResidentId(std::string_view id) {
  if (id.size() != kResidentIdLength) return std::string(id.size(), '*');
  std::string masked(id);
  for (size_t i = 6; i < 14; ++i) masked[i] = '*';
  return masked;
}

}  // namespace creditnode::ledger
