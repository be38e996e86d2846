// Subject-index rows of records and lifecycle entries (index_rows.h).
#include "ledger/index_rows.h"

#include <algorithm>

namespace creditnode::ledger {
namespace {

void AddRow(std::vector<SubjectIndexRow>* rows, SubjectIndexRow row) {
  auto it =
      std::lower_bound(rows->begin(), rows->end(), row.key,
                       [](const SubjectIndexRow& r, const std::string& key) {
                         return r.key < key;
                       });
  if (it != rows->end() && it->key == row.key) {
    // A key that is both a subject and an associate is filed as subject,
    // so the public view (subjects only, D8) still finds the record.
    if (row.role == IndexRole::kSubject) it->role = IndexRole::kSubject;
    return;
  }
  rows->insert(it, std::move(row));
}

}  // namespace

std::vector<SubjectIndexRow> RecordIndexRows(const RecordFacts& record) {
  std::vector<SubjectIndexRow> rows;
  for (const SubjectId& id : record.subject_ids) {
    AddRow(&rows, {id.IndexKey(), IndexRole::kSubject});
  }
  for (const SubjectId& id : record.associate_ids) {
    AddRow(&rows, {id.IndexKey(), IndexRole::kAssociate});
  }
  return rows;
}

void MergeIndexRows(std::vector<SubjectIndexRow>* rows,
                    const std::vector<SubjectIndexRow>& from) {
  for (const SubjectIndexRow& row : from) AddRow(rows, row);
}

}  // namespace creditnode::ledger
