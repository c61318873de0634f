#pragma once
#include "app/app_config.h"
#include "ui_model/picture.h"
#include "common/main_thread_queue.h"
#include "common/result.h"
#include "scan/scan_service.h"
#include "ui_model/status_snapshot.h"

#include <array>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::app {

/// The console's camera and handheld scanner: runs the ScanService on [camera] source (a
/// webcam index, or a video file / image folder that loops like a webcam), shows its frames in
/// a picture with the last QR outline, and hands every new payload to `onScan` on the UI thread.
/// The settings screen's camera preview is a second one, without a status bar to report to.
class CameraFeed {
public:
    using ScanHandler = std::function<void(const scan::ScanEvent&)>;
    /// status may be nullptr (the preview): the camera state is then only kept in state().
    CameraFeed(const AppConfig& config, MainThreadQueue& queue, ui::StatusSnapshot* status);
    ~CameraFeed();
    CameraFeed(const CameraFeed&) = delete;
    CameraFeed& operator=(const CameraFeed&) = delete;

    /// attach(), then opens the configured source (a bad one is reported in the status bar, not fatal).
    void start(ScanHandler onScan);
    /// Sets the scan handler and builds the scanning service, without a source yet.
    void attach(ScanHandler onScan);
    /// Opens the source `spec` names ("0", a video file, an image folder) at [camera]'s size.
    /// Slow for a webcam: call it off the UI thread.
    static Result<std::unique_ptr<scan::FrameSource>> openSource(const AppConfig& config, const std::string& spec);
    /// UI thread: reads `source` from now on, in place of the one before (opened off the UI
    /// thread by the caller, see openSource). Needs start() or attach() first.
    void useSource(std::unique_ptr<scan::FrameSource> source);
    /// UI thread: stops reading (joins the camera thread); the picture keeps its last frame.
    void stopSource();
    [[nodiscard]] ui::StatusSnapshot::Camera state() const { return m_state; }

    /// UI thread, once per frame: uploads the newest preview.
    void beforeFrame();

    [[nodiscard]] const ui::Picture& picture() const { return m_picture; }
    /// The last outline in picture pixels, empty once it is older than a second.
    [[nodiscard]] std::vector<std::array<float, 2>> outline() const;
    /// The newest preview as BGR (for the live face check); empty when there is none.
    [[nodiscard]] cv::Mat latestBgr() const;

    /// Keyboard-wedge input: a character, and when it reached the desk (ui::TypedKeys).
    void wedgeKey(char32_t codepoint, std::chrono::steady_clock::time_point at);
    /// Enter, and when: true when it ended a scan.
    bool wedgeEnter(std::chrono::steady_clock::time_point at);
    /// Forgets the payloads seen lately, so a card still in view is reported again (the desk
    /// ignored it while nobody was signed in or the screen was locked).
    void forgetSeen();

private:
    void setState(ui::StatusSnapshot::Camera state);

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    ui::StatusSnapshot* m_status;
    ScanHandler m_onScan;
    ui::StatusSnapshot::Camera m_state = ui::StatusSnapshot::Camera::None;  // UI thread
    mutable std::mutex m_previewMutex;
    std::optional<scan::PreviewFrame> m_pending;  // newest, not yet uploaded
    cv::Mat m_shownRgba;                          // UI thread
    int m_sourceWidth = 0;                        // UI thread
    ui::Picture m_picture;
    std::array<cv::Point2f, 4> m_corners{};
    std::chrono::steady_clock::time_point m_cornersAt{};
    std::unique_ptr<scan::ScanService> m_scan;  // last: joined first
};

} // namespace bhxh::app
