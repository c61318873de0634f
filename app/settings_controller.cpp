#include "app/settings_controller.h"

#include "app/doctor.h"

#include <cstdlib>
#include <sstream>

namespace bhxh::app {
namespace {

std::string number(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

std::string pathOr(const std::filesystem::path& p, const char* fallback) { return p.empty() ? fallback : p.string(); }

// A secret is never shown: only whether the desk can find one.
std::string secretState(const char* env, const std::filesystem::path& file) {
    const char* value = std::getenv(env);
    if (value && *value) return std::string("(") + env + ")";
    return file.empty() ? "—" : file.string();
}

ui::SettingsSnapshot::CheckLine lineOf(const DoctorCheck& c) {
    const char* status = c.status == DoctorCheck::Status::Ok ? "OK" : (c.status == DoctorCheck::Status::Warn ? "WARN" : "FAIL");
    return {status, c.subject, c.detail, c.fix};
}

} // namespace

SettingsController::SettingsController(const AppConfig& config, MainThreadQueue& queue) : m_config(config), m_queue(queue) {
    const AppConfig& c = config;
    m_snapshot.configFile = c.source.string();
    m_snapshot.groups = {
        {"settings.group.desk", "", {{"settings.office_code", c.desk.officeCode}, {"settings.office_name", c.desk.officeName},
                                     {"settings.desk_id", c.desk.deskId},
                                     {"settings.four_eyes", c.desk.fourEyes ? "settings.yes" : "settings.no", true}}},
        {"settings.group.camera", "camera", {{"settings.camera_source", c.camera.source},
                                             {"settings.camera_size", std::to_string(c.camera.width) + "×" +
                                                                          std::to_string(c.camera.height) + " @ " +
                                                                          std::to_string(c.camera.fps) + " fps"},
                                             {"settings.scan_dedup", std::to_string(c.scan.dedupWindowMs) + " ms"},
                                             {"settings.wedge_gap", std::to_string(c.scan.wedgeMaxKeyGapMs) + " ms"}}},
        {"settings.group.portal", "portal", {{"settings.portal_url", c.portal.baseUrl},
                                             {"settings.portal_token", secretState("BHXH_DESK_TOKEN", c.portal.tokenFile)},
                                             {"settings.sync_interval", std::to_string(c.portal.syncIntervalS) + " s"}}},
        {"settings.group.sms", "sms", {{"settings.driver", c.sms.driver}, {"settings.sms_profile", c.sms.profile},
                                       {"settings.url", c.sms.driver == "spool" ? pathOr(c.sms.spoolDir, "<data_dir>/spool/sms")
                                                                                : (c.sms.url.empty() ? "(profile)" : c.sms.url)}}},
        {"settings.group.email", "email", {{"settings.driver", c.email.driver},
                                           {"settings.url", c.email.driver == "spool"
                                                                ? pathOr(c.email.spoolDir, "<data_dir>/spool/email")
                                                                : c.email.url},
                                           {"settings.email_from", c.email.fromName + " <" + c.email.fromAddress + ">"}}},
        {"settings.group.face", "", {{"settings.face_same", number(c.face.sameAtOrAbove)},
                                     {"settings.face_different", number(c.face.differentBelow)},
                                     {"settings.face_min_px", std::to_string(c.face.minFacePx)}}},
        {"settings.group.privacy", "", {{"settings.retention_days", std::to_string(c.privacy.retentionDays)},
                                        {"settings.idle_lock", std::to_string(c.privacy.idleLockMinutes) + " min"},
                                        {"settings.lockout", std::to_string(c.privacy.lockoutFailures) + " × " +
                                                                 std::to_string(c.privacy.lockoutMinutes) + " min"}}},
    };
    m_thread.start([this](std::stop_token stop) { run(stop); });
}

SettingsController::~SettingsController() { m_thread.stop(); }

void SettingsController::runTest(const std::string& test) {
    if (!m_snapshot.running.empty()) return;
    m_snapshot.running = test;
    {
        std::lock_guard lock(m_mutex);
        m_request = test;
    }
    m_wake.notify_one();
}

void SettingsController::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        std::string test;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return m_request.has_value(); })) break;
            test = *m_request;
            m_request.reset();
        }
        const Doctor doctor(m_config);
        std::vector<DoctorCheck> checks;
        if (test == "camera") checks = {doctor.camera()};
        else if (test == "portal") checks = {doctor.portal(), doctor.clock()};
        else if (test == "email") checks = {doctor.email()};
        else if (test == "sms") checks = {doctor.sms()};
        else checks = doctor.runAll();
        std::vector<ui::SettingsSnapshot::CheckLine> lines;
        for (const auto& c : checks) lines.push_back(lineOf(c));
        m_queue.post([this, lines = std::move(lines)]() mutable {
            m_snapshot.results = std::move(lines);
            m_snapshot.running.clear();
        });
    }
}

} // namespace bhxh::app
