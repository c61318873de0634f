#include "app/settings_controller.h"

#include "app/camera_feed.h"
#include "app/doctor.h"
#include "app/print_service.h"
#include "app/settings_overlay.h"
#include "common/calendar_date.h"
#include "common/log.h"
#include "idcard/card_fields.h"
#include "idcard/card_parser.h"
#include "print/adapters/cups_directory.h"
#include "receipt/test_page_writer.h"
#include "scan/camera_probe.h"
#include "scan/wedge_assembler.h"
#include "ui_model/masked_number.h"

#include <cstdlib>
#include <set>

namespace bhxh::app {
namespace {

using Snapshot = ui::SettingsSnapshot;

std::string pathOr(const std::filesystem::path& p, const char* fallback) { return p.empty() ? fallback : p.string(); }

// A secret is never shown: only whether the desk can find one.
std::string secretState(const char* env, const std::filesystem::path& file) {
    const char* value = std::getenv(env);
    if (value && *value) return std::string("(") + env + ")";
    return file.empty() ? "—" : file.string();
}

Snapshot::CheckLine lineOf(const DoctorCheck& c) {
    const char* status = c.status == DoctorCheck::Status::Ok ? "OK" : (c.status == DoctorCheck::Status::Warn ? "WARN" : "FAIL");
    return {status, c.subject, c.detail, c.fixKey, c.fixParams};
}

// The groups in screen order: first those with values that can be changed here.
std::vector<Snapshot::Group> groupsOf(const AppConfig& c) {
    return {
        {"settings.group.camera", "camera", {{"settings.camera_size", std::to_string(c.camera.width) + "×" +
                                                                          std::to_string(c.camera.height) + " @ " +
                                                                          std::to_string(c.camera.fps) + " fps"},
                                             {"settings.scan_dedup", std::to_string(c.scan.dedupWindowMs) + " ms"},
                                             {"settings.wedge_gap", std::to_string(c.scan.wedgeMaxKeyGapMs) + " ms"}}},
        {"settings.group.face", "", {{"settings.face_min_px", std::to_string(c.face.minFacePx)}}},
        {"settings.group.privacy", "", {{"settings.idle_lock", std::to_string(c.privacy.idleLockMinutes) + " min"},
                                        {"settings.lockout", std::to_string(c.privacy.lockoutFailures) + " × " +
                                                                 std::to_string(c.privacy.lockoutMinutes) + " min"}}},
        {"settings.group.desk", "", {{"settings.office_code", c.desk.officeCode}, {"settings.office_name", c.desk.officeName},
                                     {"settings.desk_id", c.desk.deskId},
                                     {"settings.four_eyes", c.desk.fourEyes ? "settings.yes" : "settings.no", true}}},
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
        // Last: the printer picker's group (drawn with its own fields; settings_view.cpp).
        {"settings.group.print", "", {{"settings.print_job_timeout", std::to_string(c.print.jobTimeoutS) + " s"}}},
    };
}

const char* labelOf(const std::string& key) {
    if (key == SettingsOverlay::kFaceSame) return "settings.face_same";
    if (key == SettingsOverlay::kFaceDifferent) return "settings.face_different";
    if (key == SettingsOverlay::kRetentionDays) return "settings.retention_days";
    return "settings.camera_source";
}

const char* previewKeyOf(ui::StatusSnapshot::Camera state) {
    switch (state) {
    case ui::StatusSnapshot::Camera::Live: return "settings.preview.live";
    case ui::StatusSnapshot::Camera::Lost: return "settings.preview.lost";
    case ui::StatusSnapshot::Camera::None:  // not started yet
    case ui::StatusSnapshot::Camera::Starting: return "settings.preview.opening";
    case ui::StatusSnapshot::Camera::Off: return "settings.preview.ended";
    }
    return "settings.preview.ended";
}

// The card's main fields for the scanner test (idcard's own field list), personal numbers
// masked as everywhere on screen.
void describeCard(const idcard::ParsedCard& card, Snapshot::ScannerTest& out) {
    static const std::set<std::string> shown{"full_name", "id_number", "bhxh_code", "date_of_birth", "gender", "address"};
    static const std::set<std::string> numbers{"id_number", "bhxh_code"};
    out.kindKey = card.cccd ? "settings.scanner.kind.cccd"
                            : (card.bhyt ? "settings.scanner.kind.bhyt" : "settings.scanner.kind.unknown");
    for (const auto& [name, value] : idcard::cardFields(card)) {
        if (!shown.contains(name) || value.empty()) continue;
        out.fields.emplace_back("field." + name, numbers.contains(name) ? ui::MaskedNumber::of(value) : value);
    }
    for (const auto& w : card.warnings) out.warnings.emplace_back(w.key(), w.params);
}

} // namespace

SettingsController::SettingsController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store,
                                       AuthorizeFn authorize, Hooks hooks)
    : m_config(config), m_queue(queue), m_store(store), m_authorize(std::move(authorize)), m_hooks(std::move(hooks)) {
    m_snapshot.configFile = config.source.string();
    rebuild();
    m_store.post([this](StoreContext& ctx) {
        auto stored = ctx.settings.all();
        if (!stored) {
            log::error("settings: " + stored.error().describe());
            return;
        }
        m_queue.post([this, stored = std::move(stored).value()] {
            m_stored = stored;
            rebuild();
        });
    });
}

SettingsController::~SettingsController() { m_thread.stop(); }

void SettingsController::rebuild() {
    m_snapshot.groups = groupsOf(m_config);
    m_snapshot.cameraSource = m_config.camera.source;
    m_snapshot.printerUri = m_config.print.printerUri;
    m_snapshot.editable.clear();
    for (const char* key : {SettingsOverlay::kFaceSame, SettingsOverlay::kFaceDifferent, SettingsOverlay::kRetentionDays}) {
        m_snapshot.editable.push_back({key, labelOf(key), SettingsOverlay::valueOf(m_config, key), m_stored.contains(key)});
    }
    for (auto& choice : m_snapshot.cameras) choice.inUse = choice.spec == m_config.camera.source;
}

void SettingsController::runTest(const std::string& test) {
    if (!m_snapshot.running.empty()) return;
    m_snapshot.running = test;
    m_thread.post([this, test, config = m_config] {
        const Doctor doctor(config);
        std::vector<DoctorCheck> checks;
        if (test == "camera") checks = {doctor.camera()};
        else if (test == "portal") checks = {doctor.portal(), doctor.clock()};
        else if (test == "email") checks = {doctor.email()};
        else if (test == "sms") checks = {doctor.sms()};
        else checks = doctor.runAll();
        std::vector<Snapshot::CheckLine> lines;
        for (const auto& c : checks) lines.push_back(lineOf(c));
        m_queue.post([this, lines = std::move(lines)]() mutable {
            m_snapshot.results = std::move(lines);
            m_snapshot.running.clear();
        });
    });
}

Result<std::string> SettingsController::allowed() const {
    if (!m_authorize) return makeError("security.denied", "no role check wired");
    return m_authorize("settings.change");
}

void SettingsController::saveFailed(const std::string& key) {
    m_snapshot.saving = false;
    m_snapshot.saveKey = key;
    m_snapshot.saveFailed = true;
}

void SettingsController::save(const std::map<std::string, std::string>& values) {
    if (m_snapshot.saving) return;
    auto officer = allowed();
    if (!officer) return saveFailed("settings.denied");
    AppConfig changed = m_config;
    if (auto ok = SettingsOverlay::apply(changed, values); !ok) return saveFailed(ok.error().code);
    std::vector<std::pair<std::string, std::string>> changes;
    for (const auto& [key, text] : values) {
        (void)text;
        const std::string after = SettingsOverlay::valueOf(changed, key);  // "0,45" is stored as "0.45"
        if (after != SettingsOverlay::valueOf(m_config, key)) changes.emplace_back(key, after);
    }
    if (changes.empty()) {
        m_snapshot.saveKey = "settings.unchanged";
        m_snapshot.saveFailed = false;
        return;
    }
    commit(std::move(changes), *officer, [this, changed] {
        const bool face = changed.face.sameAtOrAbove != m_config.face.sameAtOrAbove ||
                          changed.face.differentBelow != m_config.face.differentBelow;
        const bool retention = changed.privacy.retentionDays != m_config.privacy.retentionDays;
        m_config.face = changed.face;
        m_config.privacy = changed.privacy;
        if (face && m_hooks.faceCutoffs) m_hooks.faceCutoffs({m_config.face.sameAtOrAbove, m_config.face.differentBelow});
        if (retention && m_hooks.retentionDays) m_hooks.retentionDays(m_config.privacy.retentionDays);
    });
}

// Stores the changes with their audit entries on the store thread, then (UI thread) runs
// onStored and shows the outcome.
void SettingsController::commit(std::vector<std::pair<std::string, std::string>> changes, const std::string& officer,
                                std::function<void()> onStored) {
    std::vector<store::SqliteSettingsRepository::Change> rows;
    for (const auto& [key, after] : changes) rows.push_back({key, SettingsOverlay::valueOf(m_config, key), after});
    m_snapshot.saving = true;
    m_snapshot.saveKey.clear();
    m_store.post([this, rows, officer, onStored = std::move(onStored)](StoreContext& ctx) {
        auto stored = ctx.settings.change(rows, officer, std::chrono::system_clock::now());
        if (!stored) log::error("settings: not stored: " + stored.error().describe());
        m_queue.post([this, rows, ok = static_cast<bool>(stored), onStored] {
            if (!ok) return saveFailed("settings.store_failed");
            for (const auto& row : rows) {
                m_stored[row.key] = row.after;
                log::info("settings: " + row.key + " changed in the console: " + row.before + " -> " + row.after);
            }
            onStored();
            m_snapshot.saving = false;
            m_snapshot.saveKey = "settings.saved";
            m_snapshot.saveFailed = false;
            rebuild();
        });
    });
}

void SettingsController::findCameras() {
    if (m_snapshot.probing) return;
    m_snapshot.probing = true;
    const int probeMax = m_config.camera.probeMax;
    const std::string inUse = m_config.camera.source;
    m_thread.post([this, probeMax, inUse] {
        std::vector<Snapshot::CameraChoice> found;
        // The desk's own camera is busy (it would not answer a probe): it is listed as in use.
        found.push_back({inUse, inUse, true});
        for (const auto& cam : scan::CameraProbe::enumerate(probeMax)) {
            const std::string spec = std::to_string(cam.index);
            if (spec == inUse) continue;
            found.push_back({spec, spec + " — " + std::to_string(cam.width) + "×" + std::to_string(cam.height), false});
        }
        m_queue.post([this, found = std::move(found)]() mutable {
            m_snapshot.cameras = std::move(found);
            m_snapshot.probing = false;
            rebuild();
        });
    });
}

bool SettingsController::previewingDeskCamera() const {
    return !m_snapshot.previewSpec.empty() && m_snapshot.previewSpec == m_config.camera.source;
}

void SettingsController::preview(const std::string& spec) {
    if (spec.empty() || spec == m_snapshot.previewSpec) return;
    stopPreview();
    m_snapshot.previewSpec = spec;
    m_snapshot.previewStateKey = "settings.preview.opening";
    if (previewingDeskCamera()) return;  // shown from the desk's feed
    m_thread.post([this, spec, config = m_config] {
        auto source = CameraFeed::openSource(config, spec);
        auto holder = std::make_shared<Result<SourcePtr>>(std::move(source));
        m_queue.post([this, spec, holder] {
            if (m_snapshot.previewSpec != spec) return;  // another pick since
            if (!*holder) {
                m_snapshot.previewStateKey = "settings.preview.failed";
                m_snapshot.previewDetail = holder->error().message;
                return;
            }
            if (m_hooks.startPreview) m_hooks.startPreview(std::move(*holder).value(), spec);
        });
    });
}

void SettingsController::stopPreview() {
    if (m_snapshot.previewSpec.empty()) return;
    if (!previewingDeskCamera() && m_hooks.stopPreview) m_hooks.stopPreview();
    m_snapshot.previewSpec.clear();
    m_snapshot.previewStateKey.clear();
    m_snapshot.previewDetail.clear();
    m_snapshot.previewRead.clear();
    m_snapshot.previewReadKey.clear();
    m_snapshot.preview = {};
    m_snapshot.previewOutline.clear();
}

void SettingsController::useCamera(const std::string& spec) {
    if (m_snapshot.saving || spec.empty()) return;
    auto officer = allowed();
    if (!officer) return saveFailed("settings.denied");
    if (spec == m_config.camera.source) {
        m_snapshot.saveKey = "settings.unchanged";
        m_snapshot.saveFailed = false;
        return;
    }
    AppConfig changed = m_config;
    if (auto ok = SettingsOverlay::apply(changed, {{SettingsOverlay::kCameraSource, spec}}); !ok) {
        return saveFailed(ok.error().code);
    }
    stopPreview();  // a webcam opens for one reader at a time
    m_snapshot.saving = true;
    m_snapshot.saveKey.clear();
    const std::string source = changed.camera.source;
    m_thread.post([this, source, officer = *officer, config = changed] {
        auto opened = CameraFeed::openSource(config, source);
        auto holder = std::make_shared<Result<SourcePtr>>(std::move(opened));
        m_queue.post([this, source, officer, holder] {
            if (!*holder) {
                log::warn("settings: camera source refused: " + holder->error().message);
                return saveFailed("settings.error.camera_source");
            }
            m_snapshot.saving = false;  // commit() sets it again
            commit({{SettingsOverlay::kCameraSource, source}}, officer, [this, source, holder] {
                m_config.camera.source = source;
                if (m_hooks.useCamera) m_hooks.useCamera(std::move(*holder).value(), source);
            });
        });
    });
}

void SettingsController::scannerTest(const std::string& text, const std::vector<ui::TimedKey>& keys,
                                     std::chrono::steady_clock::time_point enterAt) {
    using std::chrono::duration_cast;
    using std::chrono::milliseconds;
    Snapshot::ScannerTest test;
    test.done = true;
    test.characters = keys.size();
    test.allowedGapMs = m_config.scan.wedgeMaxKeyGapMs;
    test.minLength = static_cast<std::size_t>(m_config.scan.wedgeMinLength);
    // The desk's own assembler, with the desk's timing, decides whether this was a scanner.
    scan::WedgeAssembler wedge({milliseconds(m_config.scan.wedgeMaxKeyGapMs), test.minLength});
    for (std::size_t i = 0; i < keys.size(); ++i) {
        wedge.key(keys[i].codepoint, keys[i].at);
        if (i > 0) test.slowestGapMs = std::max<long>(test.slowestGapMs, duration_cast<milliseconds>(keys[i].at - keys[i - 1].at).count());
    }
    if (!keys.empty()) {
        test.slowestGapMs = std::max<long>(test.slowestGapMs, duration_cast<milliseconds>(enterAt - keys.back().at).count());
        test.totalMs = duration_cast<milliseconds>(enterAt - keys.front().at).count();
    }
    const auto assembled = wedge.enter(enterAt);
    test.recognised = assembled.has_value();
    auto parsed = idcard::parseCard(assembled ? *assembled : text, CalendarDate::todayLocal());
    if (!parsed) {
        test.kindKey = "settings.scanner.kind.invalid";
        test.error = parsed.error().message;
    } else {
        describeCard(*parsed, test);
    }
    m_snapshot.scanner = std::move(test);
}

void SettingsController::previewScanned(const scan::ScanEvent& event) {
    auto parsed = idcard::parseCard(event.text, CalendarDate::todayLocal());
    if (!parsed) {
        m_snapshot.previewReadKey = "settings.scanner.kind.invalid";
        m_snapshot.previewRead.clear();
        return;
    }
    Snapshot::ScannerTest card;
    describeCard(*parsed, card);
    std::string summary;
    for (std::size_t i = 0; i < card.fields.size() && i < 2; ++i) summary += (i ? " · " : "") + card.fields[i].second;
    m_snapshot.previewReadKey = card.kindKey;
    m_snapshot.previewRead = summary;
}

void SettingsController::beforeFrame(ui::Picture picture, std::vector<std::array<float, 2>> outline,
                                     ui::StatusSnapshot::Camera state) {
    if (m_snapshot.previewSpec.empty()) return;
    if (m_snapshot.previewStateKey == "settings.preview.failed") return;
    m_snapshot.preview = std::move(picture);
    m_snapshot.previewOutline = std::move(outline);
    m_snapshot.previewStateKey = previewKeyOf(state);
}

} // namespace bhxh::app

namespace bhxh::app {

void SettingsController::findPrinters() {
    if (m_snapshot.findingPrinters) return;
    m_snapshot.findingPrinters = true;
    m_thread.post([this] {
        auto found = print::CupsDirectory::list();
        std::vector<Snapshot::PrinterChoice> choices;
        std::string errorKey;
        if (found) {
            for (const auto& p : *found) choices.push_back({p.uri, p.info.empty() ? p.name : p.name + " — " + p.info});
        } else {
            errorKey = found.error().code;
            log::info("settings: " + found.error().describe());
        }
        m_queue.post([this, choices = std::move(choices), errorKey] {
            m_snapshot.printers = choices;
            m_snapshot.printersErrorKey = errorKey;
            m_snapshot.findingPrinters = false;
        });
    });
}

void SettingsController::usePrinter(const std::string& uri) {
    if (m_snapshot.saving) return;
    auto officer = allowed();
    if (!officer) return saveFailed("settings.denied");
    AppConfig changed = m_config;
    if (auto ok = SettingsOverlay::apply(changed, {{SettingsOverlay::kPrinterUri, uri}}); !ok) return saveFailed(ok.error().code);
    const std::string chosen = changed.print.printerUri;
    if (chosen == m_config.print.printerUri) {
        m_snapshot.saveKey = "settings.unchanged";
        m_snapshot.saveFailed = false;
        return;
    }
    commit({{SettingsOverlay::kPrinterUri, chosen}}, *officer, [this, chosen] {
        m_config.print.printerUri = chosen;
        if (m_hooks.printerUri) m_hooks.printerUri(chosen);
    });
}

void SettingsController::printTestPage(const std::string& uri, const std::string& title, const std::vector<std::string>& lines) {
    if (m_snapshot.printTest.phase == ui::PrintStatus::Phase::Printing || !m_printer) return;
    auto officer = allowed();
    if (!officer) return saveFailed("settings.denied");
    const std::string target = uri.empty() ? m_config.print.printerUri : uri;
    if (!print::Printer::acceptableUri(target)) return saveFailed("settings.error.printer_uri");
    const std::filesystem::path file = m_config.paths.dataDir / "print" / "test-page.pdf";
    m_snapshot.printTest = {};
    m_snapshot.printTest.phase = ui::PrintStatus::Phase::Printing;
    m_snapshot.printTest.stateKey = "print.state.sending";
    // Written on the settings thread (cairo and the disk), sent by the print thread.
    m_thread.post([this, file, title, lines, target, officer = *officer] {
        auto written = receipt::TestPageWriter::writePdf(title, lines, file);
        m_queue.post([this, file, target, officer, written] {
            if (!written) {
                m_snapshot.printTest = PrintService::failed(makeError("print.error.file", written.error().message), target, "");
                return;
            }
            m_printer->submit(file, "test page", officer, [this](const ui::PrintStatus& s) { m_snapshot.printTest = s; }, target);
        });
    });
}

} // namespace bhxh::app
