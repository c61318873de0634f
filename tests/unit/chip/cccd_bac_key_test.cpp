#include "chip/cccd_bac_key.h"

#include <catch2/catch.hpp>

using bhxh::CalendarDate;
using namespace bhxh::chip;

namespace {
CalendarDate d(int y, int m, int day) { return *CalendarDate::make(y, m, day); }
} // namespace

TEST_CASE("a CCCD expires at its holder's next renewal age", "[chip][cccd_key]") {
    const auto birth = d(1990, 5, 17);
    // Issued at 30: valid to 40.
    CHECK(CccdBacKey::expiryFor(birth, d(2021, 3, 1)) == d(2030, 5, 17));
    // Issued at 20: valid to 25.
    CHECK(CccdBacKey::expiryFor(d(2001, 1, 9), d(2021, 6, 30)) == d(2026, 1, 9));
    // Issued the day before the 23rd birthday (more than two years before 25): valid to 25.
    CHECK(CccdBacKey::expiryFor(d(1998, 7, 4), d(2021, 7, 3)) == d(2023, 7, 4));
    // Issued on the 23rd birthday (within two years of 25): valid to 40.
    CHECK(CccdBacKey::expiryFor(d(1998, 7, 4), d(2021, 7, 4)) == d(2038, 7, 4));
    // Issued at 39: valid to 60.
    CHECK(CccdBacKey::expiryFor(d(1982, 2, 1), d(2021, 4, 1)) == d(2042, 2, 1));
    // Issued at 12 (2024 law: under-14 cards): valid to 14.
    CHECK(CccdBacKey::expiryFor(d(2012, 9, 1), d(2024, 8, 1)) == d(2026, 9, 1));
}

TEST_CASE("a CCCD issued from 58 on never expires", "[chip][cccd_key]") {
    CHECK_FALSE(CccdBacKey::expiryFor(d(1960, 1, 1), d(2021, 1, 1)).has_value());
    CHECK_FALSE(CccdBacKey::expiryFor(d(1963, 6, 1), d(2021, 6, 1)).has_value());
    CHECK(CccdBacKey::expiryFor(d(1963, 6, 2), d(2021, 6, 1)) == d(2023, 6, 2));
    auto r = CccdBacKey::derive("001090001234", d(1950, 1, 1), d(2021, 1, 1));
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().code == "chip.no_derived_expiry");
}

TEST_CASE("a 29 February birthday falls on 28 February in common years", "[chip][cccd_key]") {
    CHECK(CccdBacKey::birthdayAt(d(2000, 2, 29), 25) == d(2025, 2, 28));
    CHECK(CccdBacKey::birthdayAt(d(2000, 2, 29), 24) == d(2024, 2, 29));
}

TEST_CASE("the CCCD's BAC input: last 9 digits, YYMMDD dates", "[chip][cccd_key]") {
    auto r = CccdBacKey::derive("079190001234", d(1990, 5, 17), d(2021, 3, 1));
    REQUIRE(r.ok());
    CHECK(r->documentNumber == "190001234");
    CHECK(r->birthDate == "900517");
    CHECK(r->expiryDate == "300517");
    auto typed = CccdBacKey::fromDates("079190001234", d(1990, 5, 17), d(2031, 1, 2));
    REQUIRE(typed.ok());
    CHECK(typed->expiryDate == "310102");
    CHECK(CccdBacKey::fromDates("07919000123", d(1990, 5, 17), d(2031, 1, 2)).error().code == "chip.bad_bac_input");
    CHECK(CccdBacKey::fromDates("07919000123x", d(1990, 5, 17), d(2031, 1, 2)).error().message ==
          "the ID number holds a non-digit");
}
