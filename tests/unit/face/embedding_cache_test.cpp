#include "face/adapters/embedding_cache.h"

#include <catch2/catch.hpp>

using namespace bhxh::face;

TEST_CASE("the embedding cache returns what was stored and forgets the least recent", "[face][cache]") {
    EmbeddingCache cache(2);
    FaceAnalysis a;
    a.faceCount = 1;
    a.embedding = {1.0f};
    FaceAnalysis b = a;
    b.embedding = {2.0f};
    cache.put("a", a);
    cache.put("b", b);
    REQUIRE(cache.find("a"));  // a is now the most recent
    cache.put("c", a);         // evicts b
    CHECK_FALSE(cache.find("b"));
    CHECK(cache.find("a")->embedding == std::vector<float>{1.0f});
    CHECK(cache.find("c"));
    CHECK(cache.size() == 2);
    CHECK(cache.hits() == 3);
}

TEST_CASE("a cache of size zero stores nothing", "[face][cache]") {
    EmbeddingCache cache(0);
    cache.put("a", FaceAnalysis{});
    CHECK_FALSE(cache.find("a"));
    CHECK(cache.size() == 0);
}
