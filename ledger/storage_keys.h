// See docs/storage-layout.md
//
// The FeedStore's on-disk layout: the store format version, the column
// family names, and the encodings of every key and value. Only FeedStore
// (feed_store.cc) reads and writes RocksDB; it builds and parses keys here
// so the grammar in docs/storage-layout.md has one implementation.
// Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "ledger/entry.h"
#include "ledger/feed_reader.h"
#include "util/status.h"

namespace creditnode::ledger {

// Stored under kFormatVersionKey in the default column family, as ASCII
// decimal. Open refuses any other value. Additive changes (a new column
// family, a new feed property) keep the version; a change that an older
// binary would misread bumps it.
inline constexpr uint32_t kStoreFormatVersion = 1;
inline constexpr std::string_view kFormatVersionKey = "format_version";

// Column families in use.
inline constexpr std::string_view kFeedsFamily = "feeds";
inline constexpr std::string_view kEntriesFamily = "entries";
inline constexpr std::string_view kSubjectsFamily = "subjects";
inline constexpr std::string_view kActingFamily = "acting";
inline constexpr std::string_view kDedupFamily = "dedup";
inline constexpr std::string_view kTilesFamily = "tiles";
inline constexpr std::string_view kCheckpointsFamily = "checkpoints";
// Reserved for the next issues (docs/storage-layout.md, "Reserved"): fork
// evidence. Not created yet.
inline constexpr std::string_view kForksFamily = "forks";

// Feed properties: the byte after "origin 0x00" in the feeds family.
inline constexpr char kFeedVerifierKeyProperty = 'k';  // D4 verifier key
inline constexpr char kFeedSizeProperty = 'n';         // be64 entry count
// Reserved: 'f' Merkle right-edge frontier, 'r' replication source,
// 'x' frozen by fork evidence.

// entries value: version byte, 64-byte signature, entry bytes.
inline constexpr uint8_t kEntryValueVersion = 1;
inline constexpr size_t kEntrySignatureSize = 64;

// ---- feeds: origin 0x00 property
std::string FeedPropertyKey(std::string_view origin, char property);
// False if `key` is not a well-formed feeds key.
bool ParseFeedPropertyKey(std::string_view key, std::string_view* origin,
                          char* property);

// ---- entries: origin 0x00 be64(index)
std::string EntryKey(std::string_view origin, uint64_t index);
std::string EntryValue(std::string_view signature, std::string_view bytes);
// kDataLoss("entry value: ...") unless the value has the current version
// byte and at least the signature.
Status ParseEntryValue(std::string_view value, std::string* signature,
                       std::string* bytes);

// ---- subjects: index_key 0x00 origin 0x00 be64(index) -> role byte
// The scan prefix of one index key: index_key 0x00.
std::string SubjectPrefix(std::string_view index_key);
std::string SubjectKey(std::string_view index_key, const EntryRef& ref);
// False if `key` is not a well-formed subjects key.
bool ParseSubjectKey(std::string_view key, std::string_view* index_key,
                     EntryRef* ref);
// The role in a subjects value: role byte, then optionally the entry's
// EntrySummary encoding. kDataLoss unless it starts with a known role byte.
StatusOr<IndexRole> ParseSubjectValue(std::string_view value);

// ---- acting: target_origin 0x00 be64(target_index)
//              actor_origin 0x00 be64(actor_index) -> kind name
// The scan prefix of one target: target_origin 0x00 be64(target_index).
std::string ActingPrefix(const EntryRef& target);
std::string ActingKey(const EntryRef& target, const EntryRef& actor);
// False if `key` is not a well-formed acting key.
bool ParseActingKey(std::string_view key, EntryRef* target, EntryRef* actor);

// ---- dedup: origin 0x00 be32(len(doc_no)) doc_no index_key -> be64(index)
std::string DedupKey(std::string_view origin, std::string_view doc_no,
                     std::string_view index_key);

// ---- be64 values (feed size, dedup index)
std::string Be64Value(uint64_t value);
// kDataLoss("<what>: ...") unless `value` is exactly 8 bytes.
StatusOr<uint64_t> ParseBe64Value(std::string_view value,
                                  std::string_view what);

// The bloom-filter prefixes of the subjects and acting families: the key up
// to and including its first 0x00, plus `extra` bytes. npos if the key has
// no 0x00 or is too short (then it is outside the prefix domain).
size_t NulPrefixLength(std::string_view key, size_t extra);

// ---- tiles: origin 0x00 level(1 byte) be64(tile index) -> hashes
std::string TileKey(std::string_view origin, int level, uint64_t index);

// ---- checkpoints: origin 0x00 be64(tree size) -> signed note text
std::string CheckpointKey(std::string_view origin, uint64_t size);

}  // namespace creditnode::ledger
