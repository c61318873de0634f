// QaSampler: the share drawn, the first-N rule, the always-sampled cases, and that the desk's real
// random source (libsodium) is not predictable. The rate tests use a seeded generator injected at
// the RandomSource boundary (fixed trial count, fixed seed: the same result every run) with a
// tolerance of several standard deviations; the real source is tested with very loose bounds.
#include "declarations/qa_sampler.h"
#include "security/sodium_random_source.h"

#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstdint>
#include <deque>
#include <random>
#include <set>

using namespace bhxh;
using namespace bhxh::declarations;

namespace {

/// A seeded Mersenne twister: reproducible draws for the rate tests.
class SeededSource final : public RandomSource {
public:
    explicit SeededSource(std::uint32_t seed) : m_gen(seed) {}
    std::uint32_t uniform(std::uint32_t upperBound) override {
        ++calls;
        return std::uniform_int_distribution<std::uint32_t>(0, upperBound - 1)(m_gen);
    }
    int calls = 0;

private:
    std::mt19937 m_gen;
};

/// Hands out the given values in order (the boundary of the draw).
class ScriptedSource final : public RandomSource {
public:
    explicit ScriptedSource(std::deque<std::uint32_t> values) : m_values(std::move(values)) {}
    std::uint32_t uniform(std::uint32_t upperBound) override {
        REQUIRE_FALSE(m_values.empty());
        const std::uint32_t v = m_values.front();
        m_values.pop_front();
        REQUIRE(v < upperBound);
        return v;
    }

private:
    std::deque<std::uint32_t> m_values;
};

int sampledOf(const QaSampler& sampler, const QaContext& context, int trials) {
    int sampled = 0;
    for (int i = 0; i < trials; ++i) sampled += sampler.draw(context).sampled ? 1 : 0;
    return sampled;
}

/// |observed - expected| within 5 standard deviations of a binomial(trials, p).
void checkRate(int observed, int trials, double p) {
    const double expected = trials * p;
    const double sd = std::sqrt(trials * p * (1 - p));
    INFO("observed " << observed << " of " << trials << ", expected " << expected << " ± " << 5 * sd);
    CHECK(std::abs(observed - expected) <= 5 * sd);
}

} // namespace

TEST_CASE("an experienced officer's approvals are drawn at sample_percent", "[qa_sampler]") {
    constexpr int kTrials = 20000;
    SeededSource random(20261206);
    const int percent = GENERATE(0, 1, 5, 20, 100);
    QaConfig config;
    config.samplePercent = percent;
    config.newOfficerApprovals = 20;
    config.newOfficerPercent = 50;
    const QaSampler sampler(config, random);
    const int sampled = sampledOf(sampler, QaContext{100, false, false}, kTrials);
    if (percent == 0) CHECK(sampled == 0);
    else if (percent == 100) CHECK(sampled == kTrials);
    else checkRate(sampled, kTrials, percent / 100.0);
    auto draw = sampler.draw(QaContext{100, false, false});
    CHECK(draw.percent == percent);
    if (draw.sampled) CHECK(draw.reason == "random");
}

TEST_CASE("an officer's first N approvals are drawn at new_officer_percent, the next at sample_percent", "[qa_sampler]") {
    constexpr int kTrials = 20000;
    SeededSource random(7);
    QaConfig config;
    config.samplePercent = 5;
    config.newOfficerApprovals = 20;
    config.newOfficerPercent = 40;
    const QaSampler sampler(config, random);
    SECTION("approvals 0 … N-1 are new") {
        for (int before : {0, 10, 19}) {
            checkRate(sampledOf(sampler, QaContext{before, false, false}, kTrials), kTrials, 0.40);
            const auto draw = sampler.draw(QaContext{before, false, false});
            CHECK(draw.percent == 40);
        }
    }
    SECTION("from the N-th on, the office's share") {
        for (int before : {20, 21, 5000}) {
            checkRate(sampledOf(sampler, QaContext{before, false, false}, kTrials), kTrials, 0.05);
            CHECK(sampler.draw(QaContext{before, false, false}).percent == 5);
        }
    }
    SECTION("a sampled new officer's approval says why") {
        ScriptedSource scripted({0});
        const QaSampler s(config, scripted);
        const auto draw = s.draw(QaContext{3, false, false});
        CHECK(draw.sampled);
        CHECK(draw.reason == "new_officer");
    }
    SECTION("a new-officer share below the office's share never lowers it") {
        config.newOfficerPercent = 1;
        const QaSampler s(config, random);
        CHECK(s.draw(QaContext{0, false, false}).percent == 5);
    }
}

TEST_CASE("the draw's boundary: value < percent × 100 of 10000 is sampled", "[qa_sampler]") {
    QaConfig config;
    config.samplePercent = 5;
    config.newOfficerApprovals = 0;
    ScriptedSource scripted({499, 500, 0, 9999});
    const QaSampler sampler(config, scripted);
    CHECK(sampler.draw({50, false, false}).sampled);
    CHECK_FALSE(sampler.draw({50, false, false}).sampled);
    CHECK(sampler.draw({50, false, false}).sampled);
    CHECK_FALSE(sampler.draw({50, false, false}).sampled);
}

TEST_CASE("an approval that needed an acknowledgement or a second officer is always sampled", "[qa_sampler]") {
    SeededSource random(1);
    QaConfig config;
    config.samplePercent = 0;
    config.newOfficerPercent = 0;
    const QaSampler sampler(config, random);
    for (int i = 0; i < 1000; ++i) {
        const auto ack = sampler.draw(QaContext{500, true, false});
        CHECK(ack.sampled);
        CHECK(ack.reason == "acknowledged");
        const auto second = sampler.draw(QaContext{0, false, true});
        CHECK(second.sampled);
        CHECK(second.reason == "second_officer");
        CHECK(sampler.draw(QaContext{0, true, true}).reason == "second_officer");
    }
    CHECK(random.calls == 0);  // no draw was needed
    CHECK_FALSE(sampler.draw(QaContext{500, false, false}).sampled);
}

TEST_CASE("configured shares outside 0…100 are clamped", "[qa_sampler]") {
    SeededSource random(3);
    const QaSampler sampler(QaConfig{150, -4, -10}, random);
    CHECK(sampler.config().samplePercent == 100);
    CHECK(sampler.config().newOfficerApprovals == 0);
    CHECK(sampler.config().newOfficerPercent == 0);
    CHECK(sampledOf(sampler, QaContext{0, false, false}, 500) == 500);
}

TEST_CASE("the desk's random source is not predictable", "[qa_sampler]") {
    security::SodiumRandomSource random;
    SECTION("64 full-width draws never repeat (a repeat has a chance of about 5e-7)") {
        std::set<std::uint32_t> seen;
        for (int i = 0; i < 64; ++i) seen.insert(random.uniform(0xFFFFFFFFu));
        CHECK(seen.size() == 64);
    }
    SECTION("two sequences of draws differ") {
        std::vector<std::uint32_t> a, b;
        for (int i = 0; i < 32; ++i) a.push_back(random.uniform(1000000));
        for (int i = 0; i < 32; ++i) b.push_back(random.uniform(1000000));
        CHECK(a != b);
    }
    SECTION("uniform over 10 bins: chi-square with 9 degrees of freedom below 60 (p < 1e-9)") {
        constexpr int kDraws = 20000;
        std::array<int, 10> bins{};
        for (int i = 0; i < kDraws; ++i) {
            const auto v = random.uniform(10);
            REQUIRE(v < 10);
            ++bins[v];
        }
        double chi = 0;
        for (int n : bins) chi += (n - kDraws / 10.0) * (n - kDraws / 10.0) / (kDraws / 10.0);
        INFO("chi-square " << chi);
        CHECK(chi < 60.0);
    }
    SECTION("sampling at 5 % with the real source: within a very loose band") {
        QaConfig config;
        config.samplePercent = 5;
        config.newOfficerApprovals = 0;
        const QaSampler sampler(config, random);
        const int sampled = sampledOf(sampler, QaContext{0, false, false}, 20000);
        CHECK(sampled > 700);   // expected 1000, sd 31
        CHECK(sampled < 1300);
    }
    CHECK(random.uniform(1) == 0);
}
