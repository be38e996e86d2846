// Shared helpers of the node tests: a temporary directory per test, file
// reading, file modes, and a valid records CSV (docs/import.md) built from
// the ledger test identifiers (tests/ledger/test_drafts.h).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "tests/ledger/test_drafts.h"
#include "tests/support/temp_dir.h"

namespace creditnode::node::testing {

using ::creditnode::test_support::TempDir;

inline std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  ASSERT_TRUE(out.good()) << path;
}

// The permission bits of `path` (e.g. 0600), or -1 if it does not exist.
inline int FileMode(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return -1;
  return static_cast<int>(st.st_mode & 07777);
}

// A header naming every column a typical list file uses.
inline constexpr char kCsvHeader[] =
    "kind,subject_type,subject_name,uscc,legal_rep_name,legal_rep_resident_id,"
    "list,severity,"
    "conduct,legal_basis_instrument,decision_doc_no,decision_date,authority_"
    "name,"
    "effective_from,publish_min_until,publish_max_until,public,share_scope\n";

// One valid dishonesty row under kCsvHeader about the firm with USCC
// ledger::testing::TestUscc(n), decision `doc_no`.
inline std::string CsvRow(uint32_t n, const std::string& doc_no) {
  return "dishonesty,org,武汉测试" + std::to_string(n) + "科技有限公司," +
         ledger::testing::TestUscc(n) + ",张三," +
         ledger::testing::TestResidentId(n) +
         ",market.serious_illegal,general,提供虚假材料取得公司登记,"
         "《市场监督管理严重违法失信名单管理办法》," +
         doc_no +
         ",2024-01-05,武汉市市场监督管理局,2024-01-10,2024-04-10,2025-01-10,"
         "true,public\n";
}

}  // namespace creditnode::node::testing
