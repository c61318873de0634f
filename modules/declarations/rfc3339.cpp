#include "declarations/rfc3339.h"

#include <cstdio>

namespace bhxh::declarations {
namespace {

bool digits(std::string_view s, std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size()) return false;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + (s[i] - '0');
    }
    out = v;
    return true;
}

} // namespace

std::optional<std::chrono::system_clock::time_point> parseRfc3339(std::string_view s) {
    using namespace std::chrono;
    int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
    if (!digits(s, 0, 4, y) || s.size() < 20 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || !digits(s, 11, 2, h) ||
        s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec)) {
        return std::nullopt;
    }
    const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 60) return std::nullopt;
    std::size_t i = 19;
    milliseconds frac{0};
    if (i < s.size() && s[i] == '.') {
        ++i;
        int scale = 100;
        std::size_t start = i;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
            frac += milliseconds((s[i] - '0') * scale);
            scale /= 10;
            ++i;
        }
        if (i == start) return std::nullopt;
    }
    minutes offset{0};
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
        ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
        int oh = 0, om = 0;
        if (!digits(s, i + 1, 2, oh) || i + 3 >= s.size() || s[i + 3] != ':' || !digits(s, i + 4, 2, om)) {
            return std::nullopt;
        }
        offset = minutes(oh * 60 + om) * (s[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != s.size()) return std::nullopt;
    const auto local = sys_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + frac;
    return time_point_cast<system_clock::duration>(local - offset);
}

std::string formatRfc3339(std::chrono::system_clock::time_point at, int offsetMinutes) {
    using namespace std::chrono;
    const auto local = floor<seconds>(at) + minutes(offsetMinutes);
    const auto dayPoint = floor<days>(local);
    const year_month_day ymd{dayPoint};
    const hh_mm_ss hms{local - dayPoint};
    const int off = offsetMinutes < 0 ? -offsetMinutes : offsetMinutes;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d%c%02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()), offsetMinutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

} // namespace bhxh::declarations
