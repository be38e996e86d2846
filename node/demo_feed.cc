// PopulateDemoFeed (node/demo_feed.h). Lifecycle entries are chosen while
// the records are generated and only the chosen records' drafts are kept,
// so memory stays small for large --records.
#include "node/demo_feed.h"

#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "ledger/entry_draft.h"
#include "node/demo_data.h"

namespace creditnode::node {
namespace {

enum class Action { kNone, kRepair, kRevocation, kCorrection, kObjection };

// A record chosen for a lifecycle entry, with its draft (correction and
// repair copy fields from it).
struct Pending {
  Action action = Action::kNone;
  uint64_t index = 0;
  nlohmann::json record;
};

// Out of 100 records: 4 repaired, 1 revoked, 1 corrected, 2 objected to.
// A repair needs a dishonesty record already in force and past its
// publish_min_until (the feed refuses earlier repairs).
Action ChooseAction(std::mt19937_64& rng, const nlohmann::json& record,
                    const std::string& today) {
  const int r = std::uniform_int_distribution<int>(0, 99)(rng);
  if (r < 4) {
    const bool repairable =
        record["kind"] == "dishonesty" &&
        record["effective_from"].get<std::string>() <= today &&
        (!record.contains("publish_min_until") ||
         record["publish_min_until"].get<std::string>() <= today);
    return repairable ? Action::kRepair : Action::kNone;
  }
  if (r < 5) return Action::kRevocation;
  if (r < 6) return Action::kCorrection;
  if (r < 8) return Action::kObjection;
  return Action::kNone;
}

StatusOr<ledger::EntryDraft> Validate(const nlohmann::json& draft) {
  StatusOr<ledger::EntryDraft> d = ledger::ValidateDraft(draft);
  if (!d.ok()) {
    return InternalError("demo: generated an invalid draft (" +
                         d.status().message() + "): " + draft.dump());
  }
  return d;
}

// Publishes `drafts` in batches of `batch`; appends each entry's index.
Status PublishAll(ledger::Publisher* publisher,
                  const std::vector<nlohmann::json>& drafts, size_t batch,
                  std::vector<uint64_t>* indices) {
  for (size_t start = 0; start < drafts.size(); start += batch) {
    std::vector<ledger::EntryDraft> valid;
    for (size_t i = start; i < std::min(drafts.size(), start + batch); ++i) {
      CN_ASSIGN_OR_RETURN(ledger::EntryDraft d, Validate(drafts[i]));
      valid.push_back(std::move(d));
    }
    CN_ASSIGN_OR_RETURN(std::vector<ledger::PublishedEntry> published,
                        publisher->Publish(std::move(valid)));
    for (const ledger::PublishedEntry& e : published)
      indices->push_back(e.ref.index);
  }
  return OkStatus();
}

}  // namespace

StatusOr<DemoFeedStats> PopulateDemoFeed(ledger::Publisher* publisher,
                                         const DemoFeedOptions& options,
                                         CivilDate today,
                                         ProgressBar* progress) {
  DemoData gen(options.seed, today);
  std::mt19937_64 pick_rng(options.seed ^ 0x6c69666563796c65);  // "lifecycle"
  const std::string today_text = today.ToString();
  const std::string& origin = publisher->origin();
  DemoFeedStats stats;
  std::vector<Pending> pending;

  // 1. The records.
  while (stats.records < options.records) {
    const size_t n = std::min(options.batch, options.records - stats.records);
    std::vector<ledger::EntryDraft> drafts;
    std::vector<std::pair<size_t, Pending>> chosen;  // position in batch
    for (size_t i = 0; i < n; ++i) {
      nlohmann::json record = gen.NextRecord();
      CN_ASSIGN_OR_RETURN(ledger::EntryDraft d, Validate(record));
      drafts.push_back(std::move(d));
      if (Action a = ChooseAction(pick_rng, record, today_text);
          a != Action::kNone) {
        chosen.push_back({i, Pending{a, 0, std::move(record)}});
      }
    }
    CN_ASSIGN_OR_RETURN(std::vector<ledger::PublishedEntry> published,
                        publisher->Publish(std::move(drafts)));
    for (auto& [i, p] : chosen) {
      p.index = published[i].ref.index;
      pending.push_back(std::move(p));
    }
    stats.records += n;
    if (progress != nullptr) progress->Update(stats.records);
  }

  // 2. One lifecycle entry per chosen record.
  std::vector<nlohmann::json> lifecycle;
  std::vector<uint64_t> objected;  // positions in `lifecycle`
  for (const Pending& p : pending) {
    switch (p.action) {
      case Action::kRepair:
        lifecycle.push_back(gen.Repair(origin, p.index, p.record));
        ++stats.repairs;
        break;
      case Action::kRevocation:
        lifecycle.push_back(gen.Revocation(origin, p.index));
        ++stats.revocations;
        break;
      case Action::kCorrection:
        lifecycle.push_back(gen.Correction(origin, p.index, p.record));
        ++stats.corrections;
        break;
      case Action::kObjection:
        objected.push_back(lifecycle.size());
        lifecycle.push_back(gen.ObjectionOpened(origin, p.index));
        ++stats.objections_opened;
        break;
      case Action::kNone:
        break;
    }
  }
  std::vector<uint64_t> indices;
  CN_RETURN_IF_ERROR(PublishAll(publisher, lifecycle, options.batch, &indices));

  // 3. Half of the objections decided (upheld or dismissed); the rest stay
  // open, so their records show under_objection.
  std::vector<nlohmann::json> closings;
  for (uint64_t pos : objected) {
    if (std::uniform_int_distribution<int>(0, 1)(pick_rng) == 0) continue;
    const bool upheld = std::uniform_int_distribution<int>(0, 2)(pick_rng) == 0;
    closings.push_back(gen.ObjectionClosed(origin, indices[pos], upheld));
    ++stats.objections_closed;
  }
  std::vector<uint64_t> closing_indices;
  CN_RETURN_IF_ERROR(
      PublishAll(publisher, closings, options.batch, &closing_indices));
  return stats;
}

}  // namespace creditnode::node
