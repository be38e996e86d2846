// node/csv_import.h (docs/import.md): valid rows become drafts, each kind of
// bad row is rejected with its row number and reason, file-level problems
// fail the whole file.
#include "node/csv_import.h"

#include <gtest/gtest.h>

#include <sstream>
#include <thread>
#include <vector>

#include "tests/node/node_test_util.h"

namespace creditnode::node::testing {
namespace {

using ledger::testing::TestResidentId;
using ledger::testing::TestUscc;

std::string Csv(const std::string& rows) {
  return std::string(kCsvHeader) + rows;
}

// The single rejection of `csv`'s rows; fails the test unless exactly one.
RejectedRow OnlyRejection(const std::string& csv) {
  StatusOr<ParsedCsv> p = ParseRecordsCsv(csv);
  EXPECT_TRUE(p.ok()) << p.status().ToString();
  if (!p.ok() || p->rejected.size() != 1) {
    ADD_FAILURE() << "expected one rejected row";
    return {};
  }
  return p->rejected[0];
}

// CsvRow(n, doc_no) with column `column` (0-based, kCsvHeader order) set
// to `value`.
std::string RowWith(uint32_t n, const std::string& doc_no, size_t column,
                    const std::string& value) {
  std::string row = CsvRow(n, doc_no);
  row.pop_back();  // '\n'
  std::vector<std::string> cells;
  size_t start = 0;
  for (size_t comma; (comma = row.find(',', start)) != std::string::npos;
       start = comma + 1) {
    cells.push_back(row.substr(start, comma - start));
  }
  cells.push_back(row.substr(start));
  cells.at(column) = value;
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + cells[i];
  return out + "\n";
}

constexpr size_t kKindColumn = 0;
constexpr size_t kUsccColumn = 3;
constexpr size_t kLegalRepNameColumn = 4;
constexpr size_t kConductColumn = 8;
constexpr size_t kPublicColumn = 16;

TEST(CsvImportTest, ValidRowsBecomeDraftsInFileOrderWithTheirRowNumbers) {
  StatusOr<ParsedCsv> p =
      ParseRecordsCsv(Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号")));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_TRUE(p->rejected.empty());
  ASSERT_EQ(p->drafts.size(), 2u);
  EXPECT_EQ(p->rows, (std::vector<size_t>{2, 3}));
  const ledger::EntryDraft& d = p->drafts[0];
  EXPECT_EQ(d.kind, ledger::EntryKind::kDishonesty);
  ASSERT_TRUE(d.record.has_value());
  EXPECT_EQ(d.record->doc_no, "罚1号");
  ASSERT_EQ(d.record->subject_ids.size(), 1u);
  EXPECT_EQ(d.record->subject_ids[0].value, TestUscc(1));
  ASSERT_EQ(d.record->associate_ids.size(), 1u);
  EXPECT_EQ(d.record->associate_ids[0].value, TestResidentId(1));
  EXPECT_TRUE(d.record->is_public);
}

TEST(CsvImportTest,
     BomBlankLinesQuotedCommasAndChinesePublicValuesAreAccepted) {
  const std::string row = RowWith(1, "罚1号", kPublicColumn, "否");
  const std::string quoted =
      RowWith(2, "罚2号", kConductColumn, "\"提供虚假材料, \"\"严重\"\"\"");
  StatusOr<ParsedCsv> p =
      ParseRecordsCsv("\xEF\xBB\xBF" + Csv(row + "\n" + quoted));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  ASSERT_TRUE(p->rejected.empty()) << p->rejected[0].reason;
  ASSERT_EQ(p->drafts.size(), 2u);
  EXPECT_FALSE(p->drafts[0].record->is_public);
  EXPECT_EQ(p->drafts[1].body["conduct"], "提供虚假材料, \"严重\"");
  // Rows are CSV records (docs/import.md): a blank line is not one.
  EXPECT_EQ(p->rows, (std::vector<size_t>{2, 3}));
}

TEST(CsvImportTest, RowWithWrongFieldCountIsRejected) {
  RejectedRow r = OnlyRejection(Csv(CsvRow(1, "罚1号") + "dishonesty,org\n"));
  EXPECT_EQ(r.row, 3u);
  EXPECT_EQ(r.reason, "has 2 fields, the header 18");
}

TEST(CsvImportTest, LifecycleKindRowIsRejected) {
  RejectedRow r =
      OnlyRejection(Csv(RowWith(1, "罚1号", kKindColumn, "repair")));
  EXPECT_EQ(r.row, 2u);
  EXPECT_NE(r.reason.find(
                "kind: CSV import takes dishonesty or commendation records"),
            std::string::npos)
      << r.reason;
}

TEST(CsvImportTest, UnreadablePublicValueIsRejected) {
  RejectedRow r = OnlyRejection(Csv(RowWith(1, "罚1号", kPublicColumn, "yes")));
  EXPECT_EQ(r.reason,
            "public: must be true/false (or 是/否, 1/0), got \"yes\"");
}

TEST(CsvImportTest, LegalRepIdWithoutNameIsRejected) {
  RejectedRow r =
      OnlyRejection(Csv(RowWith(1, "罚1号", kLegalRepNameColumn, "")));
  EXPECT_EQ(r.reason, "legal_rep_resident_id: given without legal_rep_name");
}

TEST(CsvImportTest, InvalidIdentifierIsRejectedNamingTheRule) {
  std::string bad = TestUscc(1);
  bad.back() = bad.back() == '0' ? '1' : '0';
  RejectedRow r = OnlyRejection(Csv(RowWith(1, "罚1号", kUsccColumn, bad)));
  EXPECT_NE(r.reason.find("uscc: check character mismatch"), std::string::npos)
      << r.reason;
}

TEST(CsvImportTest, EmptyRequiredCellIsRejectedAsMissingField) {
  RejectedRow r = OnlyRejection(Csv(RowWith(1, "罚1号", kConductColumn, "")));
  EXPECT_NE(r.reason.find("conduct"), std::string::npos) << r.reason;
}

TEST(CsvImportTest, SecondRowWithSameDecisionAndSubjectIsADuplicate) {
  RejectedRow r = OnlyRejection(
      Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号") + CsvRow(1, "罚1号")));
  EXPECT_EQ(r.row, 4u);
  EXPECT_EQ(r.reason, "duplicate of row 2 (same decision doc_no and subject)");
}

TEST(CsvImportTest, SameDecisionAboutAnotherSubjectIsNotADuplicate) {
  StatusOr<ParsedCsv> p =
      ParseRecordsCsv(Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚1号")));
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->rejected.empty());
  EXPECT_EQ(p->drafts.size(), 2u);
}

TEST(CsvImportTest, UnknownColumnFailsTheFile) {
  EXPECT_EQ(ParseRecordsCsv("kind,colour\n").status(),
            InvalidArgumentError("csv: header: unknown column \"colour\""));
}

TEST(CsvImportTest, DuplicatedColumnFailsTheFile) {
  EXPECT_EQ(ParseRecordsCsv("kind,kind\n").status(),
            InvalidArgumentError("csv: header: column \"kind\" appears twice"));
}

TEST(CsvImportTest, MissingRequiredColumnFailsTheFile) {
  std::string header = kCsvHeader;
  header.replace(header.find("conduct,"), 8, "");
  EXPECT_EQ(ParseRecordsCsv(header).status(),
            InvalidArgumentError(
                "csv: header: required column \"conduct\" is missing"));
}

TEST(CsvImportTest, HeaderWithoutAnyIdentifierColumnFailsTheFile) {
  std::string header = kCsvHeader;
  header.replace(header.find("uscc,"), 5, "");
  EXPECT_EQ(ParseRecordsCsv(header).status(),
            InvalidArgumentError(
                "csv: header: needs a uscc, org_code or resident_id column"));
}

TEST(CsvImportTest, UnterminatedQuoteFailsTheFile) {
  StatusOr<ParsedCsv> p = ParseRecordsCsv(Csv("\"dishonesty,org\n"));
  ASSERT_EQ(p.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(p.status().message().rfind("csv: ", 0), 0u) << p.status().message();
}

TEST(CsvImportTest, EmptyFileFails) {
  EXPECT_EQ(ParseRecordsCsv("").status(),
            InvalidArgumentError("csv: empty file, expected a header row"));
}

// The chunks StreamRecordsCsv hands over for `csv` in chunks of `rows`.
std::vector<CsvChunk> Chunks(const std::string& csv, size_t rows,
                             Status* status) {
  std::istringstream in(csv);
  std::vector<CsvChunk> chunks;
  *status = StreamRecordsCsv(in, rows, [&](CsvChunk&& chunk) -> Status {
    chunks.push_back(std::move(chunk));
    return OkStatus();
  });
  return chunks;
}

TEST(CsvStreamTest, RowsArriveInChunksInFileOrderWithTheirRowNumbers) {
  Status status;
  std::vector<CsvChunk> chunks =
      Chunks(Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号") + CsvRow(3, "罚3号") +
                 CsvRow(4, "罚4号") + CsvRow(5, "罚5号")),
             2, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].parsed.rows, (std::vector<size_t>{2, 3}));
  EXPECT_EQ(chunks[1].parsed.rows, (std::vector<size_t>{4, 5}));
  EXPECT_EQ(chunks[2].parsed.rows, (std::vector<size_t>{6}));
  EXPECT_EQ(chunks[2].parsed.drafts.size(), 1u);
}

TEST(CsvStreamTest, ADuplicateInALaterChunkIsFound) {
  Status status;
  std::vector<CsvChunk> chunks =
      Chunks(Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号") + CsvRow(1, "罚1号")),
             1, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_EQ(chunks.size(), 3u);
  ASSERT_EQ(chunks[2].parsed.rejected.size(), 1u);
  EXPECT_EQ(chunks[2].parsed.rejected[0].row, 4u);
  EXPECT_EQ(chunks[2].parsed.rejected[0].reason,
            "duplicate of row 2 (same decision doc_no and subject)");
  EXPECT_TRUE(chunks[2].parsed.drafts.empty());
}

TEST(CsvStreamTest, TheVisitorsErrorStopsTheStream) {
  std::istringstream in(
      Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号") + CsvRow(3, "罚3号")));
  int calls = 0;
  Status s = StreamRecordsCsv(in, 1, [&](CsvChunk&&) -> Status {
    ++calls;
    return UnavailableError("disk full");
  });
  EXPECT_EQ(s, UnavailableError("disk full"));
  EXPECT_EQ(calls, 1);
}

TEST(CsvStreamTest, VisitsRunOffTheCallingThreadAndAnEarlierVisitErrorWins) {
  // Rows are converted and visited on another thread while the caller's
  // thread parses on; a visit error about row 2 comes before the file's
  // unterminated quote further on, and is the one reported.
  std::istringstream in(Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号") +
                            CsvRow(3, "罚3号") + "\"dishonesty,org\n"));
  const std::thread::id caller = std::this_thread::get_id();
  bool off_thread = true;
  Status s = StreamRecordsCsv(in, 1, [&](CsvChunk&& chunk) -> Status {
    off_thread = off_thread && std::this_thread::get_id() != caller;
    if (chunk.parsed.rows == std::vector<size_t>{2}) {
      return UnavailableError("disk full at row 2");
    }
    return OkStatus();
  });
  EXPECT_EQ(s, UnavailableError("disk full at row 2"));
  EXPECT_TRUE(off_thread);
}

TEST(CsvStreamTest, ABadHeaderFailsBeforeAnyChunk) {
  Status status;
  std::vector<CsvChunk> chunks = Chunks("kind,colour\nx,y\n", 1, &status);
  EXPECT_EQ(status,
            InvalidArgumentError("csv: header: unknown column \"colour\""));
  EXPECT_TRUE(chunks.empty());
}

TEST(CsvStreamTest, AnUnterminatedQuoteAtTheEndFailsAfterEarlierChunks) {
  Status status;
  std::vector<CsvChunk> chunks =
      Chunks(Csv(CsvRow(1, "罚1号") + "\"dishonesty,org\n"), 1, &status);
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("in row 3"), std::string::npos)
      << status.message();
  EXPECT_EQ(chunks.size(), 1u);  // why `import` validates the whole file first
}

TEST(CsvStreamTest, BytesReadGrowToTheFileSize) {
  const std::string csv = Csv(CsvRow(1, "罚1号") + CsvRow(2, "罚2号"));
  Status status;
  std::vector<CsvChunk> chunks = Chunks(csv, 1, &status);
  ASSERT_TRUE(status.ok()) << status.ToString();
  ASSERT_FALSE(chunks.empty());
  EXPECT_EQ(chunks.back().bytes_read, csv.size());
}

TEST(CsvImportTest, ColumnsListStartsWithKindAndNamesEveryIdentifierScheme) {
  const std::vector<std::string>& cols = CsvColumns();
  ASSERT_FALSE(cols.empty());
  EXPECT_EQ(cols[0], "kind");
  for (const char* c : {"uscc", "org_code", "resident_id"}) {
    EXPECT_NE(std::find(cols.begin(), cols.end(), c), cols.end()) << c;
  }
}

}  // namespace
}  // namespace creditnode::node::testing
