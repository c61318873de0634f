#include "common/local_time.h"

#include <ctime>

namespace bhxh {

std::string formatLocalTime(std::chrono::system_clock::time_point t, const char* strftimeFormat) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    char buf[64];
    const std::size_t n = std::strftime(buf, sizeof buf, strftimeFormat, &tm);
    return std::string(buf, n);
}

} // namespace bhxh
