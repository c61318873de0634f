// libFuzzer target: the CCCD parser, and the generic entry point on the same inputs.
#include "fuzz_invariants.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    fuzz::checkInput(input, [](std::string_view t, const bhxh::CalendarDate& d) {
        return bhxh::idcard::parseCccd(t, d);
    });
    fuzz::checkInput(input, [](std::string_view t, const bhxh::CalendarDate& d) {
        return bhxh::idcard::parseCard(t, d);
    });
    return 0;
}
