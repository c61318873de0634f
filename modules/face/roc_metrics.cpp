#include "face/roc_metrics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace bhxh::face {
namespace {

// Fraction of sorted values >= t.
double fractionAtOrAbove(const std::vector<double>& sorted, double t) {
    if (sorted.empty()) return 0;
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), t);
    return double(sorted.end() - it) / double(sorted.size());
}

// The lowest threshold (among observed scores) whose FAR ≤ far, and the TAR there.
void tarAtFar(const std::vector<double>& gen, const std::vector<double>& imp, double far, double& tar, double& threshold) {
    // Allowed false accepts: floor(far * n). Threshold just above the (allowed+1)-th highest impostor.
    const std::size_t allowed = static_cast<std::size_t>(std::floor(far * double(imp.size())));
    if (imp.empty()) {
        threshold = gen.empty() ? 0 : gen.front();
    } else if (allowed >= imp.size()) {
        threshold = imp.front();
    } else {
        const double bad = imp[imp.size() - 1 - allowed];
        threshold = std::nextafter(bad, 2.0);
    }
    tar = fractionAtOrAbove(gen, threshold);
}

} // namespace

RocSummary summarizeScores(std::vector<double> genuine, std::vector<double> impostor, double same, double different) {
    RocSummary s;
    std::sort(genuine.begin(), genuine.end());
    std::sort(impostor.begin(), impostor.end());
    s.genuine = genuine.size();
    s.impostor = impostor.size();
    if (genuine.empty() || impostor.empty()) return s;

    // AUC by rank: for each genuine, impostors below it plus half the ties.
    double wins = 0;
    for (double g : genuine) {
        const auto lo = std::lower_bound(impostor.begin(), impostor.end(), g);
        const auto hi = std::upper_bound(impostor.begin(), impostor.end(), g);
        wins += double(lo - impostor.begin()) + 0.5 * double(hi - lo);
    }
    s.auc = wins / (double(genuine.size()) * double(impostor.size()));

    // EER: sweep every observed score as a threshold; keep the one where FAR and FRR are closest.
    std::vector<double> candidates = genuine;
    candidates.insert(candidates.end(), impostor.begin(), impostor.end());
    double bestGap = 2;
    for (double t : candidates) {
        const double far = fractionAtOrAbove(impostor, t);
        const double frr = 1.0 - fractionAtOrAbove(genuine, t);
        if (std::abs(far - frr) < bestGap) {
            bestGap = std::abs(far - frr);
            s.eer = (far + frr) / 2;
            s.eerThreshold = t;
        }
    }
    tarAtFar(genuine, impostor, 1e-2, s.tarAtFar1e2, s.thresholdFar1e2);
    tarAtFar(genuine, impostor, 1e-3, s.tarAtFar1e3, s.thresholdFar1e3);

    s.genuineMin = genuine.front();
    s.genuineMean = std::accumulate(genuine.begin(), genuine.end(), 0.0) / double(genuine.size());
    s.impostorMax = impostor.back();
    s.impostorMean = std::accumulate(impostor.begin(), impostor.end(), 0.0) / double(impostor.size());

    s.suggestedSame = std::nextafter(impostor.back(), 2.0);
    const std::size_t drop = static_cast<std::size_t>(std::floor(0.01 * double(genuine.size())));
    s.suggestedDifferent = std::min(genuine[drop], s.suggestedSame);

    s.impostorsInSame = static_cast<std::size_t>(impostor.end() - std::lower_bound(impostor.begin(), impostor.end(), same));
    s.genuinesInDifferent = static_cast<std::size_t>(std::lower_bound(genuine.begin(), genuine.end(), different) - genuine.begin());
    s.genuinesInSame = static_cast<std::size_t>(genuine.end() - std::lower_bound(genuine.begin(), genuine.end(), same));
    s.genuinesInReview = s.genuine - s.genuinesInSame - s.genuinesInDifferent;
    const auto impostorsInDifferent =
        static_cast<std::size_t>(std::lower_bound(impostor.begin(), impostor.end(), different) - impostor.begin());
    s.impostorsInReview = s.impostor - s.impostorsInSame - impostorsInDifferent;
    return s;
}

} // namespace bhxh::face
