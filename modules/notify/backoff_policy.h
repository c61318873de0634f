#pragma once
#include <algorithm>
#include <chrono>
#include <cmath>

namespace bhxh::notify {

/// Exponential backoff with jitter for outbox retries: attempt n waits about base * 2^(n-1),
/// capped at `cap`, spread by ±jitter so that many desks coming back online do not retry in step.
struct BackoffPolicy {
    std::chrono::milliseconds base{2000};
    std::chrono::milliseconds cap{std::chrono::minutes(15)};
    double jitter = 0.25;  ///< fraction of the delay, 0..1

    /// Delay before the next attempt after `attemptsSoFar` failed attempts (≥ 1); `random01` is a
    /// uniform number in [0, 1) supplied by the caller, so the policy stays deterministic to test.
    [[nodiscard]] std::chrono::milliseconds delayAfter(int attemptsSoFar, double random01) const {
        const int exponent = std::clamp(attemptsSoFar - 1, 0, 30);
        const double raw = std::min(static_cast<double>(base.count()) * std::pow(2.0, exponent),
                                    static_cast<double>(cap.count()));
        const double spread = raw * jitter * (2.0 * std::clamp(random01, 0.0, 1.0) - 1.0);
        return std::chrono::milliseconds(static_cast<long long>(std::max(0.0, raw + spread)));
    }
};

} // namespace bhxh::notify
