// generate_csv: writes N realistic records as an import CSV (docs/import.md)
// and the list of subject IDs they name (one per line) for lookup loads.
// The mix is DemoData's: ~70% firms by USCC (some by organization code
// only), individual businesses, natural persons; subjects recur.
//
//   generate_csv --records N --out FILE.csv --ids FILE.txt [--seed S]
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>

#include "node/csv_import.h"
#include "node/demo_data.h"
#include "util/clock.h"

namespace {

std::string Quote(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Str(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end()) return "";
  if (it->is_boolean()) return it->get<bool>() ? "true" : "false";
  return it->get<std::string>();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Generate an import CSV of realistic CreditNode records"};
  uint64_t records = 100000, seed = 1;
  std::string out, ids_out;
  app.add_option("--records", records, "Number of records")->required();
  app.add_option("--out", out, "CSV file to write")->required();
  app.add_option("--ids", ids_out, "File to write the subject IDs to");
  app.add_option("--seed", seed, "Seed");
  CLI11_PARSE(app, argc, argv);

  using creditnode::CivilDate;
  creditnode::node::DemoData gen(
      seed, CivilDate::FromUnixMicros(creditnode::SystemClock::Default()->NowMicros()));
  std::ofstream csv(out, std::ios::trunc);
  std::ofstream ids;
  if (!ids_out.empty()) ids.open(ids_out, std::ios::trunc);
  const auto& columns = creditnode::node::CsvColumns();
  for (size_t i = 0; i < columns.size(); ++i) csv << (i ? "," : "") << columns[i];
  csv << "\n";
  for (uint64_t n = 0; n < records; ++n) {
    nlohmann::json d = gen.NextRecord();
    const nlohmann::json& subject = d["subject"];
    const nlohmann::json& id = subject["ids"][0];
    std::map<std::string, std::string> row;
    row["kind"] = Str(d, "kind");
    row["subject_type"] = Str(subject, "type");
    row["subject_name"] = Str(subject, "name");
    row[id["scheme"].get<std::string>()] = id["value"].get<std::string>();
    if (d.contains("associates")) {
      row["legal_rep_name"] = Str(d["associates"][0], "name");
      row["legal_rep_resident_id"] = d["associates"][0]["ids"][0]["value"].get<std::string>();
    }
    for (const char* k : {"list", "severity", "conduct", "facts", "effective_from",
                          "publish_min_until", "publish_max_until", "public", "share_scope"}) {
      row[k] = Str(d, k);
    }
    row["legal_basis_instrument"] = Str(d["legal_basis"][0], "instrument");
    row["legal_basis_article"] = Str(d["legal_basis"][0], "article");
    row["decision_doc_no"] = Str(d["decision"], "doc_no");
    row["decision_date"] = Str(d["decision"], "date");
    row["authority_name"] = Str(d["decision"]["authority"], "name");
    for (size_t i = 0; i < columns.size(); ++i) csv << (i ? "," : "") << Quote(row[columns[i]]);
    csv << "\n";
    if (ids.is_open()) ids << id["value"].get<std::string>() << "\n";
  }
  if (!csv.good()) {
    std::cerr << "error: writing " << out << " failed\n";
    return 1;
  }
  std::cerr << "wrote " << records << " records to " << out << "\n";
  return 0;
}
