// ChipService (app/chip_service.h) on the real rig: run by chip_service_test.py, which starts the
// private pcscd, places the virtual CCCD on its reader and sets PCSCLITE_CSOCK_NAME.
#include "app/chip_service.h"
#include "chip/cccd_bac_key.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using bhxh::CalendarDate;
using bhxh::app::ChipService;

namespace {
ChipService::Snapshot waitFor(const ChipService& service, ChipService::State wanted, std::chrono::seconds limit) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    auto s = service.snapshot();
    while (s.state != wanted && std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        s = service.snapshot();
    }
    return s;
}
} // namespace

TEST_CASE("the chip service reads the card on its own thread, refuses a wrong key, and stops promptly", "[chip][service]") {
    ChipService service(bhxh::app::AppConfig::Chip{});
    service.start();
    CHECK(waitFor(service, ChipService::State::WaitingForKey, std::chrono::seconds(20)).state ==
          ChipService::State::WaitingForKey);

    const auto birth = *CalendarDate::make(1990, 5, 17);
    auto wrong = bhxh::chip::CccdBacKey::fromDates("079190001234", birth, *CalendarDate::make(2031, 1, 2));
    REQUIRE(wrong.ok());
    service.requestRead({*wrong});
    auto refused = waitFor(service, ChipService::State::KeyRefused, std::chrono::seconds(30));
    REQUIRE(refused.state == ChipService::State::KeyRefused);
    CHECK(refused.error->code == "chip.bac_refused");

    auto derived = bhxh::chip::CccdBacKey::derive("079190001234", birth, *CalendarDate::make(2021, 3, 1));
    REQUIRE(derived.ok());
    service.requestRead({*wrong, *derived});
    auto done = waitFor(service, ChipService::State::Done, std::chrono::seconds(60));
    REQUIRE(done.state == ChipService::State::Done);
    REQUIRE(done.reading);
    CHECK(done.reading->verdict.kind == bhxh::chip::ChipVerdictKind::ReadNotVerified);
    REQUIRE(done.reading->dg13);
    CHECK(done.reading->dg13->fullName == "Nguyễn Văn An");
    CHECK(done.reading->face.has_value());

    const auto t0 = std::chrono::steady_clock::now();
    service.stop();
    CHECK(std::chrono::steady_clock::now() - t0 < std::chrono::seconds(2));
}
