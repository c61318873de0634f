// libFuzzer target: MRZ text as a clerk types or a scanner reads it (modules/chip MrzTd1Parser),
// and the BAC key derivation from what it yields.
#include "chip/bac_key.h"
#include "chip/mrz_td1.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {
void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what);
        std::abort();
    }
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bhxh::chip;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto mrz = MrzTd1Parser::parse(text);
    if (!mrz) {
        require(mrz.error().code == "chip.bad_mrz", "MRZ error code");
        return 0;
    }
    require(mrz->documentNumber.size() <= 9 && mrz->optionalData1.size() <= 15, "MRZ fields bounded");
    auto keys = BacKeyDerivation::derive({mrz->documentNumber.empty() ? "<" : mrz->documentNumber, mrz->birthDate,
                                          mrz->expiryDate});
    if (keys) {
        require(keys->seed.size() == 16 && keys->enc.size() == 16 && keys->mac.size() == 16, "16-byte keys");
    } else {
        require(keys.error().code == "chip.bad_bac_input", "BAC input error code");
    }
    return 0;
}
