#include "face/face_comparison.h"
#include "face/face_matcher.h"
#include "face/score_band.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

using namespace bhxh::face;

TEST_CASE("bands follow the cut-offs, inclusive at same and exclusive at different", "[face][policy]") {
    const BandPolicy policy(Thresholds{0.48, 0.25});
    CHECK(policy.classify(0.90) == Band::Same);
    CHECK(policy.classify(0.48) == Band::Same);
    CHECK(policy.classify(0.4799) == Band::Review);
    CHECK(policy.classify(0.25) == Band::Review);
    CHECK(policy.classify(0.2499) == Band::Different);
    CHECK(policy.classify(-0.3) == Band::Different);
    CHECK(policy.classify(std::nullopt) == Band::NoFace);
}

TEST_CASE("a tiny face is never likely same but can be likely different", "[face][policy]") {
    const BandPolicy policy(Thresholds{0.48, 0.25});
    CHECK(policy.classify(0.95, true) == Band::Review);
    CHECK(policy.classify(0.10, true) == Band::Different);
}

TEST_CASE("band names are the CLI spelling", "[face][policy]") {
    CHECK(bandName(Band::Same) == "same");
    CHECK(bandName(Band::Review) == "review");
    CHECK(bandName(Band::Different) == "different");
    CHECK(bandName(Band::NoFace) == "no_face");
}

TEST_CASE("band names read back and an unknown name is refused", "[face][policy][enum]") {
    for (Band b : {Band::Same, Band::Review, Band::Different, Band::NoFace}) CHECK(parseBand(bandName(b)) == b);
    CHECK_FALSE(parseBand("likely_same"));
    CHECK_FALSE(parseBand("Same"));
    CHECK_FALSE(parseBand(""));
}

TEST_CASE("cut-offs are validated", "[face][policy]") {
    CHECK_FALSE(BandPolicy::validate(Thresholds{0.48, 0.25}));
    CHECK(BandPolicy::validate(Thresholds{0.20, 0.30}).value().find("different_below") != std::string::npos);
    CHECK(BandPolicy::validate(Thresholds{1.5, 0.30}).value().find("same_at_or_above") != std::string::npos);
    CHECK(BandPolicy::validate(Thresholds{0.5, -1.5}));
}

TEST_CASE("comparePair scores unit embeddings and notes what the clerk should know", "[face][policy]") {
    FaceAnalysis a, b;
    a.faceCount = 2;
    a.embedding = {1.0f, 0.0f};
    b.faceCount = 1;
    b.embedding = {0.6f, 0.8f};
    b.rotationDegrees = 90;
    b.grayscale = true;
    const auto pair = comparePair("portrait-idcard", a, b, BandPolicy(Thresholds{0.48, 0.25}));
    REQUIRE(pair.score);
    CHECK(*pair.score == Approx(0.6));
    CHECK(pair.band == Band::Same);
    CHECK(pair.facesA == 2);
    CHECK(pair.notes == std::vector<std::string>{"several_faces_a", "grayscale_b", "rotated_b_90"});
}

TEST_CASE("a side without a face gives no score and the no_face band", "[face][policy]") {
    FaceAnalysis a, none;
    a.faceCount = 1;
    a.embedding = {1.0f, 0.0f};
    const auto pair = comparePair("portrait-live", a, none, BandPolicy{});
    CHECK_FALSE(pair.score);
    CHECK(pair.band == Band::NoFace);
    CHECK(pair.notes == std::vector<std::string>{"no_face_b"});
}

TEST_CASE("evidence JSON records scores, bands, thresholds and model hashes", "[face][policy]") {
    FaceEvidence e;
    e.thresholds = Thresholds{0.48, 0.25};
    e.models = {{"fr_feature.onnx", "87aa"}};
    e.liveLiveness = 0.91f;
    PairComparison p;
    p.label = "portrait-live";
    p.score = 0.123456;
    p.band = Band::Different;
    e.pairs.push_back(p);
    const auto j = nlohmann::json::parse(e.toJson());
    CHECK(j["thresholds"]["same_at_or_above"] == 0.48);
    CHECK(j["thresholds"]["different_below"] == 0.25);
    CHECK(j["models"]["fr_feature.onnx"] == "87aa");
    CHECK(j["pairs"][0]["band"] == "different");
    CHECK(j["pairs"][0]["score"].get<double>() == Approx(0.1235));
    CHECK(j["live_liveness_advisory"].get<double>() == Approx(0.91));
}

TEST_CASE("the pairs of stored evidence read back and a damaged record gives none", "[face][policy]") {
    FaceEvidence e;
    PairComparison same;
    same.label = "portrait-idcard";
    same.score = 0.9812;
    same.band = Band::Same;
    PairComparison none;
    none.label = "idcard-live";
    none.band = Band::NoFace;
    e.pairs = {same, none};
    const auto pairs = FaceEvidence::pairsFromJson(e.toJson());
    REQUIRE(pairs.size() == 2);
    CHECK(pairs[0].label == "portrait-idcard");
    REQUIRE(pairs[0].score);
    CHECK(*pairs[0].score == Approx(0.9812));
    CHECK(pairs[0].band == Band::Same);
    CHECK(pairs[1].label == "idcard-live");
    CHECK_FALSE(pairs[1].score);
    CHECK(pairs[1].band == Band::NoFace);

    CHECK(FaceEvidence::pairsFromJson("").empty());
    CHECK(FaceEvidence::pairsFromJson("{\"pairs\": [").empty());
    CHECK(FaceEvidence::pairsFromJson("[1, 2]").empty());
    CHECK(FaceEvidence::pairsFromJson(R"({"pairs": [{"pair": "a", "band": "maybe", "score": 0.5}]})").empty());
    CHECK(FaceEvidence::pairsFromJson(R"({"pairs": [{"pair": "a", "band": "same", "score": "0.5"}]})").empty());
    CHECK(FaceEvidence::pairsFromJson(R"({"pairs": [{"pair": ")" + std::string(41, 'x') + R"(", "band": "same"}]})").empty());
    std::string many = R"({"pairs": [)";
    for (int i = 0; i < 9; ++i) many += std::string(i ? "," : "") + R"({"pair": "a", "band": "same", "score": 1})";
    CHECK(FaceEvidence::pairsFromJson(many + "]}").empty());
}

TEST_CASE("cosine similarity rejects mismatched or empty embeddings", "[face][policy]") {
    CHECK(cosineSimilarity({}, {}) == 0.0);
    CHECK(cosineSimilarity({1.0f}, {1.0f, 0.0f}) == 0.0);
    CHECK(cosineSimilarity({2.0f, 0.0f}, {-3.0f, 0.0f}) == Approx(-1.0));
}
