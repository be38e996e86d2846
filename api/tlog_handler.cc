// TlogHandler (api/tlog_handler.h). Hash tiles are stored one RocksDB
// value per tile and overwritten while partial (D3); a partial tile of
// width W is the first W hashes of the stored one, since a hash, once in a
// tile, never changes. That is also why a full tile or bundle may be
// cached for ever, while a partial one is only kept briefly (a log MAY
// stop serving it once the full one exists).
#include "api/tlog_handler.h"

#include <utility>

#include "api/http_status.h"
#include "api/request_params.h"
#include "api/tile_path.h"
#include "api/uri.h"
#include "ledger/tile_math.h"

namespace creditnode::api {
namespace {

constexpr char kOctetStream[] = "application/octet-stream";
constexpr char kImmutable[] = "public, max-age=31536000, immutable";
constexpr char kShort[] = "public, max-age=60";
// Entry bundles answer a request with credentials: no shared cache may
// keep them (RFC 9111 §3.5 would allow it for "public").
constexpr char kPrivateImmutable[] = "private, max-age=31536000, immutable";
constexpr char kPrivateShort[] = "private, max-age=60";

// The highest tile level the store can hold (ledger/tile_math.h): eight
// levels of height 8 cover a tree of 2^64 leaves.
constexpr int kMaxStoredLevel = 7;

StatusOr<TilePath> DecodeTilePath(const std::vector<std::string_view>& segs) {
  std::vector<std::string> decoded;
  decoded.reserve(segs.size());
  for (const std::string_view s : segs) {
    StatusOr<std::string> d = PercentDecode(s);
    if (!d.ok()) return d.status().WithPrefix("tile path");
    decoded.push_back(*std::move(d));
  }
  return ParseTilePath(decoded);
}

Response Binary(std::string body, bool full, bool is_private) {
  Response response;
  response.status = 200;
  response.content_type = kOctetStream;
  response.body = std::move(body);
  const char* cache = is_private ? (full ? kPrivateImmutable : kPrivateShort)
                                 : (full ? kImmutable : kShort);
  response.headers.emplace_back("Cache-Control", cache);
  return response;
}

Response TileNotFound(const std::string& origin, const TilePath& path,
                      const std::string& why) {
  return ErrorResponse(NotFoundError(FormatTilePath(path) + " of feed " +
                                     origin + " not found: " + why));
}

}  // namespace

TlogHandler::TlogHandler(RouterDeps deps) : deps_(std::move(deps)) {}

Response TlogHandler::Tile(
    std::string_view encoded_origin,
    const std::vector<std::string_view>& tile_segments) const {
  StatusOr<std::string> origin = DecodeOriginSegment(encoded_origin);
  if (!origin.ok()) return ErrorResponse(origin.status());
  StatusOr<TilePath> path = DecodeTilePath(tile_segments);
  if (!path.ok()) return ErrorResponse(path.status());
  if (path->entries) {
    return ErrorResponse(InvalidArgumentError(
        "tile path: entry bundles are served by the entries route"));
  }
  // An unknown feed is told apart from a missing tile.
  StatusOr<ledger::FeedInfo> feed = deps_.reader->GetFeed(*origin);
  if (!feed.ok()) return ErrorResponse(feed.status());
  if (path->level > kMaxStoredLevel) {
    return TileNotFound(*origin, *path, "no tree has tiles at this level");
  }
  StatusOr<std::string> hashes =
      deps_.reader->GetTile(*origin, path->level, path->index);
  if (hashes.status().code() == StatusCode::kNotFound) {
    return TileNotFound(*origin, *path, "the tree has no such tile yet");
  }
  if (!hashes.ok()) return ErrorResponse(hashes.status());
  if (hashes->empty() || hashes->size() % ledger::kHashBytes != 0 ||
      hashes->size() > ledger::kTileWidth * ledger::kHashBytes) {
    return ErrorResponse(
        DataLossError("tile " + std::to_string(path->level) + "/" +
                      std::to_string(path->index) + " of feed " + *origin +
                      ": " + std::to_string(hashes->size()) + " bytes stored"));
  }
  const uint64_t stored_width = hashes->size() / ledger::kHashBytes;
  if (stored_width < path->width) {
    return TileNotFound(
        *origin, *path,
        "the stored tile holds " + std::to_string(stored_width) + " hashes");
  }
  hashes->resize(path->width * ledger::kHashBytes);
  return Binary(*std::move(hashes), path->width == kFullTileWidth, false);
}

Response TlogHandler::EntryBundle(
    const Request& request, std::string_view encoded_origin,
    const std::vector<std::string_view>& tile_segments) const {
  if (Status s = CheckEntryReader(*deps_.tokens, request.authorization);
      !s.ok()) {
    return ErrorResponse(s);
  }
  StatusOr<std::string> origin = DecodeOriginSegment(encoded_origin);
  if (!origin.ok()) return ErrorResponse(origin.status());
  StatusOr<TilePath> path = DecodeTilePath(tile_segments);
  if (!path.ok()) return ErrorResponse(path.status());
  if (!path->entries) {
    return ErrorResponse(
        InvalidArgumentError("tile path: not an entry bundle path"));
  }
  StatusOr<ledger::FeedInfo> feed = deps_.reader->GetFeed(*origin);
  if (!feed.ok()) return ErrorResponse(feed.status());
  // Compared by division so that a huge <N> cannot overflow 256·N.
  const uint64_t whole_bundles = feed->size / kFullTileWidth;
  const uint64_t rest = feed->size % kFullTileWidth;
  const bool present = path->index < whole_bundles ||
                       (path->index == whole_bundles && path->width <= rest);
  if (!present) {
    return TileNotFound(
        *origin, *path,
        "the feed has " + std::to_string(feed->size) + " entries");
  }
  const uint64_t start = path->index * kFullTileWidth;
  StatusOr<std::vector<ledger::StoredEntry>> entries =
      deps_.reader->GetEntries(*origin, start, start + path->width);
  if (!entries.ok()) return ErrorResponse(entries.status());
  if (entries->size() != path->width) {
    return ErrorResponse(DataLossError(
        "feed " + *origin + ": entries " + std::to_string(start) + ".." +
        std::to_string(start + path->width - 1) + " not all stored"));
  }
  std::string body;
  for (const ledger::StoredEntry& e : *entries) {
    // D2 caps an entry at 65,535 bytes for exactly this prefix; a longer
    // stored one is corrupt.
    if (e.bytes.size() > 0xFFFF) {
      return ErrorResponse(DataLossError("entry " + *origin + "/" +
                                         std::to_string(e.ref.index) +
                                         " is over 65535 bytes"));
    }
    body += static_cast<char>(e.bytes.size() >> 8);
    body += static_cast<char>(e.bytes.size() & 0xFF);
    body += e.bytes;
  }
  return Binary(std::move(body), path->width == kFullTileWidth, true);
}

}  // namespace creditnode::api
