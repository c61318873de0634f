#pragma once
#include "common/audit_log.h"
#include "common/result.h"
#include "declarations/qa_sample.h"
#include "store/database.h"

#include <chrono>
#include <cstddef>
#include <vector>

namespace bhxh::store {

/// The supervisor's re-check list (qa_samples, migration 0003): the samples with their decisions,
/// the verdicts, and the figures of a period. Samples are written by SqliteDecisionRepository::record.
class SqliteQaRepository {
public:
    explicit SqliteQaRepository(Database& db) : m_db(db) {}

    /// Samples, open ones first, then newest first; at most `limit` (capped at 500).
    Result<std::vector<declarations::QaSample>> list(bool openOnly, std::size_t limit);
    /// Records a verdict and appends `audit` in ONE transaction. Refused (nothing written) when the
    /// sample is not open any more, the reviewer made the approval, a flag has no known reason, or
    /// the note is too long. The decision itself and its portal row are never touched.
    Result<void> review(const declarations::QaReview& review, const AuditEvent& audit);
    /// Samples drawn in [from, to), with what became of them.
    Result<declarations::QaFigures> figures(std::chrono::system_clock::time_point from,
                                            std::chrono::system_clock::time_point to);

private:
    Database& m_db;
};

} // namespace bhxh::store
