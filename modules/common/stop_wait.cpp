#include "common/stop_wait.h"

#include <condition_variable>
#include <mutex>

namespace bhxh {

bool waitUnlessStopped(std::stop_token stop, std::chrono::milliseconds duration) {
    if (stop.stop_requested()) return false;
    std::mutex mutex;
    std::condition_variable_any wake;
    std::unique_lock lock(mutex);
    // Nothing notifies but the stop request: the predicate is "stop requested", checked by wait_for.
    return !wake.wait_for(lock, stop, duration, [] { return false; }) && !stop.stop_requested();
}

} // namespace bhxh
