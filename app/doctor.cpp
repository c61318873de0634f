#include "app/doctor.h"

#include "app/asset_paths.h"
#include "app/face_setup.h"
#include "app/net_probe.h"
#include "app/portal_client_factory.h"
#include "app/volume_encryption.h"
#include "chip_pcsc/passive_authenticator.h"
#include "chip_pcsc/pcsc_context.h"
#include "common/placeholders.h"
#include "declarations/portal_errors.h"
#include "net/curl_url.h"
#include "notify/sms_profile.h"
#include "notify/template_renderer.h"
#include "face/adapters/face_models.h"
#include "scan/source_factory.h"
#include "store/migration.h"
#include "store/store.h"
#include "ui_model/font_locator.h"


#include <cmath>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace bhxh::app {
namespace {

using Status = DoctorCheck::Status;

using Params = std::map<std::string, std::string>;

DoctorCheck ok(std::string subject, std::string detail) { return {Status::Ok, std::move(subject), std::move(detail), "", {}}; }
// `fixKey` names the fix in assets/lang ("doctor.fix.…"), `params` fill its placeholders.
DoctorCheck warn(std::string subject, std::string detail, std::string fixKey, Params params = {}) {
    return {Status::Warn, std::move(subject), std::move(detail), std::move(fixKey), std::move(params)};
}
DoctorCheck fail(std::string subject, std::string detail, std::string fixKey, Params params = {}) {
    return {Status::Fail, std::move(subject), std::move(detail), std::move(fixKey), std::move(params)};
}

// The folder itself when it exists, else the nearest existing parent (where it will be made).
std::filesystem::path existingAncestor(std::filesystem::path p) {
    std::error_code ec;
    p = std::filesystem::absolute(p, ec);
    while (!p.empty() && !std::filesystem::exists(p, ec)) {
        if (p == p.parent_path()) break;
        p = p.parent_path();
    }
    return p;
}

// A spool folder must take new files; one that does not exist yet must be creatable.
DoctorCheck spoolFolder(const std::string& subject, const std::filesystem::path& dir, const std::string& key) {
    std::error_code ec;
    const auto at = existingAncestor(dir);
    const bool exists = std::filesystem::is_directory(dir, ec);
    if ((exists && ::access(dir.c_str(), W_OK | X_OK) == 0) ||
        (!exists && !at.empty() && ::access(at.c_str(), W_OK | X_OK) == 0)) {
        return ok(subject, "spool folder " + dir.string() + (exists ? " is writable" : " will be created at first use"));
    }
    return fail(subject, "spool folder " + dir.string() + " is not writable by this user",
                "doctor.fix.spool_folder", {{"key", key}});
}

// host:port as libcurl reads the URL (never the user, password, path or query).
std::string hostPort(const std::string& url) {
    const auto parts = net::parseUrl(url);
    if (!parts) return "(unreadable URL)";
    const std::string host = parts->host.find(':') != std::string::npos ? "[" + parts->host + "]" : parts->host;
    return parts->port.empty() ? host : host + ":" + parts->port;
}

// Placeholders of secrets ({account_sid}) may sit in a profile's path; the probe needs only
// the scheme, host and port, and must not carry a secret anyway.
std::string withoutPlaceholders(const std::string& url) {
    std::map<std::string, std::string> stand;
    for (const auto& name : text::placeholderNames(url)) stand[name] = "x";
    auto filled = text::fillPlaceholders(url, stand);
    return filled ? *filled : url;
}

} // namespace

std::vector<DoctorCheck> Doctor::runAll() const {
    return {configuration(), database(), faceModels(), font(),       camera(),      portal(),  clock(),
            templates(),     email(),    sms(),        diskSpace(),  encryption(), chipReaders(), chipCsca()};
}

DoctorCheck Doctor::configuration() const {
    if (m_config.source.empty()) {
        return ok("config", "no configuration file found; running on the defaults (data in " +
                                m_config.paths.dataDir.string() + ")");
    }
    return ok("config", m_config.source.string() + " is valid");
}

DoctorCheck Doctor::database() const {
    const auto path = m_config.paths.dataDir / "desk.sqlite";
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return warn("database", path.string() + " does not exist yet",
                    "doctor.fix.database_missing");
    }
    const store::BackupManager backups(path.parent_path() / "backups", 7);
    if (auto checked = store::Store::checkIntegrity(path, backups); !checked) {
        return fail("database", checked.error().message,
                    "doctor.fix.database_damaged");
    }
    auto db = store::Database::open(path, store::ConnectionOptions{true, 5000, false});
    if (!db) return fail("database", db.error().message, "doctor.fix.database_permissions");
    auto version = db->schemaVersion();
    if (!version) return fail("database", version.error().message, "doctor.fix.database_permissions");
    const int latest = store::Migrator(store::builtInMigrations()).latestVersion();
    const std::string at = " (schema v" + std::to_string(*version) + ", this version writes v" +
                           std::to_string(latest) + ")";
    if (*version > latest) {
        return fail("database", path.string() + " was written by a newer bhxh-desk" + at,
                    "doctor.fix.database_newer", {{"backups", backups.dir().string()}});
    }
    if (*version < latest) {
        return ok("database", path.string() + " passes quick_check" + at + "; it is copied and migrated at next start");
    }
    return ok("database", path.string() + " passes quick_check" + at);
}

DoctorCheck Doctor::faceModels() const {
    const auto dir = FaceSetup::modelsDir(m_config);
    auto hashes = face::verifyModels(dir);
    if (!hashes) {
        return fail("face-models", hashes.error().message,
                    "doctor.fix.face_models");
    }
    return ok("face-models", dir.string() + ": every model file has its pinned sha256");
}

DoctorCheck Doctor::font() const {
    const std::string& sample = ui::FontLocator::vietnameseSample();
    if (!m_config.ui.fontFile.empty()) {
        if (ui::FontLocator::covers(m_config.ui.fontFile, sample)) {
            return ok("font", m_config.ui.fontFile + " has every Vietnamese letter");
        }
        return fail("font", "[ui] font_file " + m_config.ui.fontFile + " is missing or lacks Vietnamese letters",
                    "doctor.fix.font_file");
    }
    auto found = ui::FontLocator::find(m_config.ui.fontFamilies, sample);
    if (!found) return fail("font", found.error().message, "doctor.fix.font");
    return ok("font", found->string() + " has every Vietnamese letter");
}

DoctorCheck Doctor::camera() const {
    const std::string& spec = m_config.camera.source;
    const std::string fix = "doctor.fix.camera";
    auto source = scan::SourceFactory::fromSpec(
        spec, scan::CameraSettings{m_config.camera.width, m_config.camera.height, double(m_config.camera.fps),
                                   static_cast<std::uint64_t>(m_config.images.maxPixels)});
    if (!source) return fail("camera", "[camera] source \"" + spec + "\": " + source.error().message, fix);
    if (auto opened = (*source)->open(); !opened) {
        return fail("camera", (*source)->describe() + " does not open: " + opened.error().message, fix);
    }
    const auto first = (*source)->read();
    (*source)->close();
    if (first.status != scan::ReadStatus::Frame) {
        return fail("camera", (*source)->describe() + " opens but gives no picture" +
                                  (first.error.empty() ? std::string() : ": " + first.error),
                    fix);
    }
    return ok("camera", (*source)->describe() + " gives pictures (" + std::to_string(first.frame.image.cols) + "x" +
                            std::to_string(first.frame.image.rows) + ")");
}

DoctorCheck Doctor::portal() const {
    const std::string& url = m_config.portal.baseUrl;
    if (!PortalClientFactory::configured(m_config)) {
        return warn("portal", "no desk token: the desk works offline and syncs nothing",
                    "doctor.fix.portal_token");
    }
    AppConfig quick = m_config;
    quick.portal.retries = 0;  // one honest attempt: the doctor reports, it does not wait out an outage
    auto client = PortalClientFactory::create(quick);
    if (!client) return fail("portal", client.error().message, "doctor.fix.portal_config");
    auto page = (*client)->listDeclarations(m_config.desk.officeCode, std::nullopt, 1);
    if (!page) {
        const auto& code = page.error().code;
        if (code == declarations::portal_error::kUnauthorized || code == declarations::portal_error::kForbidden) {
            return fail("portal", url + ": token refused (" + page.error().message + ")",
                        "doctor.fix.portal_refused", {{"desk", m_config.desk.officeCode + "-" + m_config.desk.deskId}});
        }
        return fail("portal", url + " cannot be reached: " + page.error().message,
                    "doctor.fix.portal_unreachable");
    }
    return ok("portal", url + " answers and accepts the token of desk " + m_config.desk.officeCode + "-" +
                            m_config.desk.deskId);
}

DoctorCheck Doctor::clock() const {
    const std::string url = m_config.portal.baseUrl + "/offices/" + m_config.desk.officeCode + "/declarations?limit=1";
    auto measured = NetProbe::serverClock(url, m_config.portal.caBundle, m_config.portal.connectTimeoutMs,
                                          m_config.portal.proxy);
    if (!measured) {
        return warn("clock", "not compared with the portal: " + measured.error().message,
                    "doctor.fix.clock_unknown");
    }
    const double offset = std::chrono::duration<double>(measured->local - measured->server).count();
    std::ostringstream text;
    text.precision(0);
    text << std::fixed << "this machine is " << std::fabs(offset) << " s " << (offset >= 0 ? "ahead of" : "behind")
         << " the portal";
    const std::string fix = "doctor.fix.clock";
    if (std::fabs(offset) > double(kFailClockS)) return fail("clock", text.str(), fix);
    if (std::fabs(offset) > double(kWarnClockS)) return warn("clock", text.str(), fix);
    return ok("clock", text.str());
}

DoctorCheck Doctor::templates() const {
    const auto dir = AssetPaths::assetsDir(m_config) / "templates" / "notify";
    auto loaded = notify::TemplateRenderer::loadDirectory(dir);
    if (!loaded) return fail("templates", loaded.error().message, "doctor.fix.templates", {{"dir", dir.string()}});
    return ok("templates", dir.string() + ": every notification template reads");
}

DoctorCheck Doctor::email() const {
    if (m_config.email.driver != "smtp") return spoolFolder("email", m_config.email.spoolDir, "[email] spool_dir");
    const auto& url = m_config.email.url;
    if (auto c = NetProbe::connect(url, m_config.email.caBundle, m_config.email.timeoutSeconds * 1000L); !c) {
        return fail("email", "SMTP server " + hostPort(url) + " cannot be reached: " + c.error().message,
                    "doctor.fix.email");
    }
    return ok("email", "SMTP server " + hostPort(url) + " accepts connections");
}

DoctorCheck Doctor::sms() const {
    if (m_config.sms.driver != "http") return spoolFolder("sms", m_config.sms.spoolDir, "[sms] spool_dir");
    std::string url = m_config.sms.url;
    if (url.empty()) {
        const auto file = AssetPaths::assetsDir(m_config) / "sms-profiles" / (m_config.sms.profile + ".json");
        const auto profile = notify::SmsProfile::loadFile(file);
        if (!profile) {
            return fail("sms", "SMS profile " + file.string() + " cannot be read (" + profile.error().message + ")",
                        "doctor.fix.sms_profile");
        }
        url = profile->url();
    }
    if (url.empty()) {
        return fail("sms", "no gateway URL ([sms] url is empty and profile \"" + m_config.sms.profile + "\" has none)",
                    "doctor.fix.sms_url");
    }
    url = withoutPlaceholders(url);
    if (auto c = NetProbe::connect(url, m_config.sms.caBundle, m_config.sms.timeoutSeconds * 1000L, m_config.sms.proxy); !c) {
        return fail("sms", "SMS gateway " + hostPort(url) + " cannot be reached: " + c.error().message,
                    "doctor.fix.sms");
    }
    return ok("sms", "SMS gateway " + hostPort(url) + " accepts connections");
}

DoctorCheck Doctor::diskSpace() const {
    const auto at = existingAncestor(m_config.paths.dataDir);
    std::error_code ec;
    const auto space = std::filesystem::space(at, ec);
    if (ec) return fail("disk", at.string() + ": " + ec.message(), "doctor.fix.disk_path");
    const auto mb = space.available / (1024 * 1024);
    const std::string text = std::to_string(mb) + " MB free for " + m_config.paths.dataDir.string();
    const std::string fix = "doctor.fix.disk";
    if (space.available < kFailFreeBytes) return fail("disk", text, fix);
    if (space.available < kWarnFreeBytes) return warn("disk", text, fix);
    return ok("disk", text);
}

DoctorCheck Doctor::encryption() const {
    const auto found = VolumeEncryption::probe(m_config.paths.dataDir);
    if (found.state == VolumeEncryption::State::Encrypted) return ok("encryption", found.detail);
    return warn("encryption", found.detail, "doctor.fix.encryption");
}

DoctorCheck Doctor::chipReaders() const {
    auto ctx = chip::PcscContext::open();
    if (!ctx) return ok("chip-readers", "pcscd is not running: no chip reader (the desk reads the QR only)");
    auto readers = (*ctx)->readers();
    if (!readers) return warn("chip-readers", readers.error().message, "doctor.fix.chip_readers");
    if (readers->empty()) return ok("chip-readers", "no PC/SC reader connected (the desk reads the QR only)");
    std::string names;
    for (const auto& r : *readers) names += (names.empty() ? "" : ", ") + r;
    return ok("chip-readers", std::to_string(readers->size()) + " reader(s): " + names);
}

DoctorCheck Doctor::chipCsca() const {
    const auto& dir = m_config.chip.cscaDir;
    if (dir.empty()) {
        auto ctx = chip::PcscContext::open();
        bool reader = false;
        if (ctx) {
            auto readers = (*ctx)->readers();
            reader = readers && !readers->empty();
        }
        if (reader) return warn("chip-csca", "no [chip] csca_dir: chips are read but not verified", "doctor.fix.chip_csca_missing");
        return ok("chip-csca", "no [chip] csca_dir (no reader either)");
    }
    auto store = chip::CscaStore::load(dir);
    if (!store) return fail("chip-csca", store.error().message, "doctor.fix.chip_csca", {{"dir", dir.string()}});
    if ((*store)->certificateCount() == 0)
        return fail("chip-csca", dir.string() + " holds no CSCA certificate", "doctor.fix.chip_csca", {{"dir", dir.string()}});
    return ok("chip-csca", std::to_string((*store)->certificateCount()) + " CSCA certificate(s), " +
                               std::to_string((*store)->crlCount()) + " CRL(s) in " + dir.string());
}

std::string Doctor::format(const DoctorCheck& check, const ui::LangCatalog& lang) {
    const char* status = check.status == Status::Ok ? "OK  " : check.status == Status::Warn ? "WARN" : "FAIL";
    std::string subject = check.subject;
    if (subject.size() < 12) subject.resize(12, ' ');
    std::string line = std::string(status) + "  " + subject + " " + check.detail;
    if (check.status != Status::Ok && !check.fixKey.empty()) {
        line += std::string(" — ") + lang.tr("doctor.fix_label") + ": " + lang.formatMap(check.fixKey, check.fixParams);
    }
    return line;
}

} // namespace bhxh::app
