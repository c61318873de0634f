#pragma once
#include "app/app_config.h"
#include "ui_model/lang_catalog.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace bhxh::app {

/// One line of `bhxh-desk doctor`.
struct DoctorCheck {
    enum class Status { Ok, Warn, Fail };
    Status status = Status::Ok;
    std::string subject;  ///< "database", "portal", … (stable: scripts and tests grep for it)
    std::string detail;   ///< what was found (English, for the help desk); never personal data, tokens or passwords
    std::string fixKey;   ///< what to do, for Warn and Fail: a key in assets/lang ("doctor.fix.…")
    std::map<std::string, std::string> fixParams;  ///< the fix text's placeholders
};

/// The installation checks an office runs after installing or when something is wrong:
/// configuration, database, face models, font, camera, portal and its token, the desk's clock
/// against the portal's, the notification templates, SMTP, SMS gateway, free disk space, an encrypted data volume. Each check stands alone, so one
/// failure does not hide the others. Nothing is created or changed (a missing database is
/// reported, not made).
class Doctor {
public:
    /// Below these the data folder's free space is a Fail / a Warn.
    static constexpr std::uintmax_t kFailFreeBytes = 200ull * 1024 * 1024;
    static constexpr std::uintmax_t kWarnFreeBytes = 1024ull * 1024 * 1024;
    /// Clock offsets from the portal beyond these are a Warn / a Fail (in seconds).
    static constexpr long kWarnClockS = 30;
    static constexpr long kFailClockS = 300;

    explicit Doctor(AppConfig config) : m_config(std::move(config)) {}

    /// Every check, in the order they are printed.
    [[nodiscard]] std::vector<DoctorCheck> runAll() const;

    [[nodiscard]] DoctorCheck configuration() const;
    [[nodiscard]] DoctorCheck database() const;
    [[nodiscard]] DoctorCheck faceModels() const;
    [[nodiscard]] DoctorCheck font() const;
    [[nodiscard]] DoctorCheck camera() const;
    [[nodiscard]] DoctorCheck portal() const;
    [[nodiscard]] DoctorCheck clock() const;
    /// The notification templates (assets/templates/notify): a file that does not read, or one
    /// written with the old {{name}} placeholders, fails naming the file and the template.
    [[nodiscard]] DoctorCheck templates() const;
    [[nodiscard]] DoctorCheck email() const;
    [[nodiscard]] DoctorCheck sms() const;
    [[nodiscard]] DoctorCheck diskSpace() const;
    /// A warning (never a failure) unless the data folder is on a dm-crypt/LUKS volume: a stolen
    /// desk PC otherwise gives away the database, photos and backups (docs/security.md).
    [[nodiscard]] DoctorCheck encryption() const;
    /// PC/SC readers for the CCCD chip (optional hardware: no pcscd is OK, the desk reads QRs).
    [[nodiscard]] DoctorCheck chipReaders() const;
    /// [chip] csca_dir: readable certificates; none configured is a Warn when a reader is there.
    [[nodiscard]] DoctorCheck chipCsca() const;

    /// "OK    portal       …", "FAIL  portal       … — cách sửa: …" (the fix in `lang`'s language).
    [[nodiscard]] static std::string format(const DoctorCheck& check, const ui::LangCatalog& lang);

private:
    AppConfig m_config;
};

} // namespace bhxh::app
