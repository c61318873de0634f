#include "common/calendar_date.h"

#include <catch2/catch.hpp>
#include <ctime>

using bhxh::CalendarDate;

TEST_CASE("CalendarDate holds only real dates", "[common][date]") {
    CHECK(CalendarDate::make(2024, 2, 29).has_value());
    CHECK_FALSE(CalendarDate::make(2023, 2, 29).has_value());
    CHECK_FALSE(CalendarDate::make(1900, 2, 29).has_value());
    CHECK(CalendarDate::make(2000, 2, 29).has_value());
    CHECK_FALSE(CalendarDate::make(1990, 2, 31).has_value());
    CHECK_FALSE(CalendarDate::make(2021, 4, 31).has_value());
    CHECK(CalendarDate::make(2021, 12, 31).has_value());
    CHECK_FALSE(CalendarDate::make(2021, 13, 1).has_value());
    CHECK_FALSE(CalendarDate::make(2021, 0, 1).has_value());
    CHECK_FALSE(CalendarDate::make(2021, 1, 0).has_value());
    CHECK_FALSE(CalendarDate::make(0, 1, 1).has_value());
    CHECK_FALSE(CalendarDate::make(10000, 1, 1).has_value());
    CHECK(CalendarDate::daysInMonth(2024, 2) == 29);
    CHECK(CalendarDate::daysInMonth(2024, 13) == 0);
}

TEST_CASE("CalendarDate parses the card and ISO forms exactly", "[common][date]") {
    CHECK(CalendarDate::parseCompact("15031990") == CalendarDate::make(1990, 3, 15));
    CHECK(CalendarDate::parseSlashed("15/03/1990") == CalendarDate::make(1990, 3, 15));
    CHECK(CalendarDate::parseIso("1990-03-15") == CalendarDate::make(1990, 3, 15));
    CHECK_FALSE(CalendarDate::parseCompact("31021990").has_value());
    CHECK_FALSE(CalendarDate::parseCompact("1503199").has_value());
    CHECK_FALSE(CalendarDate::parseCompact("150319900").has_value());
    CHECK_FALSE(CalendarDate::parseCompact("15-31990").has_value());
    CHECK_FALSE(CalendarDate::parseCompact("+5031990").has_value());
    CHECK_FALSE(CalendarDate::parseSlashed("15.03.1990").has_value());
    CHECK_FALSE(CalendarDate::parseSlashed("5/3/1990").has_value());
    CHECK_FALSE(CalendarDate::parseSlashed("29/02/2023").has_value());
    CHECK_FALSE(CalendarDate::parseIso("1990-3-15").has_value());
}

TEST_CASE("CalendarDate formats, compares and counts days", "[common][date]") {
    const CalendarDate d = *CalendarDate::make(2005, 2, 2);
    CHECK(d.toCompact() == "02022005");
    CHECK(d.toSlashed() == "02/02/2005");
    CHECK(d.toIso() == "2005-02-02");
    CHECK(CalendarDate().toIso() == "1970-01-01");
    CHECK(CalendarDate().daysSinceEpoch() == 0);
    CHECK(*CalendarDate::make(2000, 3, 1) > *CalendarDate::make(2000, 2, 29));
    CHECK(*CalendarDate::make(1999, 12, 31) < *CalendarDate::make(2000, 1, 1));
    CHECK(CalendarDate::make(2000, 2, 28)->plusDays(1) == CalendarDate::make(2000, 2, 29));
    CHECK(CalendarDate::make(2023, 2, 28)->plusDays(1) == CalendarDate::make(2023, 3, 1));
    CHECK(CalendarDate::make(2024, 12, 31)->plusDays(-366) == CalendarDate::make(2023, 12, 31));
    CHECK(CalendarDate::make(1969, 12, 31)->daysSinceEpoch() == -1);
    CHECK_FALSE(CalendarDate::make(9999, 12, 31)->plusDays(1).has_value());
    CHECK_FALSE(CalendarDate::make(1, 1, 1)->plusDays(-1).has_value());
}

TEST_CASE("CalendarDate::todayLocal is within a day of the UTC date", "[common][date]") {
    const long utcDays = static_cast<long>(std::time(nullptr) / 86400);
    const long local = CalendarDate::todayLocal().daysSinceEpoch();
    CHECK(local >= utcDays - 1);
    CHECK(local <= utcDays + 1);
}
