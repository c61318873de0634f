#pragma once
#include "app/app_config.h"
#include "common/main_thread_queue.h"
#include "common/worker.h"
#include "ui/settings_snapshot.h"

#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

namespace bhxh::app {

/// Feeds the settings screen: the configuration in force (secrets only as set / not set) and the
/// connection tests, which run the `bhxh-desk doctor` checks (Doctor) on a thread of their own,
/// one run at a time, and post their lines back.
class SettingsController {
public:
    SettingsController(const AppConfig& config, MainThreadQueue& queue);
    ~SettingsController();
    SettingsController(const SettingsController&) = delete;
    SettingsController& operator=(const SettingsController&) = delete;

    /// UI thread: "camera", "portal", "email", "sms" or "all"; ignored while a run is going.
    void runTest(const std::string& test);
    [[nodiscard]] const ui::SettingsSnapshot& snapshot() const { return m_snapshot; }

private:
    void run(std::stop_token stop);

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    ui::SettingsSnapshot m_snapshot;  // UI thread only
    std::mutex m_mutex;
    std::condition_variable_any m_wake;
    std::optional<std::string> m_request;
    Worker m_thread{"settings"};  // last: joined first
};

} // namespace bhxh::app
