// DemoData: a deterministic generator of realistic, valid entry drafts for
// the demo node and the benchmarks: valid USCCs, organization codes and
// resident IDs, Chinese firm and person names, several lists, subjects that
// recur, dates spread over the last years so that some records are expired
// or not yet effective, and lifecycle drafts (repair, correction,
// revocation, objection) acting on earlier records. Not thread-safe.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "util/civil_date.h"

namespace creditnode::node {

struct DemoSubject {
  std::string type;  // org, individual_business, natural_person
  std::string city;  // e.g. 武汉, names the authorities
  std::string name;
  std::string scheme;  // uscc, org_code or resident_id
  std::string id;
  std::string legal_rep_name;  // orgs only
  std::string legal_rep_id;    // a resident ID, orgs only
};

class DemoData {
 public:
  // `today` anchors every date; `seed` makes the sequence reproducible.
  DemoData(uint64_t seed, CivilDate today);

  // A new subject (60%) or one seen before (40%), so subjects recur.
  const DemoSubject& PickSubject();

  // A valid dishonesty (85%) or commendation (15%) draft about PickSubject().
  nlohmann::json NextRecord();

  // Lifecycle drafts acting on the record (origin, index) whose draft was
  // `record` (as NextRecord returned it).
  nlohmann::json Repair(const std::string& origin, uint64_t index,
                        const nlohmann::json& record);
  nlohmann::json Revocation(const std::string& origin, uint64_t index);
  nlohmann::json Correction(const std::string& origin, uint64_t index,
                            const nlohmann::json& record);
  nlohmann::json ObjectionOpened(const std::string& origin, uint64_t index);
  nlohmann::json ObjectionClosed(const std::string& origin,
                                 uint64_t objection_index, bool upheld);

  // Valid identifiers, e.g. for tests and the benchmark generator.
  std::string NewUscc(const std::string& division);
  std::string NewOrgCode();
  std::string NewResidentId(const std::string& division);

  std::mt19937_64& rng() { return rng_; }

 private:
  DemoSubject NewSubject();
  std::string Pick(const std::vector<std::string>& options);
  int Uniform(int lo, int hi);  // inclusive
  nlohmann::json Decision(const std::string& doc_prefix,
                          const std::string& authority, const CivilDate& date);

  std::mt19937_64 rng_;
  CivilDate today_;
  uint64_t doc_serial_ = 0;
  std::vector<DemoSubject> subjects_;
};

}  // namespace creditnode::node
