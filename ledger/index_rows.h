// The subject-index rows of an entry (docs/storage-layout.md, "subjects"):
// a record is filed under its subject's ids (role 's') and its associates'
// ids (role 'a'), by SubjectId::IndexKey(); a lifecycle entry under the rows
// of the record it acts on, and a correction also under its replacement's.
// One row per key; where a key is both, 's' wins. Pure functions;
// thread-safe.
#pragma once

#include <vector>

#include "ledger/entry.h"
#include "ledger/feed_store.h"

namespace creditnode::ledger {

// The rows of `record`, sorted by key.
std::vector<SubjectIndexRow> RecordIndexRows(const RecordFacts& record);

// Adds `from` to the sorted `*rows`, keeping them sorted and one per key
// ('s' wins over 'a').
void MergeIndexRows(std::vector<SubjectIndexRow>* rows,
                    const std::vector<SubjectIndexRow>& from);

}  // namespace creditnode::ledger
