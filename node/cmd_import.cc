// `creditnode import`: a CSV list of records into this node's feed.
//
// Nothing is half-imported: the whole file is validated first and, unless
// --skip-invalid, one rejected row means nothing is written (exit 3). It is
// then read again and appended in synced batches; each row is in the feed
// entirely or not at all. Memory stays bounded by a batch, not the file
// (both passes stream it). An interrupted import is resumed by running it
// again: rows already in the feed (same decision doc_no and subject) are
// skipped.
#include <fmt/core.h>
#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "node/commands.h"
#include "node/csv_import.h"
#include "node/local_feed.h"
#include "node/ordered_worker.h"
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
// synced write. `resuming`: the feed held entries when the import began,
// so rows may already be in it (an interrupted earlier run); otherwise
// every row is new (the node is stopped, and pass 1 removed duplicates
// within the file), and the lookup per row is skipped.
Status PublishBatch(const ledger::FeedStore& store, ledger::Publisher* writer,
                    bool resuming, std::vector<ledger::EntryDraft> batch,
                    const std::vector<size_t>& rows, Counts* counts) {
  std::vector<ledger::EntryDraft> fresh;
  std::vector<size_t> fresh_rows;
  fresh.reserve(batch.size());
  for (size_t i = 0; i < batch.size(); ++i) {
    bool present = false;
    if (resuming) {
      CN_ASSIGN_OR_RETURN(present,
                          AlreadyInFeed(store, writer->origin(), batch[i]));
    }
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

// Pass 2 must judge every row as pass 1 did; otherwise the file changed
// under the import.
Status CheckSameVerdicts(const std::string& file, const ParsedCsv& chunk,
                         const std::set<size_t>& rejected_rows) {
  for (const RejectedRow& r : chunk.rejected) {
    if (!rejected_rows.count(r.row)) {
      return FailedPreconditionError(
          file + ": changed while it was imported (row " +
          std::to_string(r.row) +
          " is now rejected); run the import again: rows already imported "
          "are skipped");
    }
  }
  for (size_t row : chunk.rows) {
    if (rejected_rows.count(row)) {
      return FailedPreconditionError(
          file + ": changed while it was imported (row " + std::to_string(row) +
          " is now valid); run the import again: rows already imported are "
          "skipped");
    }
  }
  return OkStatus();
}

// Rows validated at a time in the first pass: bounds its memory (a
// validated row is a few KiB) while giving the converter threads work.
constexpr size_t kChunkRows = 8192;

}  // namespace

int RunImport(const ImportArgs& args) {
  // Read twice (validate, then append): a pipe would be empty the second
  // time and import nothing. Checked before opening, which would block on
  // a pipe without a writer.
  std::error_code type_error;
  if (std::filesystem::exists(args.file, type_error) &&
      !std::filesystem::is_regular_file(args.file, type_error)) {
    return ReportError(InvalidArgumentError(
        args.file + ": not a regular file (the import reads it twice)"));
  }
  std::ifstream in(args.file, std::ios::binary);
  if (!in) return ReportError(NotFoundError(args.file + ": cannot open"));
  std::error_code size_error;
  const uint64_t file_bytes = std::filesystem::file_size(args.file, size_error);

  // Pass 1: validate every row, keeping only the rejections, so that one
  // bad row stops the import before anything is written.
  std::vector<RejectedRow> rejected;
  size_t valid = 0;
  {
    ProgressBar bar("validate", size_error ? 0 : file_bytes);
    Status s =
        StreamRecordsCsv(in, kChunkRows, [&](CsvChunk&& chunk) -> Status {
          valid += chunk.parsed.drafts.size();
          for (RejectedRow& r : chunk.parsed.rejected) {
            rejected.push_back(std::move(r));
          }
          bar.Update(chunk.bytes_read);
          return OkStatus();
        });
    bar.Finish();
    if (!s.ok()) return ReportError(s.WithPrefix(args.file));
  }
  for (const RejectedRow& r : rejected) {
    fmt::print(stderr, "rejected row {}: {}\n", r.row, r.reason);
  }
  if (!args.report.empty()) {
    if (Status s = WriteReport(args.report, rejected); !s.ok())
      return ReportError(s);
  }
  if (!rejected.empty() && !args.skip_invalid) {
    fmt::print(
        stderr,
        "error: {} of {} rows rejected; nothing imported (fix them, or pass "
        "--skip-invalid to import the {} valid rows)\n",
        rejected.size(), rejected.size() + valid, valid);
    return kExitRejected;
  }

  StatusOr<std::unique_ptr<LocalFeed>> feed = LocalFeed::Open(
      args.data_dir, SystemClock::Default(), args.maintain_tree);
  if (!feed.ok()) return ReportError(feed.status());
  ledger::Publisher* writer = (*feed)->writer();
  StatusOr<ledger::FeedInfo> info = (*feed)->store()->GetFeed(writer->origin());
  if (!info.ok()) return ReportError(info.status());
  const bool resuming = info->size > 0;

  // Pass 2: read the file again, batch by batch. Rows are validated again
  // (nothing of pass 1 is kept but the rejections); a row whose verdict
  // differs means the file changed in between, and the import stops there.
  std::set<size_t> rejected_rows;
  for (const RejectedRow& r : rejected) rejected_rows.insert(r.row);
  in.clear();
  if (!in.seekg(0)) {
    return ReportError(UnavailableError(args.file + ": cannot read it again"));
  }
  ProgressBar bar("import", valid);
  Counts counts;
  size_t done = 0;
  // Batches are published in file order on one thread while the next one
  // is parsed and validated on this one (and its converter threads).
  OrderedWorker<CsvChunk> publisher(1, [&](CsvChunk&& chunk) -> Status {
    const size_t last_row = chunk.parsed.rows.back();
    done += chunk.parsed.drafts.size();
    CN_RETURN_IF_ERROR(PublishBatch(*(*feed)->store(), writer, resuming,
                                    std::move(chunk.parsed.drafts),
                                    chunk.parsed.rows, &counts));
    bar.Update(done);
    // One line per durable batch, so a caller (or the crash test)
    // knows exactly what has been acknowledged.
    spdlog::debug("import: durable through row {}", last_row);
    return OkStatus();
  });
  Status s = StreamRecordsCsv(in, args.batch, [&](CsvChunk&& chunk) -> Status {
    CN_RETURN_IF_ERROR(
        CheckSameVerdicts(args.file, chunk.parsed, rejected_rows));
    if (chunk.parsed.drafts.empty()) return OkStatus();
    return publisher.Submit(std::move(chunk));
  });
  // The batches queued before a reading or verdict error are valid and
  // still written; a publishing error is the one to report.
  const Status published = publisher.Finish();
  if (!published.ok()) s = published;
  bar.Finish();
  if (!s.ok()) {
    fmt::print(stderr,
               "imported {} rows before the failure; re-run to resume\n",
               counts.imported);
    return ReportError(s);
  }
  fmt::print("imported {} entries, {} already in the feed, {} rows rejected\n",
             counts.imported, counts.already_present, rejected.size());
  return kExitOk;
}

}  // namespace creditnode::node
