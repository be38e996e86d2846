// StreamRecordsCsv and ParseRecordsCsv (node/csv_import.h, docs/import.md):
// libcsv in strict mode collects the rows as the file is read; each chunk
// of rows becomes draft JSON that ValidateDraft checks exactly as POST
// /v1/entries does.
#include "node/csv_import.h"

#include <csv.h>

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>
#include <unordered_map>

#include "node/ordered_worker.h"

namespace creditnode::node {
namespace {

struct ColumnSpec {
  const char* name;
  bool required;
};

// See docs/import.md. At least one of uscc, org_code, resident_id must be
// present as a column (and filled in each row).
const ColumnSpec kColumns[] = {
    {"kind", true},
    {"subject_type", true},
    {"subject_name", true},
    {"uscc", false},
    {"org_code", false},
    {"resident_id", false},
    {"legal_rep_name", false},
    {"legal_rep_resident_id", false},
    {"list", true},
    {"severity", false},
    {"conduct", true},
    {"facts", false},
    {"legal_basis_instrument", true},
    {"legal_basis_article", false},
    {"decision_doc_no", true},
    {"decision_date", true},
    {"authority_name", true},
    {"authority_uscc", false},
    {"effective_from", true},
    {"publish_min_until", false},
    {"publish_max_until", true},
    {"public", true},
    {"share_scope", true},
    {"remarks", false},
};

// Collects libcsv's callbacks into rows of fields.
struct Collector {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> current;
};

void OnField(void* data, size_t len, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  c->current.emplace_back(data ? static_cast<const char*>(data) : "",
                          data ? len : 0);
}

void OnRow(int /*terminator*/, void* ctx) {
  auto* c = static_cast<Collector*>(ctx);
  c->rows.push_back(std::move(c->current));
  c->current.clear();
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// A row (column name → trimmed cell) as a draft JSON object; empty cells are
// absent fields, so ValidateDraft reports them as missing.
StatusOr<nlohmann::json> RowToDraft(
    const std::map<std::string, std::string>& cell) {
  auto get = [&](const char* k) -> std::string {
    auto it = cell.find(k);
    return it == cell.end() ? "" : it->second;
  };
  nlohmann::json d = nlohmann::json::object();
  auto put = [&](nlohmann::json& obj, const char* key, const char* column) {
    std::string v = get(column);
    if (!v.empty()) obj[key] = v;
  };
  put(d, "kind", "kind");
  nlohmann::json subject = nlohmann::json::object();
  put(subject, "type", "subject_type");
  put(subject, "name", "subject_name");
  nlohmann::json ids = nlohmann::json::array();
  for (const char* scheme : {"uscc", "org_code", "resident_id"}) {
    std::string v = get(scheme);
    if (!v.empty()) ids.push_back({{"scheme", scheme}, {"value", v}});
  }
  subject["ids"] = ids;
  d["subject"] = subject;
  if (!get("legal_rep_name").empty()) {
    nlohmann::json rep = {{"role", "legal_rep"},
                          {"name", get("legal_rep_name")}};
    if (!get("legal_rep_resident_id").empty()) {
      rep["ids"] = {
          {{"scheme", "resident_id"}, {"value", get("legal_rep_resident_id")}}};
    }
    d["associates"] = {rep};
  } else if (!get("legal_rep_resident_id").empty()) {
    return InvalidArgumentError(
        "legal_rep_resident_id: given without legal_rep_name");
  }
  put(d, "list", "list");
  put(d, "severity", "severity");
  put(d, "conduct", "conduct");
  put(d, "facts", "facts");
  if (!get("legal_basis_instrument").empty()) {
    nlohmann::json basis = {{"instrument", get("legal_basis_instrument")}};
    put(basis, "article", "legal_basis_article");
    d["legal_basis"] = {basis};
  }
  nlohmann::json decision = nlohmann::json::object();
  put(decision, "doc_no", "decision_doc_no");
  put(decision, "date", "decision_date");
  nlohmann::json authority = nlohmann::json::object();
  put(authority, "name", "authority_name");
  put(authority, "uscc", "authority_uscc");
  decision["authority"] = authority;
  d["decision"] = decision;
  put(d, "effective_from", "effective_from");
  put(d, "publish_min_until", "publish_min_until");
  put(d, "publish_max_until", "publish_max_until");
  const std::string pub = get("public");
  if (pub == "true" || pub == "是" || pub == "1") {
    d["public"] = true;
  } else if (pub == "false" || pub == "否" || pub == "0") {
    d["public"] = false;
  } else if (!pub.empty()) {
    return InvalidArgumentError(
        "public: must be true/false (or 是/否, 1/0), got \"" + pub + "\"");
  }
  put(d, "share_scope", "share_scope");
  put(d, "remarks", "remarks");
  return d;
}

}  // namespace

const std::vector<std::string>& CsvColumns() {
  static const std::vector<std::string>* names = [] {
    auto* v = new std::vector<std::string>();
    for (const ColumnSpec& c : kColumns) v->push_back(c.name);
    return v;
  }();
  return *names;
}

namespace {

struct RowResult {
  bool blank = false;
  StatusOr<ledger::EntryDraft> draft = InternalError("row not converted");
};

// One data row → a validated draft, or the reason it is rejected.
RowResult ConvertRow(const std::vector<std::string>& header,
                     const std::vector<std::string>& fields) {
  RowResult result;
  if (fields.size() == 1 && Trim(fields[0]).empty()) {
    result.blank = true;
    return result;
  }
  if (fields.size() != header.size()) {
    result.draft = InvalidArgumentError("has " + std::to_string(fields.size()) +
                                        " fields, the header " +
                                        std::to_string(header.size()));
    return result;
  }
  std::map<std::string, std::string> cell;
  for (size_t i = 0; i < fields.size(); ++i)
    cell[Trim(header[i])] = Trim(fields[i]);
  const std::string kind = cell["kind"];
  if (kind != "dishonesty" && kind != "commendation") {
    result.draft = InvalidArgumentError(
        "kind: CSV import takes dishonesty or commendation records, got \"" +
        kind + "\" (publish lifecycle entries with `creditnode publish`)");
    return result;
  }
  StatusOr<nlohmann::json> draft = RowToDraft(cell);
  if (!draft.ok()) {
    result.draft = draft.status();
    return result;
  }
  result.draft = ledger::ValidateDraft(*draft);
  return result;
}

// The file-level checks of the header row: every column known, none
// twice, the required ones present.
Status CheckHeader(const std::vector<std::string>& header) {
  std::set<std::string> seen;
  for (const std::string& raw : header) {
    std::string name = Trim(raw);
    bool known = false;
    for (const ColumnSpec& c : kColumns) known = known || name == c.name;
    if (!known)
      return InvalidArgumentError("csv: header: unknown column \"" + name +
                                  "\"");
    if (!seen.insert(name).second) {
      return InvalidArgumentError("csv: header: column \"" + name +
                                  "\" appears twice");
    }
  }
  for (const ColumnSpec& c : kColumns) {
    if (c.required && !seen.count(c.name)) {
      return InvalidArgumentError(
          std::string("csv: header: required column \"") + c.name +
          "\" is missing");
    }
  }
  if (!seen.count("uscc") && !seen.count("org_code") &&
      !seen.count("resident_id")) {
    return InvalidArgumentError(
        "csv: header: needs a uscc, org_code or resident_id column");
  }
  return OkStatus();
}

// (decision doc_no, subject index key) → the first row filing it, over the
// whole file: the feed refuses a second record with the same decision
// about the same subject.
using FirstRows = std::unordered_map<std::string, size_t>;

// Rows parsed and waiting for conversion: file rows first_row_no, ...
struct PendingRows {
  std::vector<std::vector<std::string>> rows;
  size_t first_row_no = 0;
  uint64_t bytes_read = 0;  // of the input, when these rows were complete
};

// Converts `rows` (file rows first_row_no, ...) into `out`: rows are
// converted and validated on several threads (most of an import's CPU
// before signing), then rejections and duplicates are collected in file
// order.
void ConvertRows(const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows,
                 size_t first_row_no, FirstRows* first_rows, ParsedCsv* out) {
  const size_t n = rows.size();
  std::vector<RowResult> results(n);
  const size_t threads = std::max<size_t>(
      1, std::min<size_t>({4, std::thread::hardware_concurrency(), n}));
  std::vector<std::thread> pool;
  for (size_t t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t r = t; r < n; r += threads) {
        results[r] = ConvertRow(header, rows[r]);
      }
    });
  }
  for (std::thread& t : pool) t.join();

  for (size_t r = 0; r < n; ++r) {
    const size_t row_no = first_row_no + r;
    RowResult& result = results[r];
    if (result.blank) continue;
    if (!result.draft.ok()) {
      out->rejected.push_back({row_no, result.draft.status().message()});
      continue;
    }
    StatusOr<ledger::EntryDraft>& valid = result.draft;
    size_t duplicate_of = 0;
    for (const ledger::SubjectId& id : valid->record->subject_ids) {
      std::string key = valid->record->doc_no;
      key += '\0';
      key += id.IndexKey();
      auto [it, inserted] = first_rows->emplace(std::move(key), row_no);
      if (!inserted && duplicate_of == 0) duplicate_of = it->second;
    }
    if (duplicate_of != 0) {
      out->rejected.push_back(
          {row_no, "duplicate of row " + std::to_string(duplicate_of) +
                       " (same decision doc_no and subject)"});
      continue;
    }
    out->drafts.push_back(std::move(valid).value());
    out->rows.push_back(row_no);
  }
}

}  // namespace

Status StreamRecordsCsv(std::istream& in, size_t chunk_rows,
                        const CsvChunkVisitor& visit) {
  if (chunk_rows == 0) return InvalidArgumentError("csv: chunk_rows is 0");
  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
    return InternalError("csv: cannot initialise the parser");
  }
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  Collector collector;  // rows parsed and not yet handed to the converter
  std::vector<std::string> header;
  bool have_header = false;
  size_t next_row_no = 1;  // the file row of collector.rows[0]
  uint64_t bytes_read = 0;

  // Rows are converted and visited on a worker, in file order, while this
  // thread reads and parses on (the two used to alternate). Only the
  // worker touches first_rows.
  FirstRows first_rows;
  OrderedWorker<PendingRows> converter(
      1, [&](PendingRows&& pending) -> Status {
        CsvChunk chunk;
        chunk.bytes_read = pending.bytes_read;
        ConvertRows(header, pending.rows, pending.first_row_no, &first_rows,
                    &chunk.parsed);
        pending.rows.clear();  // not held while `visit` waits (import)
        return visit(std::move(chunk));
      });
  // An error of this thread lies later in the file than every chunk handed
  // over, so a visit error of one of those is the one to report.
  auto fail = [&](Status s) {
    Status earlier = converter.Finish();
    return earlier.ok() ? s : earlier;
  };

  // Hands over the pending rows in chunks of chunk_rows (all of them at
  // the end).
  auto flush = [&](bool at_end) -> Status {
    if (!have_header) {
      if (collector.rows.empty()) return OkStatus();
      header = std::move(collector.rows.front());
      collector.rows.erase(collector.rows.begin());
      CN_RETURN_IF_ERROR(CheckHeader(header));
      have_header = true;
      next_row_no = 2;
    }
    while (collector.rows.size() >= chunk_rows ||
           (at_end && !collector.rows.empty())) {
      const size_t n = std::min(chunk_rows, collector.rows.size());
      PendingRows pending;
      pending.first_row_no = next_row_no;
      pending.bytes_read = bytes_read;
      pending.rows.assign(
          std::make_move_iterator(collector.rows.begin()),
          std::make_move_iterator(collector.rows.begin() +
                                  static_cast<ptrdiff_t>(n)));
      collector.rows.erase(collector.rows.begin(),
                           collector.rows.begin() + static_cast<ptrdiff_t>(n));
      next_row_no += n;
      CN_RETURN_IF_ERROR(converter.Submit(std::move(pending)));
    }
    return OkStatus();
  };
  auto malformed = [&]() {
    // The row being parsed: every row before it is complete.
    const size_t row =
        (have_header ? next_row_no - 1 : 0) + collector.rows.size() + 1;
    return InvalidArgumentError(std::string("csv: ") +
                                csv_strerror(csv_error(&parser)) + " in row " +
                                std::to_string(row));
  };

  std::string buffer(1 << 20, '\0');
  bool first_read = true;
  while (true) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const size_t got = static_cast<size_t>(in.gcount());
    if (got == 0) {
      if (in.bad()) return fail(UnavailableError("csv: read failed"));
      break;
    }
    bytes_read += got;
    std::string_view data(buffer.data(), got);
    if (first_read && data.substr(0, 3) == "\xEF\xBB\xBF") {
      data.remove_prefix(3);  // UTF-8 BOM
    }
    first_read = false;
    if (csv_parse(&parser, data.data(), data.size(), OnField, OnRow,
                  &collector) != data.size()) {
      return fail(malformed());
    }
    if (Status s = flush(/*at_end=*/false); !s.ok()) return fail(s);
  }
  if (csv_fini(&parser, OnField, OnRow, &collector) != 0)
    return fail(malformed());
  if (!have_header && collector.rows.empty()) {
    return fail(InvalidArgumentError("csv: empty file, expected a header row"));
  }
  if (Status s = flush(/*at_end=*/true); !s.ok()) return fail(s);
  return converter.Finish();
}

StatusOr<ParsedCsv> ParseRecordsCsv(std::string_view text) {
  std::istringstream in{std::string(text)};
  ParsedCsv all;
  CN_RETURN_IF_ERROR(
      StreamRecordsCsv(in, SIZE_MAX, [&](CsvChunk&& chunk) -> Status {
        all = std::move(chunk.parsed);
        return OkStatus();
      }));
  return all;
}

}  // namespace creditnode::node
