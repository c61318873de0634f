#pragma once
#include "common/random_source.h"

namespace bhxh::security {

/// RandomSource on libsodium's randombytes_uniform (the kernel's getrandom, no modulo bias).
/// Thread-safe; holds no state.
class SodiumRandomSource final : public RandomSource {
public:
    SodiumRandomSource();
    std::uint32_t uniform(std::uint32_t upperBound) override;
};

} // namespace bhxh::security
