// `creditnode import`: a CSV list of records into this node's feed.
//
// Nothing is half-imported: the whole file is validated first and, unless
// --skip-invalid, one rejected row means nothing is written (exit 3). Rows
// are then appended in synced batches; each row is in the feed entirely or
// not at all. An interrupted import is resumed by running it again: rows
// already in the feed (same decision doc_no and subject) are skipped.
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "node/commands.h"
#include "node/csv_import.h"
#include "node/local_feed.h"
#include "node/progress_bar.h"

namespace creditnode::node {
namespace {

std::string CsvQuote(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

Status WriteReport(const std::string& path,
                   const std::vector<RejectedRow>& rejected) {
  std::ofstream out(path, std::ios::trunc);
  if (!out) return UnavailableError(path + ": cannot write the report");
  out << "row,reason\n";
  for (const RejectedRow& r : rejected)
    out << r.row << "," << CsvQuote(r.reason) << "\n";
  return out.good() ? OkStatus() : UnavailableError(path + ": write failed");
}

struct Counts {
  size_t imported = 0;
  size_t already_present = 0;
};

// True if the feed already holds the record of `draft` (same decision
// doc_no about the same subject): a row of an interrupted earlier run.
StatusOr<bool> AlreadyInFeed(const ledger::FeedStore& store,
                             const std::string& origin,
                             const ledger::EntryDraft& draft) {
  for (const ledger::SubjectId& id : draft.record->subject_ids) {
    CN_ASSIGN_OR_RETURN(
        std::optional<uint64_t> index,
        store.FindByDecision(origin, draft.record->doc_no, id.IndexKey()));
    if (index) return true;
  }
  return false;
}

// Publishes the rows of one batch that the feed does not hold yet, in one
// synced write.
Status PublishBatch(const ledger::FeedStore& store, ledger::Publisher* writer,
                    std::vector<ledger::EntryDraft> batch,
                    const std::vector<size_t>& rows, Counts* counts) {
  std::vector<ledger::EntryDraft> fresh;
  std::vector<size_t> fresh_rows;
  fresh.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    CN_ASSIGN_OR_RETURN(bool present,
                        AlreadyInFeed(store, writer->origin(), batch[i]));
    if (present) {
      ++counts->already_present;
    } else {
      fresh.push_back(std::move(batch[i]));
      fresh_rows.push_back(rows[i]);
    }
  }
  if (fresh.empty()) return OkStatus();
  const size_t n = fresh.size();
  StatusOr<std::vector<ledger::PublishedEntry>> r =
      writer->Publish(std::move(fresh));
  if (!r.ok()) {
    // Batch errors name "entries[i]": say which CSV row that is.
    return r.status().WithPrefix("rows " + std::to_string(fresh_rows.front()) +
                                 "-" + std::to_string(fresh_rows.back()));
  }
  counts->imported += n;
  return OkStatus();
}

}  // namespace

int RunImport(const ImportArgs& args) {
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return ReportError(NotFoundError(args.file + ": cannot open"));
  std::ostringstream ss;
  ss << in.rdbuf();
  StatusOr<ParsedCsv> parsed = ParseRecordsCsv(ss.str());
  if (!parsed.ok()) return ReportError(parsed.status().WithPrefix(args.file));

  for (const RejectedRow& r : parsed->rejected) {
    fmt::print(stderr, "rejected row {}: {}\n", r.row, r.reason);
  }
  if (!args.report.empty()) {
    if (Status s = WriteReport(args.report, parsed->rejected); !s.ok())
      return ReportError(s);
  }
  if (!parsed->rejected.empty() && !args.skip_invalid) {
    fmt::print(
        stderr,
        "error: {} of {} rows rejected; nothing imported (fix them, or pass "
        "--skip-invalid to import the {} valid rows)\n",
        parsed->rejected.size(),
        parsed->rejected.size() + parsed->drafts.size(), parsed->drafts.size());
    return kExitRejected;
  }

  StatusOr<std::unique_ptr<LocalFeed>> feed = LocalFeed::Open(
      args.data_dir, SystemClock::Default(), args.maintain_tree);
  if (!feed.ok()) return ReportError(feed.status());
  ledger::Publisher* writer = (*feed)->writer();

  ProgressBar bar("import", parsed->drafts.size());
  Counts counts;
  const size_t n = parsed->drafts.size();
  for (size_t start = 0; start < n; start += args.batch) {
    const size_t end = std::min(n, start + args.batch);
    std::vector<ledger::EntryDraft> batch(
        std::make_move_iterator(parsed->drafts.begin() +
                                static_cast<ptrdiff_t>(start)),
        std::make_move_iterator(parsed->drafts.begin() +
                                static_cast<ptrdiff_t>(end)));
    std::vector<size_t> rows(
        parsed->rows.begin() + static_cast<ptrdiff_t>(start),
        parsed->rows.begin() + static_cast<ptrdiff_t>(end));
    if (Status s = PublishBatch(*(*feed)->store(), writer, std::move(batch),
                                rows, &counts);
        !s.ok()) {
      bar.Finish();
      fmt::print(stderr,
                 "imported {} rows before the failure; re-run to resume\n",
                 counts.imported);
      return ReportError(s);
    }
    bar.Update(end);
    // One line per durable batch, so a caller (or the crash test) knows
    // exactly what has been acknowledged.
    spdlog::debug("import: durable through row {}", rows.back());
  }
  bar.Finish();
  fmt::print("imported {} entries, {} already in the feed, {} rows rejected\n",
             counts.imported, counts.already_present, parsed->rejected.size());
  return kExitOk;
}

}  // namespace creditnode::node
