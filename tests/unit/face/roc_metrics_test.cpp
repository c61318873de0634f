#include "face/roc_metrics.h"

#include <catch2/catch.hpp>

using namespace bhxh::face;

TEST_CASE("perfectly separated scores give AUC 1, EER 0 and cut-offs between the groups", "[face][roc]") {
    const auto s = summarizeScores({0.6, 0.7, 0.8, 0.9}, {0.1, 0.2, 0.3, 0.4}, 0.5, 0.45);
    CHECK(s.auc == Approx(1.0));
    CHECK(s.eer == Approx(0.0));
    CHECK(s.tarAtFar1e3 == Approx(1.0));
    CHECK(s.suggestedSame > 0.4);
    CHECK(s.suggestedSame < 0.41);
    CHECK(s.impostorsInSame == 0);
    CHECK(s.genuinesInDifferent == 0);
    CHECK(s.genuinesInSame == 4);
    CHECK(s.impostorsInReview == 0);
}

TEST_CASE("identical distributions give AUC one half", "[face][roc]") {
    const auto s = summarizeScores({0.1, 0.2, 0.3}, {0.1, 0.2, 0.3}, 0.5, 0.2);
    CHECK(s.auc == Approx(0.5));
}

TEST_CASE("overlap is counted at the cut-offs and in the review band", "[face][roc]") {
    // genuine: 0.2 (a hard pair) … impostor: 0.55 (a look-alike)
    const auto s = summarizeScores({0.2, 0.5, 0.7, 0.8}, {0.0, 0.1, 0.3, 0.55}, 0.5, 0.25);
    CHECK(s.impostorsInSame == 1);
    CHECK(s.genuinesInDifferent == 1);
    CHECK(s.genuinesInSame == 3);
    CHECK(s.impostorsInReview == 1);
    CHECK(s.genuinesInReview == 0);
    CHECK(s.auc == Approx(13.0 / 16.0));
    CHECK(s.genuineMin == Approx(0.2));
    CHECK(s.impostorMax == Approx(0.55));
    CHECK(s.suggestedSame > 0.55);
}

TEST_CASE("TAR at FAR 1e-2 allows one false accept in a hundred impostors", "[face][roc]") {
    std::vector<double> impostor(100, 0.1);
    impostor.back() = 0.6;  // one look-alike: allowed at FAR 1e-2, not at 1e-3
    const auto s = summarizeScores({0.3, 0.5, 0.7}, impostor, 0.5, 0.2);
    CHECK(s.tarAtFar1e2 == Approx(1.0));
    CHECK(s.tarAtFar1e3 == Approx(1.0 / 3.0));
}

TEST_CASE("empty score lists give an empty summary, not a crash", "[face][roc]") {
    const auto s = summarizeScores({}, {0.1}, 0.5, 0.2);
    CHECK(s.genuine == 0);
    CHECK(s.impostor == 1);
    CHECK(s.auc == 0.0);
}
