#include "security/idle_lock.h"

#include <catch2/catch.hpp>

using bhxh::security::IdleLock;
using namespace std::chrono_literals;

namespace {

struct FakeSteady {
    std::chrono::steady_clock::time_point now{std::chrono::steady_clock::time_point{} + 1000h};
    IdleLock::SteadyClock clock() {
        return [this] { return now; };
    }
};

IdleLock::PasswordCheck acceptOnly(const std::string& right, int& calls) {
    return [right, &calls](const std::string& password) -> bhxh::Result<void> {
        ++calls;
        if (password == right) return {};
        return bhxh::makeError("security.bad_credentials", "wrong officer id or password");
    };
}

} // namespace

TEST_CASE("IdleLock: locks at the timeout, not before", "[security][idle]") {
    FakeSteady t;
    int calls = 0;
    IdleLock lock(5min, acceptOnly("secret-pw", calls), t.clock());
    CHECK_FALSE(lock.locked());
    t.now += 4min + 59s;
    CHECK_FALSE(lock.locked());
    CHECK(lock.remaining() == 1s);
    t.now += 1s;
    CHECK(lock.locked());
    CHECK(lock.remaining() == std::chrono::steady_clock::duration::zero());
}

TEST_CASE("IdleLock: input postpones the lock; input while locked does not unlock", "[security][idle]") {
    FakeSteady t;
    int calls = 0;
    IdleLock lock(5min, acceptOnly("secret-pw", calls), t.clock());
    for (int i = 0; i < 10; ++i) {
        t.now += 4min;
        lock.touch();
        CHECK_FALSE(lock.locked());
    }
    t.now += 10min;
    // The first thing after a long pause is a key press: it must not count as activity.
    lock.touch();
    CHECK(lock.locked());
    CHECK(calls == 0);
}

TEST_CASE("IdleLock: unlock needs the right password and restarts the idle time", "[security][idle]") {
    FakeSteady t;
    int calls = 0;
    IdleLock lock(5min, acceptOnly("secret-pw", calls), t.clock());
    t.now += 5min;
    REQUIRE(lock.locked());
    auto wrong = lock.unlock("guess-guess");
    REQUIRE_FALSE(wrong.ok());
    CHECK(wrong.error().code == "security.bad_credentials");
    CHECK(lock.locked());
    REQUIRE(lock.unlock("secret-pw").ok());
    CHECK_FALSE(lock.locked());
    t.now += 4min;
    CHECK_FALSE(lock.locked());
    t.now += 1min;
    CHECK(lock.locked());
    CHECK(calls == 2);
}

TEST_CASE("IdleLock: lockNow, and a zero timeout never locks by itself", "[security][idle]") {
    FakeSteady t;
    int calls = 0;
    IdleLock lock(0min, acceptOnly("secret-pw", calls), t.clock());
    t.now += 100h;
    CHECK_FALSE(lock.locked());
    lock.lockNow();
    CHECK(lock.locked());
    CHECK(lock.unlock("secret-pw").ok());
    CHECK_FALSE(lock.locked());
    // Unlocking an unlocked desk checks nothing.
    CHECK(lock.unlock("anything").ok());
    CHECK(calls == 1);
}

TEST_CASE("IdleLock: unlockVerified unlocks without a check and restarts the idle time", "[security][idle]") {
    FakeSteady t;
    int calls = 0;
    IdleLock lock(5min, acceptOnly("secret-pw", calls), t.clock());
    t.now += 5min;
    REQUIRE(lock.locked());
    lock.unlockVerified();
    CHECK_FALSE(lock.locked());
    CHECK(calls == 0);
    t.now += 4min;
    CHECK_FALSE(lock.locked());
    t.now += 1min;
    CHECK(lock.locked());
}
