// heavy_subject: what one subject lookup costs when the subject has very
// many entries. Builds a fresh store (signed entries through FeedWriter,
// as a node publishes them) with two firms: A has N records and a repair of
// each (2N entries, N of them lifecycle entries to apply); B, the
// baseline, has 2N records and no lifecycle entry (the same number of
// index rows to read). Then times ledger::FindSubjectPage (full view, all
// statuses derived, the first page of 1,000 entries read, as GET
// /v1/subjects/{id} does on its blocking pool) for each, alternated, and
// prints the median. Statuses must cost no more than
// reading the rows: A's time should stay near B's as N grows.
//
//   heavy_subject --dir DIR [--records N] [--rounds K]
#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "crypto/ed25519.h"
#include "crypto/verifier_key.h"
#include "ledger/entry_draft.h"
#include "ledger/feed_store.h"
#include "ledger/feed_writer.h"
#include "ledger/subject_id.h"
#include "ledger/subject_lookup.h"
#include "util/civil_date.h"
#include "util/clock.h"

namespace cn = creditnode;

namespace {

constexpr char kOrigin[] = "bench.gov.example/heavy";

std::string Uscc(const std::string& org_body8) {
  const std::string body = "91420100" + org_body8 +
                           cn::ledger::OrgCodeCheckChar(org_body8);
  return body + cn::ledger::UsccCheckChar(body);
}

std::string Day(const cn::CivilDate& today, int offset) {
  return cn::CivilDate::FromDays(today.DaysSinceEpoch() + offset).ToString();
}

nlohmann::json Decision(const cn::CivilDate& today, const std::string& doc) {
  return {{"doc_no", doc},
          {"date", Day(today, -40)},
          {"authority", {{"name", "武汉市市场监督管理局"}}}};
}

// A record about `uscc`, active and repairable today.
nlohmann::json Record(const cn::CivilDate& today, const std::string& uscc,
                      const std::string& doc) {
  return {{"kind", "dishonesty"},
          {"subject",
           {{"type", "org"},
            {"name", "武汉测试科技有限公司"},
            {"ids", {{{"scheme", "uscc"}, {"value", uscc}}}}}},
          {"list", "market.serious_violation"},
          {"conduct", "提供虚假材料"},
          {"severity", "general"},
          {"legal_basis",
           {{{"instrument", "《市场监督管理严重违法失信名单管理办法》"}}}},
          {"decision", Decision(today, doc)},
          {"effective_from", Day(today, -30)},
          {"publish_min_until", Day(today, -1)},
          {"publish_max_until", Day(today, 365)},
          {"public", true},
          {"share_scope", "public"}};
}

nlohmann::json Repair(const cn::CivilDate& today, uint64_t target,
                      const std::string& doc) {
  return {{"kind", "repair"},
          {"target", {{"origin", kOrigin}, {"index", target}}},
          {"reason", "已履行"},
          {"outcome", "stop_public_display"},
          {"legal_basis", {{{"instrument", "《失信行为纠正后的信用信息修复管理办法》"}}}},
          {"decision", Decision(today, doc)}};
}

// Publishes `drafts` in batches the writer accepts; exits on error.
void PublishAll(cn::ledger::FeedWriter* writer,
                const std::vector<nlohmann::json>& drafts) {
  constexpr size_t kBatch = 5000;
  for (size_t i = 0; i < drafts.size(); i += kBatch) {
    std::vector<cn::ledger::EntryDraft> batch;
    for (size_t j = i; j < std::min(drafts.size(), i + kBatch); ++j) {
      cn::StatusOr<cn::ledger::EntryDraft> d =
          cn::ledger::ValidateDraft(drafts[j]);
      if (!d.ok()) {
        std::fprintf(stderr, "draft %zu: %s\n", j,
                     d.status().ToString().c_str());
        std::exit(1);
      }
      batch.push_back(*std::move(d));
    }
    cn::StatusOr<std::vector<cn::ledger::PublishedEntry>> r =
        writer->Publish(std::move(batch));
    if (!r.ok()) {
      std::fprintf(stderr, "publish: %s\n", r.status().ToString().c_str());
      std::exit(1);
    }
  }
}

// Milliseconds of one FindSubjectPage of `uscc`; exits on error.
double TimeLookup(const cn::ledger::FeedStore& store, const std::string& uscc,
                  const cn::CivilDate& today, size_t expect) {
  cn::StatusOr<cn::ledger::SubjectId> id =
      cn::ledger::ParseSubjectId(cn::ledger::IdScheme::kUscc, uscc);
  cn::ledger::LookupOptions options;
  options.view = cn::ledger::LookupView::kFull;
  options.as_of = today;
  options.limit = 100000;  // api::SubjectHandler::kMatchLimit
  options.page_size = 1000;  // api::SubjectHandler::kMaxPageSize
  const auto start = std::chrono::steady_clock::now();
  cn::StatusOr<cn::ledger::SubjectPage> page =
      cn::ledger::FindSubjectPage(store, {*id}, options);
  const double ms = std::chrono::duration<double, std::milli>(
                        std::chrono::steady_clock::now() - start)
                        .count();
  if (!page.ok() || page->items.size() != std::min<size_t>(expect, 1000)) {
    std::fprintf(stderr, "lookup %s: %s\n", uscc.c_str(),
                 page.ok() ? "wrong count" : page.status().ToString().c_str());
    std::exit(1);
  }
  return ms;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"subject lookup cost with many records and lifecycle entries"};
  std::string dir;
  size_t n = 5000;
  int rounds = 9;
  app.add_option("--dir", dir, "Fresh directory for the store")->required();
  app.add_option("--records", n, "N: records of A (each repaired)");
  app.add_option("--rounds", rounds, "Timed lookups of each subject");
  CLI11_PARSE(app, argc, argv);

  if (!cn::crypto::InitCrypto().ok()) return 1;
  std::filesystem::remove_all(dir);
  cn::ledger::FeedStoreOptions store_options;
  store_options.create_if_missing = true;
  store_options.sync = false;  // set-up only; lookups are what is timed
  auto store = cn::ledger::FeedStore::Open(dir, store_options);
  auto keys = cn::crypto::GenerateEd25519KeyPair();
  if (!store.ok() || !keys.ok()) return 1;
  auto signer = cn::crypto::Ed25519Signer::New(keys->seed);
  if (!signer.ok()) return 1;
  if (!(*store)
           ->AddFeed(kOrigin, cn::crypto::FormatVerifierKey(
                                  kOrigin, (*signer)->PublicKey()))
           .ok()) {
    return 1;
  }
  cn::ledger::FeedWriterOptions writer_options;
  auto writer = cn::ledger::FeedWriter::New(store->get(), kOrigin,
                                            signer->get(),
                                            cn::SystemClock::Default(),
                                            writer_options);
  if (!writer.ok()) return 1;
  const cn::CivilDate today = cn::CivilDate::FromUnixMicros(
      cn::SystemClock::Default()->NowMicros());

  const std::string a = Uscc("10000001"), b = Uscc("20000002");
  std::vector<nlohmann::json> drafts;
  for (size_t i = 0; i < n; ++i)
    drafts.push_back(Record(today, a, "A罚" + std::to_string(i)));
  for (size_t i = 0; i < n; ++i)  // records 0..n-1 are A's, in order
    drafts.push_back(Repair(today, i, "A复" + std::to_string(i)));
  for (size_t i = 0; i < 2 * n; ++i)
    drafts.push_back(Record(today, b, "B罚" + std::to_string(i)));
  PublishAll(writer->get(), drafts);

  std::vector<double> with_repairs, records_only;
  for (int r = 0; r < rounds; ++r) {
    with_repairs.push_back(TimeLookup(**store, a, today, 2 * n));
    records_only.push_back(TimeLookup(**store, b, today, 2 * n));
  }
  std::printf(
      "heavy_subject: %zu records + %zu repairs: %.1f ms per lookup; "
      "baseline %zu records, no lifecycle entries: %.1f ms (median of %d)\n",
      n, n, Median(with_repairs), 2 * n, Median(records_only), rounds);
  return 0;
}
