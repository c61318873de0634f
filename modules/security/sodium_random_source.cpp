#include "security/sodium_random_source.h"

#include <sodium.h>

#include <stdexcept>

namespace bhxh::security {

SodiumRandomSource::SodiumRandomSource() {
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw std::runtime_error("libsodium could not start (no random source)");
}

std::uint32_t SodiumRandomSource::uniform(std::uint32_t upperBound) {
    if (upperBound <= 1) return 0;
    return randombytes_uniform(upperBound);
}

} // namespace bhxh::security
