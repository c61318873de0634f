#pragma once
#include <string>
#include <vector>

namespace bhxh::face {

/// Verification figures for a set of genuine (same person) and impostor (different people)
/// scores; higher score = more alike.
struct RocSummary {
    std::size_t genuine = 0;
    std::size_t impostor = 0;
    double auc = 0;             ///< P(genuine score > impostor score), ties count half
    double eer = 0;             ///< equal error rate
    double eerThreshold = 0;
    double tarAtFar1e2 = 0;     ///< true-accept rate with at most 1% false accepts
    double thresholdFar1e2 = 0;
    double tarAtFar1e3 = 0;
    double thresholdFar1e3 = 0;
    double genuineMin = 0, genuineMean = 0;
    double impostorMax = 0, impostorMean = 0;
    /// Suggested cut-offs: "same" = the lowest threshold with no impostor at or above it
    /// (FAR = 0 on this data); "different" = the highest threshold that still keeps 99% of
    /// genuine pairs at or above it (FRR ≤ 1%), capped so it never exceeds "same".
    double suggestedSame = 0;
    double suggestedDifferent = 0;
    /// Errors at given cut-offs: impostors at/above `same`, genuines below `different`.
    std::size_t impostorsInSame = 0;
    std::size_t genuinesInDifferent = 0;
    /// What lands where at the given cut-offs (the clerk's workload is the "review" band).
    std::size_t genuinesInSame = 0;
    std::size_t impostorsInReview = 0;
    std::size_t genuinesInReview = 0;
};

/// Computes the summary; errors at the cut-offs are counted for `same`/`different`.
[[nodiscard]] RocSummary summarizeScores(std::vector<double> genuine, std::vector<double> impostor, double same,
                                         double different);

} // namespace bhxh::face
