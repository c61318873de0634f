#include "common/local_time.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

namespace {

// Sets TZ for the test and puts the previous value back afterwards.
class ZoneGuard {
public:
    explicit ZoneGuard(const char* zone) {
        if (const char* old = std::getenv("TZ")) m_old = old;
        ::setenv("TZ", zone, 1);
        ::tzset();
    }
    ~ZoneGuard() {
        if (m_old) {
            ::setenv("TZ", m_old->c_str(), 1);
        } else {
            ::unsetenv("TZ");
        }
        ::tzset();
    }

private:
    std::optional<std::string> m_old;
};

} // namespace

TEST_CASE("formatLocalTime shows a time point in the local zone with the given format", "[common][time]") {
    using namespace std::chrono;
    const auto t = sys_days{year{2026} / 12 / 6} + hours{9} + minutes{5};
    {
        ZoneGuard utc("UTC0");
        CHECK(bhxh::formatLocalTime(t, "%Y-%m-%d %H:%M") == "2026-12-06 09:05");
    }
    {
        ZoneGuard vietnam("ICT-7");  // UTC+7, no tzdata needed
        CHECK(bhxh::formatLocalTime(t, "%H:%M") == "16:05");
        CHECK(bhxh::formatLocalTime(t, "%d/%m %H:%M:%S") == "06/12 16:05:00");
    }
    CHECK(bhxh::formatLocalTime(t, "").empty());
}

TEST_CASE("dates reach the officer as dd/mm/yyyy, local dates of time points included", "[common][time]") {
    using namespace std::chrono;
    const auto t = sys_days{year{2026} / 12 / 6} + hours{20} + minutes{5};
    ZoneGuard vietnam("ICT-7");  // 03:05 on the 7th in Vietnam
    CHECK(bhxh::formatLocalDate(t) == "07/12/2026");
    CHECK(bhxh::formatLocalDateTime(t) == "07/12/2026 03:05:00");
    CHECK(bhxh::displayDate("2006-04-22") == "22/04/2006");
    CHECK(bhxh::displayDate("22/04/2006") == "22/04/2006");  // already as shown
    CHECK(bhxh::displayDate("2023-02-29") == "2023-02-29");
    CHECK(bhxh::displayDate("").empty());
}
