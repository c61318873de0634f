#pragma once
#include "app/app_config.h"
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/job_thread.h"
#include "common/main_thread_queue.h"
#include "face/score_band.h"
#include "scan/frame_source.h"
#include "scan/scan_event.h"
#include "ui_model/settings_snapshot.h"
#include "ui_model/status_snapshot.h"
#include "ui_model/timed_key.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bhxh::app {

class PrintService;

/// Feeds the administrator's settings screen and carries out what is done on it:
/// - the configuration in force (secrets only as set / not set);
/// - the connection tests, which run the `bhxh-desk doctor` checks on the settings thread;
/// - the camera picker: cameras probed off the UI thread, a live preview of the one picked, and
///   "use this camera" (the desk switches at once);
/// - the scanner test: what a handheld scanner typed, timed like the desk times it, and parsed;
/// - changes of the face cut-offs and the retention days, checked like the file's values,
///   stored with one "settings_change" audit entry each, and put into effect at once.
/// Changes need the "settings.change" right (administrators).
class SettingsController {
public:
    using SourcePtr = std::unique_ptr<scan::FrameSource>;
    /// How the rest of the console follows a change. UI thread; any may be empty.
    struct Hooks {
        std::function<void(SourcePtr, const std::string& spec)> useCamera;     ///< the desk reads it now
        std::function<void(SourcePtr, const std::string& spec)> startPreview;  ///< the preview feed
        std::function<void()> stopPreview;
        std::function<void(const face::Thresholds&)> faceCutoffs;
        std::function<void(int days)> retentionDays;
        std::function<void(const std::string& uri)> printerUri;  ///< receipts and reports go there now
    };

    /// config: the values in force (file, then the changes stored in the console).
    SettingsController(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, AuthorizeFn authorize,
                       Hooks hooks);
    ~SettingsController();
    SettingsController(const SettingsController&) = delete;
    SettingsController& operator=(const SettingsController&) = delete;

    /// "camera", "portal", "email", "sms" or "all"; ignored while a run is going.
    void runTest(const std::string& test);
    /// Stores the changed values (key → text as typed); a bad value is refused with its reason.
    void save(const std::map<std::string, std::string>& values);
    /// Looks for cameras ([camera] probe_max indices) off the UI thread.
    void findCameras();
    /// Shows `spec` in the preview (the desk's own camera is shown as it is, not opened twice).
    void preview(const std::string& spec);
    void stopPreview();
    /// The desk reads `spec` from now on (opened first: a source that does not open is refused).
    void useCamera(const std::string& spec);
    /// The scanner test field's text and its keys as they came, ending with Enter at `enterAt`.
    void scannerTest(const std::string& text, const std::vector<ui::TimedKey>& keys,
                     std::chrono::steady_clock::time_point enterAt);
    /// Asks the local CUPS for its printers, off the UI thread.
    void findPrinters();
    /// Receipts and the day report go to `uri` from now on ("" = none); stored and audited.
    void usePrinter(const std::string& uri);
    /// Writes a test page (title and lines as the screen composed them) and sends it to `uri`
    /// (the printer in force when empty); the job's state shows in snapshot().printTest.
    void printTestPage(const std::string& uri, const std::string& title, const std::vector<std::string>& lines);
    void setPrinter(PrintService* printer) { m_printer = printer; }
    /// A code the previewed camera read.
    void previewScanned(const scan::ScanEvent& event);
    /// True while the preview shows the desk's own camera (its scans come here, not to the desk).
    [[nodiscard]] bool previewingDeskCamera() const;
    [[nodiscard]] bool previewing() const { return !m_snapshot.previewSpec.empty(); }
    /// Once per frame: the preview's picture and state (of the desk's camera or the preview feed).
    void beforeFrame(ui::Picture picture, std::vector<std::array<float, 2>> outline, ui::StatusSnapshot::Camera state);
    /// The desk's camera source in force.
    [[nodiscard]] const std::string& cameraSource() const { return m_config.camera.source; }

    [[nodiscard]] const ui::SettingsSnapshot& snapshot() const { return m_snapshot; }

private:
    void rebuild();
    void commit(std::vector<std::pair<std::string, std::string>> changes, const std::string& officer,
                std::function<void()> onStored);
    void saveFailed(const std::string& key);
    /// The officer at the desk when they may change settings ("settings.change").
    [[nodiscard]] Result<std::string> allowed() const;

    AppConfig m_config;  // UI thread: in force
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    AuthorizeFn m_authorize;
    Hooks m_hooks;
    PrintService* m_printer = nullptr;
    std::map<std::string, std::string> m_stored;  // changes stored in the console (table settings)
    ui::SettingsSnapshot m_snapshot;               // UI thread only
    JobThread m_thread{"settings"};                // last: joined first
};

} // namespace bhxh::app
