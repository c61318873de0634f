#pragma once
#include "app/app_config.h"
#include "common/result.h"

#include <map>
#include <string>
#include <vector>

namespace bhxh::app {

/// The settings an administrator may change in the console rather than in the TOML file: the
/// camera source, the two face cut-offs, the retention days and the printer. Stored values (table
/// `settings`) are laid over the file's at start; a change is checked here first, with the same
/// limits as the file's, so a value the file would refuse is refused here too.
///
/// Error codes are lang keys the settings screen shows: settings.error.unknown_key,
/// settings.error.retention_days, settings.error.face_range, settings.error.face_order,
/// settings.error.camera_source, settings.error.printer_uri.
class SettingsOverlay {
public:
    static constexpr const char* kCameraSource = "camera.source";
    static constexpr const char* kFaceSame = "face.same_at_or_above";
    static constexpr const char* kFaceDifferent = "face.different_below";
    static constexpr const char* kRetentionDays = "privacy.retention_days";
    static constexpr const char* kPrinterUri = "print.printer_uri";

    /// Every key that may be changed in the console.
    [[nodiscard]] static const std::vector<std::string>& keys();
    /// The value of `key` in config, as the settings screen and the table write it.
    [[nodiscard]] static std::string valueOf(const AppConfig& config, const std::string& key);
    /// Applies every change to config when all are valid together; otherwise config is left as
    /// it was and the error names the first bad value. Numbers accept a decimal comma ("0,45").
    static Result<void> apply(AppConfig& config, const std::map<std::string, std::string>& changes);
    /// Keys of one officer's own preferences (e.g. "officer.q6.an.language", OfficerLanguage):
    /// kept in the same table but not laid over the configuration.
    [[nodiscard]] static bool isOfficerPreference(const std::string& key) { return key.rfind("officer.", 0) == 0; }
    /// At start: lays the stored values over config. Values no longer valid (or keys this
    /// version does not know) are skipped; the returned lines say which, for the log.
    static std::vector<std::string> applyStored(AppConfig& config, const std::map<std::string, std::string>& stored);
};

} // namespace bhxh::app
