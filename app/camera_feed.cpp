#include "app/camera_feed.h"

#include "app/cv_picture.h"

#include "common/log.h"
#include "scan/source_factory.h"

#include <opencv2/imgproc.hpp>

namespace bhxh::app {
namespace {

ui::StatusSnapshot::Camera cameraOf(scan::CameraState state) {
    switch (state) {
    case scan::CameraState::Starting: return ui::StatusSnapshot::Camera::Starting;
    case scan::CameraState::Running: return ui::StatusSnapshot::Camera::Live;
    case scan::CameraState::Lost: return ui::StatusSnapshot::Camera::Lost;
    case scan::CameraState::Ended:
    case scan::CameraState::Stopped: return ui::StatusSnapshot::Camera::Off;
    }
    return ui::StatusSnapshot::Camera::Off;
}

} // namespace

CameraFeed::CameraFeed(const AppConfig& config, MainThreadQueue& queue, ui::StatusSnapshot* status)
    : m_config(config), m_queue(queue), m_status(status) {}

CameraFeed::~CameraFeed() { m_scan.reset(); }

void CameraFeed::start(ScanHandler onScan) {
    attach(std::move(onScan));
    if (m_config.camera.source.empty()) {
        setState(ui::StatusSnapshot::Camera::None);
        return;
    }
    auto source = openSource(m_config, m_config.camera.source);
    if (!source) {
        log::warn("camera: " + source.error().message);
        setState(ui::StatusSnapshot::Camera::None);
        return;
    }
    useSource(std::move(source).value());
}

void CameraFeed::attach(ScanHandler onScan) {
    m_onScan = std::move(onScan);
    scan::ScanServiceOptions options;
    options.dedupWindow = std::chrono::milliseconds(m_config.scan.dedupWindowMs);
    options.retryInitial = std::chrono::milliseconds(m_config.camera.retryMs);
    options.retryMax = std::chrono::milliseconds(m_config.camera.retryMaxMs);
    options.wedge.maxKeyGap = std::chrono::milliseconds(m_config.scan.wedgeMaxKeyGapMs);
    options.wedge.minLength = static_cast<std::size_t>(m_config.scan.wedgeMinLength);
    // A file standing in for the webcam plays at the camera's rate and starts again at its end.
    options.filePace = std::chrono::milliseconds(1000 / std::max(1, m_config.camera.fps));
    options.loopFiles = true;
    scan::ScanService::Callbacks callbacks;
    callbacks.onScan = [this](const scan::ScanEvent& e) {
        m_queue.post([this, e] {
            if (m_onScan) m_onScan(e);
        });
    };
    callbacks.onDetection = [this](const scan::ScanEvent& e) {
        m_queue.post([this, corners = e.corners] {
            m_corners = corners;
            m_cornersAt = std::chrono::steady_clock::now();
        });
    };
    callbacks.onCameraState = [this](const scan::CameraStateEvent& e) {
        m_queue.post([this, state = e.state] { setState(cameraOf(state)); });
        if (e.state == scan::CameraState::Lost) log::warn("camera lost: " + e.detail);
    };
    callbacks.onPreview = [this](scan::PreviewFrame frame) {
        std::lock_guard lock(m_previewMutex);
        m_pending = std::move(frame);
    };
    m_scan = std::make_unique<scan::ScanService>(options, std::move(callbacks));
}

Result<std::unique_ptr<scan::FrameSource>> CameraFeed::openSource(const AppConfig& config, const std::string& spec) {
    const scan::CameraSettings settings{config.camera.width, config.camera.height, static_cast<double>(config.camera.fps),
                                        static_cast<std::uint64_t>(config.images.maxPixels)};
    return scan::SourceFactory::fromSpec(spec, settings);
}

void CameraFeed::useSource(std::unique_ptr<scan::FrameSource> source) {
    if (!m_scan) return;
    {
        std::lock_guard lock(m_previewMutex);
        m_pending.reset();
    }
    m_sourceWidth = 0;
    m_cornersAt = {};
    m_scan->start(std::move(source));  // stops and joins the one before
}

void CameraFeed::stopSource() {
    if (m_scan) m_scan->stop();
    setState(ui::StatusSnapshot::Camera::Off);
}

void CameraFeed::setState(ui::StatusSnapshot::Camera state) {
    m_state = state;
    if (m_status) m_status->camera = state;
}

void CameraFeed::beforeFrame() {
    std::optional<scan::PreviewFrame> frame;
    {
        std::lock_guard lock(m_previewMutex);
        frame.swap(m_pending);
    }
    if (!frame) return;
    m_picture = pictureOf(frame->rgba);
    m_shownRgba = frame->rgba;
    m_sourceWidth = frame->sourceWidth;
}

std::vector<std::array<float, 2>> CameraFeed::outline() const {
    if (m_sourceWidth <= 0 || std::chrono::steady_clock::now() - m_cornersAt > std::chrono::seconds(1)) return {};
    const float s = static_cast<float>(m_shownRgba.cols) / static_cast<float>(m_sourceWidth);
    std::vector<std::array<float, 2>> out;
    for (const auto& p : m_corners) out.push_back({p.x * s, p.y * s});
    return out;
}

cv::Mat CameraFeed::latestBgr() const {
    if (m_shownRgba.empty()) return {};
    cv::Mat bgr;
    cv::cvtColor(m_shownRgba, bgr, cv::COLOR_RGBA2BGR);
    return bgr;
}

void CameraFeed::wedgeKey(char32_t codepoint, std::chrono::steady_clock::time_point at) {
    if (m_scan) m_scan->wedgeKey(codepoint, at);
}

bool CameraFeed::wedgeEnter(std::chrono::steady_clock::time_point at) { return m_scan && m_scan->wedgeEnter(at); }

void CameraFeed::forgetSeen() {
    if (m_scan) m_scan->resetDedup();
}

} // namespace bhxh::app
