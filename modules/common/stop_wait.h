#pragma once
#include <chrono>
#include <stop_token>

namespace bhxh {

/// Waits `duration` unless `stop` is requested first (a condition-variable wait, never a plain
/// sleep, so a stopping program is not held by a retry pause). True when the whole time passed.
bool waitUnlessStopped(std::stop_token stop, std::chrono::milliseconds duration);

} // namespace bhxh
