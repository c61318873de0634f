#pragma once
#include "common/worker.h"
#include "scan/frame_source.h"
#include "scan/latest_frame_slot.h"
#include "scan/payload_dedup.h"
#include "scan/qr_decoder.h"
#include "scan/scan_event.h"
#include "scan/wedge_assembler.h"

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>

namespace bhxh::scan {

/// Tunables of the capture and decoding path (the app fills them from [camera] and [scan]).
struct ScanServiceOptions {
    std::chrono::milliseconds dedupWindow{3000};
    std::chrono::milliseconds retryInitial{500};    ///< first wait after a camera loss
    std::chrono::milliseconds retryMax{5000};       ///< the wait doubles up to this
    int failuresBeforeLoss = 5;                     ///< consecutive failed reads that mean "unplugged"
    std::chrono::milliseconds filePace{0};          ///< delay between frames of a file source (0 = as fast as read)
    bool loopFiles = false;                         ///< a video file / folder starts again when it ends (demo camera)
    int previewMaxWidth = 960;                      ///< onPreview frames are shrunk to this width
    std::chrono::milliseconds previewInterval{40};  ///< at most one onPreview per interval
    WedgeTiming wedge;
    QrDecoder::Options decoder;
};

/// The camera worker, the latest-frame slot, the decoder worker and the wedge assembler, with
/// one de-duplication for both inputs. Callbacks run on the worker threads: the app wires them
/// to MainThreadQueue::post. Stopping (or destroying) joins both workers.
class ScanService {
public:
    using Clock = std::chrono::steady_clock;

    struct Callbacks {
        std::function<void(const ScanEvent&)> onScan;               ///< a new payload (deduplicated)
        std::function<void(const ScanEvent&)> onDetection;          ///< every camera decode (overlay); optional
        std::function<void(const CameraStateEvent&)> onCameraState; ///< optional
        std::function<void(PreviewFrame)> onPreview;                ///< live view frames; optional
    };

    ScanService(ScanServiceOptions options, Callbacks callbacks);
    ~ScanService();
    ScanService(const ScanService&) = delete;
    ScanService& operator=(const ScanService&) = delete;

    /// Starts both workers on source (replacing a running one).
    void start(std::unique_ptr<FrameSource> source);
    /// Stops and joins both workers. Safe to call twice.
    void stop();

    /// Keyboard-wedge input, from the UI thread; at is when the key event arrived.
    void wedgeKey(char32_t codepoint, Clock::time_point at);
    /// Enter: a fast, long enough burst becomes a ScanEvent (deduplicated like the camera's);
    /// returns true when it did (the UI then swallows the keys).
    bool wedgeEnter(Clock::time_point at);

    /// Forgets recent payloads: the same card can be scanned again at once.
    void resetDedup();
    /// For tests and the status bar.
    [[nodiscard]] std::uint64_t framesDecoded() const { return m_framesDecoded.load(); }
    [[nodiscard]] const LatestFrameSlot& slot() const { return m_slot; }
    /// Replaces the clock dedup uses (tests).
    void setClock(std::function<Clock::time_point()> clock);

private:
    void cameraLoop(std::stop_token stop);
    void decoderLoop(std::stop_token stop);
    void publishState(CameraStateEvent event);
    void publishPreview(const Frame& frame);
    bool acceptPayload(const std::string& text);

    ScanServiceOptions m_options;
    Callbacks m_callbacks;
    QrDecoder m_decoder;
    LatestFrameSlot m_slot;
    std::unique_ptr<FrameSource> m_source;
    std::mutex m_dedupMutex;
    PayloadDedup m_dedup;
    std::function<Clock::time_point()> m_clock;
    WedgeAssembler m_wedge;  // UI thread only
    std::atomic<std::uint64_t> m_framesDecoded{0};
    Clock::time_point m_lastPreview{};  // camera thread only
    Worker m_camera{"scan-camera"};
    Worker m_decoderWorker{"scan-decoder"};
};

} // namespace bhxh::scan
