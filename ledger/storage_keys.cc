// Key and value encodings of the FeedStore (docs/storage-layout.md).
// Origins and index keys never contain 0x00 (FeedStore checks on write), so
// a 0x00 ends a variable-length field and the bytewise key order groups each
// origin's entries in index order.
#include "ledger/storage_keys.h"

#include "util/encoding.h"

namespace creditnode::ledger {
namespace {

constexpr char kNul = '\0';

void PutBe32(std::string* dst, uint32_t v) {
  for (int shift = 24; shift >= 0; shift -= 8) {
    dst->push_back(static_cast<char>((v >> shift) & 0xff));
  }
}

// Parses "field 0x00 be64" at the start of `*in` and consumes it.
bool ConsumeRef(std::string_view* in, EntryRef* ref) {
  size_t nul = in->find(kNul);
  if (nul == std::string_view::npos || nul == 0 || in->size() < nul + 1 + 8) {
    return false;
  }
  ref->origin = std::string(in->substr(0, nul));
  ref->index = DecodeFixed64BigEndian(in->substr(nul + 1, 8));
  in->remove_prefix(nul + 1 + 8);
  return true;
}

void PutRef(std::string* dst, std::string_view origin, uint64_t index) {
  dst->append(origin);
  dst->push_back(kNul);
  PutFixed64BigEndian(dst, index);
}

}  // namespace

std::string FeedPropertyKey(std::string_view origin, char property) {
  std::string key(origin);
  key.push_back(kNul);
  key.push_back(property);
  return key;
}

bool ParseFeedPropertyKey(std::string_view key, std::string_view* origin,
                          char* property) {
  if (key.size() < 3 || key[key.size() - 2] != kNul) return false;
  *origin = key.substr(0, key.size() - 2);
  if (origin->find(kNul) != std::string_view::npos) return false;
  *property = key.back();
  return true;
}

std::string EntryKey(std::string_view origin, uint64_t index) {
  std::string key;
  key.reserve(origin.size() + 9);
  PutRef(&key, origin, index);
  return key;
}

std::string EntryValue(std::string_view signature, std::string_view bytes) {
  std::string value;
  value.reserve(1 + signature.size() + bytes.size());
  value.push_back(static_cast<char>(kEntryValueVersion));
  value.append(signature);
  value.append(bytes);
  return value;
}

Status ParseEntryValue(std::string_view value, std::string* signature,
                       std::string* bytes) {
  if (value.empty()) return DataLossError("entry value: empty");
  if (static_cast<uint8_t>(value[0]) != kEntryValueVersion) {
    return DataLossError("entry value: unknown version " +
                         std::to_string(static_cast<uint8_t>(value[0])));
  }
  if (value.size() < 1 + kEntrySignatureSize) {
    return DataLossError("entry value: " + std::to_string(value.size()) +
                         " bytes is shorter than the signature");
  }
  signature->assign(value.substr(1, kEntrySignatureSize));
  bytes->assign(value.substr(1 + kEntrySignatureSize));
  return OkStatus();
}

std::string SubjectPrefix(std::string_view index_key) {
  std::string key(index_key);
  key.push_back(kNul);
  return key;
}

std::string SubjectKey(std::string_view index_key, const EntryRef& ref) {
  std::string key = SubjectPrefix(index_key);
  PutRef(&key, ref.origin, ref.index);
  return key;
}

bool ParseSubjectKey(std::string_view key, std::string_view* index_key,
                     EntryRef* ref) {
  size_t nul = key.find(kNul);
  if (nul == std::string_view::npos || nul == 0) return false;
  *index_key = key.substr(0, nul);
  std::string_view rest = key.substr(nul + 1);
  return ConsumeRef(&rest, ref) && rest.empty();
}

StatusOr<IndexRole> ParseSubjectValue(std::string_view value) {
  // The role byte may be followed by the entry's summary
  // (ledger/entry_summary.h), read by the caller.
  if (!value.empty()) {
    if (value[0] == static_cast<char>(IndexRole::kSubject)) {
      return IndexRole::kSubject;
    }
    if (value[0] == static_cast<char>(IndexRole::kAssociate)) {
      return IndexRole::kAssociate;
    }
  }
  return DataLossError("subject index value: not a role byte");
}

std::string ActingPrefix(const EntryRef& target) {
  std::string key;
  PutRef(&key, target.origin, target.index);
  return key;
}

std::string ActingKey(const EntryRef& target, const EntryRef& actor) {
  std::string key = ActingPrefix(target);
  PutRef(&key, actor.origin, actor.index);
  return key;
}

bool ParseActingKey(std::string_view key, EntryRef* target, EntryRef* actor) {
  return ConsumeRef(&key, target) && ConsumeRef(&key, actor) && key.empty();
}

std::string DedupKey(std::string_view origin, std::string_view doc_no,
                     std::string_view index_key) {
  // doc_no is free text and may hold any byte, so it is length-prefixed
  // rather than 0x00-terminated; the key stays injective.
  std::string key(origin);
  key.push_back(kNul);
  PutBe32(&key, static_cast<uint32_t>(doc_no.size()));
  key.append(doc_no);
  key.append(index_key);
  return key;
}

std::string Be64Value(uint64_t value) {
  std::string out;
  PutFixed64BigEndian(&out, value);
  return out;
}

StatusOr<uint64_t> ParseBe64Value(std::string_view value,
                                  std::string_view what) {
  if (value.size() != 8) {
    return DataLossError(std::string(what) + ": " +
                         std::to_string(value.size()) +
                         " bytes, want 8 (be64)");
  }
  return DecodeFixed64BigEndian(value);
}

size_t NulPrefixLength(std::string_view key, size_t extra) {
  size_t nul = key.find(kNul);
  if (nul == std::string_view::npos || key.size() < nul + 1 + extra) {
    return std::string_view::npos;
  }
  return nul + 1 + extra;
}

std::string TileKey(std::string_view origin, int level, uint64_t index) {
  std::string key(origin);
  key.push_back('\0');
  key.push_back(static_cast<char>(level));
  key += Be64Value(index);
  return key;
}

std::string CheckpointKey(std::string_view origin, uint64_t size) {
  std::string key(origin);
  key.push_back('\0');
  key += Be64Value(size);
  return key;
}

}  // namespace creditnode::ledger
