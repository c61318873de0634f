#include "scan/wedge_assembler.h"
#include "ui/typed_keys.h"

#include <catch2/catch.hpp>

#include <optional>
#include <string>
#include <vector>

using bhxh::scan::WedgeAssembler;
using bhxh::scan::WedgeTiming;
using bhxh::ui::TimedKey;
using bhxh::ui::TypedKeys;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// A CCCD payload (ASCII here; the assembler's own tests cover Vietnamese text) and Enter.
const std::string kPayload = "079090001234|025123456|Nguyen Van An|15031990|Nam|12 Duong So 1, Quan 6|10052021";

struct Typed {
    char32_t codepoint;
    Clock::time_point at;  // when the key really reached the window system
};

std::vector<Typed> burst(const std::string& text, std::chrono::milliseconds gap, Clock::time_point start) {
    std::vector<Typed> keys;
    Clock::time_point t = start;
    for (unsigned char c : text) keys.push_back({c, t += gap});
    keys.push_back({TimedKey::kEnter, t + gap});
    return keys;
}

enum class Stamp {
    PerFrame,   // the old way: every key of a frame stamped when the frame is drawn
    Delivered,  // stamped in the callback only (keys queued during a frame come all at once)
    Spread,     // ui::TypedKeys: keys queued during a frame spread over the time they could have come
};

// The window loop as gui_app runs it: wait (≤ 33 ms) for input, taking at once what queued up
// while the last frame was drawn, then draw a frame lasting `frame`. Feeds each frame's keys to
// the desk's assembler, as the desk does.
std::optional<std::string> run(const std::vector<Typed>& keys, std::chrono::milliseconds frame, Stamp stamp,
                               WedgeTiming timing = {}) {
    TypedKeys typed;
    WedgeAssembler wedge(timing);
    std::optional<std::string> scanned;
    std::size_t next = 0;
    Clock::time_point t = keys.front().at - 1ms;
    auto deliver = [&](const Typed& k, Clock::time_point at) {
        if (k.codepoint == TimedKey::kEnter) typed.enter(at);
        else typed.key(k.codepoint, at);
    };
    while (next < keys.size()) {
        typed.beginLook(t);
        if (keys[next].at <= t) {
            while (next < keys.size() && keys[next].at <= t) deliver(keys[next++], t);  // queued: all at once
        } else if (keys[next].at <= t + 33ms) {
            t = keys[next].at;  // the next key wakes the loop and is delivered as it comes
            deliver(keys[next++], t);
        } else {
            t += 33ms;
        }
        if (stamp == Stamp::Spread) typed.endLook(t);
        typed.nextFrame();
        for (const TimedKey& k : typed.frame()) {
            const Clock::time_point at = stamp == Stamp::PerFrame ? t : k.at;
            if (k.isEnter()) {
                if (auto text = wedge.enter(at)) scanned = text;
            } else {
                wedge.key(k.codepoint, at);
            }
        }
        t += frame;
    }
    return scanned;
}

} // namespace

TEST_CASE("a 5 ms scanner burst is one scan at the default gap while frames take 60 ms", "[typed_keys][wedge]") {
    const auto keys = burst(kPayload, 5ms, Clock::time_point{} + 10s);
    // The defect of issue 16: a stamp per frame makes 5 ms keys look 60 ms apart; at most the
    // last frame's dozen keys survive, which is no card.
    CHECK(run(keys, 60ms, Stamp::PerFrame) != kPayload);
    // Stamping in the callback alone is not enough: the keys typed during a frame all come at once.
    CHECK(run(keys, 60ms, Stamp::Delivered) != kPayload);
    const auto scanned = run(keys, 60ms, Stamp::Spread);
    REQUIRE(scanned);
    CHECK(*scanned == kPayload);
}

TEST_CASE("scanner bursts from 3 to 8 ms a key are scans at frame times from 16 to 80 ms", "[typed_keys][wedge]") {
    for (auto gap : {3ms, 5ms, 8ms}) {
        for (auto frame : {16ms, 33ms, 47ms, 77ms, 80ms}) {
            CAPTURE(gap.count(), frame.count());
            const auto scanned = run(burst(kPayload, gap, Clock::time_point{} + 10s), frame, Stamp::Spread);
            REQUIRE(scanned);
            CHECK(*scanned == kPayload);
        }
    }
}

TEST_CASE("a person typing stays a person, whatever the frame time", "[typed_keys][wedge]") {
    for (auto gap : {80ms, 120ms, 200ms}) {
        for (auto frame : {16ms, 60ms, 120ms, 250ms}) {
            CAPTURE(gap.count(), frame.count());
            CHECK_FALSE(run(burst("079090001234", gap, Clock::time_point{} + 10s), frame, Stamp::Spread));
        }
    }
}

TEST_CASE("keys delivered while waiting keep their own times; queued ones are spread in order", "[typed_keys]") {
    TypedKeys typed;
    const Clock::time_point t0 = Clock::time_point{} + 1s;
    typed.beginLook(t0);
    typed.key(U'a', t0 + 10ms);  // came while the loop waited
    typed.endLook(t0 + 10ms);
    typed.nextFrame();
    REQUIRE(typed.frame().size() == 1);
    CHECK(typed.frame()[0].at == t0 + 10ms);

    // A 60 ms frame later, three keys and Enter are waiting; one more comes during the wait.
    typed.beginLook(t0 + 70ms);
    typed.key(U'b', t0 + 70ms);
    typed.key(U'c', t0 + 70ms);
    typed.key(U'd', t0 + 70ms);
    typed.enter(t0 + 70ms);
    typed.key(U'e', t0 + 80ms);
    typed.endLook(t0 + 80ms);
    typed.nextFrame();
    const auto& f = typed.frame();
    REQUIRE(f.size() == 5);
    CHECK(f[0].codepoint == U'b');
    CHECK(f[0].at == t0 + 25ms);
    CHECK(f[1].at == t0 + 40ms);
    CHECK(f[2].at == t0 + 55ms);
    CHECK(f[3].isEnter());
    CHECK(f[3].at == t0 + 70ms);
    CHECK(f[4].at == t0 + 80ms);

    // Nothing typed: the next frame has no keys.
    typed.beginLook(t0 + 140ms);
    typed.endLook(t0 + 173ms);
    typed.nextFrame();
    CHECK(typed.frame().empty());
}
