#include "scan/scan_service.h"

#include "common/log.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <condition_variable>
#include <thread>

namespace bhxh::scan {
namespace {

// Sleeps for d unless stop is requested first; false when stopped.
bool sleepFor(std::stop_token stop, std::chrono::milliseconds d) {
    std::mutex mutex;
    std::condition_variable_any cv;
    std::unique_lock lock(mutex);
    return !cv.wait_for(lock, stop, d, [] { return false; }) && !stop.stop_requested();
}

} // namespace

const char* toString(CameraState state) {
    switch (state) {
    case CameraState::Starting: return "starting";
    case CameraState::Running: return "running";
    case CameraState::Lost: return "lost";
    case CameraState::Ended: return "ended";
    case CameraState::Stopped: return "stopped";
    }
    return "?";
}

ScanService::ScanService(ScanServiceOptions options, Callbacks callbacks)
    : m_options(options),
      m_callbacks(std::move(callbacks)),
      m_decoder(options.decoder),
      m_dedup(options.dedupWindow),
      m_clock([] { return Clock::now(); }),
      m_wedge(options.wedge) {}

ScanService::~ScanService() { stop(); }

void ScanService::setClock(std::function<Clock::time_point()> clock) {
    std::lock_guard lock(m_dedupMutex);
    m_clock = std::move(clock);
}

void ScanService::start(std::unique_ptr<FrameSource> source) {
    stop();
    m_source = std::move(source);
    m_slot.reopen();
    m_decoderWorker.start([this](std::stop_token stop) { decoderLoop(stop); });
    m_camera.start([this](std::stop_token stop) { cameraLoop(stop); });
}

void ScanService::stop() {
    const bool wasRunning = m_camera.running();
    m_camera.stop();
    m_slot.close();
    m_decoderWorker.stop();
    if (m_source) m_source->close();
    if (wasRunning) publishState({CameraState::Stopped, m_source ? m_source->describe() : "", "", 0, {}});
}

void ScanService::publishState(CameraStateEvent event) {
    if (m_callbacks.onCameraState) m_callbacks.onCameraState(event);
}

void ScanService::publishPreview(const Frame& frame) {
    if (!m_callbacks.onPreview || frame.image.empty()) return;
    const auto now = Clock::now();
    if (now - m_lastPreview < m_options.previewInterval) return;
    m_lastPreview = now;
    PreviewFrame preview;
    preview.sourceWidth = frame.image.cols;
    preview.sourceHeight = frame.image.rows;
    preview.frameIndex = frame.index;
    cv::Mat small;
    if (frame.image.cols > m_options.previewMaxWidth) {
        const double f = static_cast<double>(m_options.previewMaxWidth) / frame.image.cols;
        cv::resize(frame.image, small, cv::Size(), f, f, cv::INTER_AREA);
    } else {
        small = frame.image;
    }
    // A new buffer every time: the UI keeps it while the capture reuses its own.
    cv::cvtColor(small, preview.rgba, small.channels() == 1 ? cv::COLOR_GRAY2RGBA : cv::COLOR_BGR2RGBA);
    m_callbacks.onPreview(std::move(preview));
}

void ScanService::cameraLoop(std::stop_token stop) {
    FrameSource& source = *m_source;
    const std::string name = source.describe();
    publishState({CameraState::Starting, name, "", 0, {}});
    bool open = false;
    int attempt = 0;
    int failures = 0;
    std::uint64_t framesSinceOpen = 0;
    std::chrono::milliseconds backoff = m_options.retryInitial;

    auto lose = [&](const std::string& why) {
        source.close();
        open = false;
        ++attempt;
        log::warn("scan: " + name + " lost (" + why + "); retry " + std::to_string(attempt) + " in " +
                  std::to_string(backoff.count()) + " ms");
        publishState({CameraState::Lost, name, why, attempt, backoff});
        const bool keepGoing = sleepFor(stop, backoff);
        backoff = std::min(backoff * 2, m_options.retryMax);
        return keepGoing;
    };

    while (!stop.stop_requested()) {
        if (!open) {
            auto opened = source.open();
            if (!opened) {
                if (!source.isLive()) {
                    publishState({CameraState::Ended, name, opened.error().message, 0, {}});
                    break;
                }
                if (!lose(opened.error().message)) break;
                continue;
            }
            open = true;
            failures = 0;
            framesSinceOpen = 0;
            attempt = 0;
            backoff = m_options.retryInitial;
            publishState({CameraState::Running, name, "", 0, {}});
        }
        ReadResult r = source.read();
        if (r.status == ReadStatus::Frame) {
            failures = 0;
            ++framesSinceOpen;
            publishPreview(r.frame);
            m_slot.put(std::move(r.frame));
            if (!source.isLive() && m_options.filePace.count() > 0 && !sleepFor(stop, m_options.filePace)) break;
            continue;
        }
        // A file that gave frames starts again; one that gave none would only spin, so it ends.
        if (r.status == ReadStatus::EndOfStream && !source.isLive() && m_options.loopFiles && framesSinceOpen > 0) {
            source.close();
            open = false;
            continue;
        }
        if (r.status == ReadStatus::EndOfStream && !source.isLive()) {
            publishState({CameraState::Ended, name, "", 0, {}});
            break;
        }
        if (!source.isLive()) continue;  // one unreadable image in a folder: go on
        if (++failures >= m_options.failuresBeforeLoss || r.status == ReadStatus::EndOfStream) {
            if (!lose(r.error.empty() ? "end of stream" : r.error)) break;
        }
    }
    m_slot.close();
}

bool ScanService::acceptPayload(const std::string& text) {
    std::lock_guard lock(m_dedupMutex);
    return m_dedup.accept(text, m_clock());
}

void ScanService::resetDedup() {
    std::lock_guard lock(m_dedupMutex);
    m_dedup.reset();
}

void ScanService::decoderLoop(std::stop_token stop) {
    while (!stop.stop_requested()) {
        std::optional<Frame> frame = m_slot.take(stop, std::chrono::milliseconds(200));
        if (!frame) {
            if (m_slot.closed()) break;
            continue;
        }
        DecodeOutcome outcome = m_decoder.decode(frame->image);
        ++m_framesDecoded;
        if (!outcome.detection) continue;
        ScanEvent event;
        event.origin = ScanOrigin::Camera;
        event.text = std::move(outcome.detection->text);
        event.corners = outcome.detection->corners;
        event.frameIndex = frame->index;
        event.frameOrigin = frame->origin;
        event.decodeMs = outcome.decodeMs;
        event.latencyMs = std::chrono::duration<double, std::milli>(Clock::now() - frame->capturedAt).count();
        event.duplicate = !acceptPayload(event.text);
        if (m_callbacks.onDetection) m_callbacks.onDetection(event);
        if (!event.duplicate && m_callbacks.onScan) m_callbacks.onScan(event);
    }
}

void ScanService::wedgeKey(char32_t codepoint, Clock::time_point at) { m_wedge.key(codepoint, at); }

bool ScanService::wedgeEnter(Clock::time_point at) {
    auto text = m_wedge.enter(at);
    if (!text) return false;
    ScanEvent event;
    event.origin = ScanOrigin::Wedge;
    event.text = std::move(*text);
    event.duplicate = !acceptPayload(event.text);
    if (!event.duplicate && m_callbacks.onScan) m_callbacks.onScan(event);
    return true;
}

} // namespace bhxh::scan
