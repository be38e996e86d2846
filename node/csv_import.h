// CsvImport: turns a CSV file of an existing list (one record per row, a
// header row naming the columns; RFC 4180 quoting via libcsv) into validated
// entry drafts, and reports every rejected row with the reason. The columns
// are specified in docs/import.md. Thread-compatible.
#pragma once

#include <cstddef>
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
// fail the call: they are listed in `rejected`.
StatusOr<ParsedCsv> ParseRecordsCsv(std::string_view text);

// The column names, in the order a template file lists them.
const std::vector<std::string>& CsvColumns();

}  // namespace creditnode::node
