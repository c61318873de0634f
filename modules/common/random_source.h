#pragma once
#include <cstdint>

namespace bhxh {

/// A source of uniform random numbers. The desk's real one is cryptographic
/// (security::SodiumRandomSource) so nobody can predict a draw; tests inject their own at this
/// boundary.
class RandomSource {
public:
    virtual ~RandomSource() = default;
    /// A number in [0, upperBound), every value equally likely; `upperBound` > 0.
    virtual std::uint32_t uniform(std::uint32_t upperBound) = 0;
};

} // namespace bhxh
