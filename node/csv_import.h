// CsvImport: turns a CSV file of an existing list (one record per row, a
// header row naming the columns; RFC 4180 quoting via libcsv) into validated
// entry drafts, and reports every rejected row with the reason. The columns
// are specified in docs/import.md. Thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "ledger/entry_draft.h"
#include "util/status.h"

namespace creditnode::node {

struct RejectedRow {
  size_t row = 0;  // 1-based CSV record number; the header is row 1
  std::string reason;
};

struct ParsedCsv {
  std::vector<ledger::EntryDraft> drafts;  // valid rows, in file order
  std::vector<size_t> rows;                // the row of each draft
  std::vector<RejectedRow> rejected;       // invalid rows, in file order
};

// Parses `text` (UTF-8, optional BOM). kInvalidArgument if the file itself
// is unusable: malformed CSV (unterminated quote), no header, an unknown or
// duplicated column, a required column missing. Row-level problems do not
// fail the call: they are listed in `rejected`. A duplicate of an earlier
// row (same decision doc_no about the same subject) is rejected too.
StatusOr<ParsedCsv> ParseRecordsCsv(std::string_view text);

// Some rows of a streamed file.
struct CsvChunk {
  ParsedCsv parsed;         // its valid and rejected rows, in file order
  uint64_t bytes_read = 0;  // of the input, when the chunk was complete
};
using CsvChunkVisitor = std::function<Status(CsvChunk&& chunk)>;

// As ParseRecordsCsv over `in`, read 1 MiB at a time, handing the rows to
// `visit` in chunks of `chunk_rows` rows (the last chunk may be smaller;
// blank rows count) in file order, so memory stays bounded by the chunk
// (plus ~100 bytes per row to find duplicates across the whole file).
// `visit` runs on a thread of its own, one call at a time (rows are
// converted there while this thread reads on); the call returns after the
// last visit. Stops at the first error of `visit`, of reading
// (kUnavailable) or of the file, whichever is earliest in the file: a
// file-level problem found late (an unterminated quote at the end) comes
// after earlier chunks were visited, so a caller that must not act on a
// file that is not wholly valid streams it twice, as `creditnode import`
// does.
Status StreamRecordsCsv(std::istream& in, size_t chunk_rows,
                        const CsvChunkVisitor& visit);

// The column names, in the order a template file lists them.
const std::vector<std::string>& CsvColumns();

}  // namespace creditnode::node
