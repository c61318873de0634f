#include "fake_matcher.h"
#include "face/three_way_comparer.h"

#include <catch2/catch.hpp>

using namespace bhxh::face;
using bhxh::face::test::bytes;

TEST_CASE("three-way check compares every pair and records thresholds and models", "[face][three_way]") {
    test::FakeMatcher matcher;
    ThreeWayComparer comparer(matcher, BandPolicy(Thresholds{0.48, 0.25}));
    auto evidence = comparer.compare({bytes("face:1,0"), bytes("face:0.8,0.6"), bytes("face:0,1")});
    REQUIRE(evidence);
    REQUIRE(evidence->pairs.size() == 3);
    CHECK(evidence->pairs[0].label == "portrait-live");
    CHECK(*evidence->pairs[0].score == Approx(0.8));
    CHECK(evidence->pairs[0].band == Band::Same);
    CHECK(evidence->pairs[1].label == "portrait-idcard");
    CHECK(evidence->pairs[1].band == Band::Different);
    CHECK(evidence->pairs[2].label == "idcard-live");
    CHECK(*evidence->pairs[2].score == Approx(0.6));
    CHECK(evidence->models.at("fake.onnx") == "abc");
    CHECK(evidence->thresholds.sameAtOrAbove == 0.48);
    CHECK(evidence->liveLiveness.value() == Approx(0.8f));
}

TEST_CASE("each image is analysed once and a portrait standing in for the live frame only once", "[face][three_way]") {
    test::FakeMatcher matcher;
    ThreeWayComparer comparer(matcher, BandPolicy{});
    REQUIRE(comparer.compare({bytes("face:1,0"), bytes("face:0.8,0.6"), bytes("face:0,1")}));
    CHECK(matcher.calls == 3);
    matcher.calls = 0;
    auto noLive = comparer.compare({bytes("face:1,0"), bytes("face:1,0"), bytes("face:0,1")});
    REQUIRE(noLive);
    CHECK(matcher.calls == 2);
    CHECK(noLive->pairs[0].band == Band::Same);
    CHECK(noLive->liveLiveness.value() == Approx(0.8f));
}

TEST_CASE("only the ID-card photo is tried in other rotations", "[face][three_way]") {
    test::FakeMatcher matcher;
    ThreeWayComparer comparer(matcher, BandPolicy{});
    auto evidence = comparer.compare({bytes("face:1,0"), bytes("face:1,0"), bytes("turned:1,0")});
    REQUIRE(evidence);
    CHECK(evidence->pairs[1].band == Band::Same);
    CHECK(evidence->pairs[1].notes == std::vector<std::string>{"rotated_b_90"});

    auto portraitTurned = comparer.compare({bytes("turned:1,0"), bytes("face:1,0"), bytes("face:1,0")});
    REQUIRE(portraitTurned);
    CHECK(portraitTurned->pairs[0].band == Band::NoFace);
}

TEST_CASE("a face-less live frame is an answer, an unreadable image an error naming it", "[face][three_way]") {
    test::FakeMatcher matcher;
    ThreeWayComparer comparer(matcher, BandPolicy{});
    auto noFace = comparer.compare({bytes("face:1,0"), bytes("none"), bytes("face:1,0")});
    REQUIRE(noFace);
    CHECK(noFace->pairs[0].band == Band::NoFace);
    CHECK(noFace->pairs[1].band == Band::Same);
    CHECK(noFace->pairs[2].band == Band::NoFace);

    auto bad = comparer.compare({bytes("face:1,0"), bytes("face:1,0"), bytes("bad")});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "face.unreadable_image");
    CHECK(bad.error().message.find("ID-card") != std::string::npos);
}
