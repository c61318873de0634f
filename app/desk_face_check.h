#pragma once
#include "app/app_config.h"
#include "app/desk_state.h"
#include "app/store_worker.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "declarations/decision.h"
#include "declarations/decision_policy.h"
#include "declarations/declaration.h"
#include "face/face_worker.h"

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace cv {
class Mat;
}

namespace bhxh::app {

struct PhotoFile;

/// The face part of the walk-in desk: the declaration's photos (found by the store, decoded on
/// the CPU pool), the live frame (F6), the chip's portrait, and the face checks that compare
/// them on the FaceWorker. It writes the view's `photos` and `face` and nothing else; it tells
/// the desk when the checklist must be made again (`changed`). What the checks found goes into
/// the decision's facts and its evidence. UI thread only.
///
/// Two checks run: the declaration's (portrait ↔ ID-card photo as soon as both are decoded, all
/// three pairs once a live frame is there) and the chip's (chip ↔ portrait, chip ↔ live frame).
/// An input that arrives while a check runs starts the check again when it ends.
class DeskFaceCheck {
public:
    DeskFaceCheck(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu,
                  face::FaceWorker* faces, std::string faceError, DeskState& state, std::function<void()> changed);

    /// The face models could not be loaded: no check from now on, and the open dossier says why.
    void unavailable(std::string error);
    /// Forgets every photo, score and check (a new dossier, or none).
    void clear();
    /// A dossier is shown: its photos are found and decoded, the face check runs when both are in.
    void load(const declarations::Declaration& d);
    /// The live frame (BGR) for the face check.
    void captureLive(const cv::Mat& bgr);
    /// The chip's portrait (JPEG / JPEG 2000 bytes, nullptr: none); its own check runs on it.
    void setChipPortrait(std::shared_ptr<const std::vector<std::uint8_t>> encoded);

    /// The checks as the decision policy sees them.
    void fillFacts(declarations::DecisionFacts& facts) const;
    /// The scores, models and evidence that go with the decision.
    void fillChecks(declarations::DecisionChecks& checks) const;

private:
    void runFaceCheck();
    void showFaceEvidence(face::FaceEvidence evidence, bool withLive);
    void runChipFaceCheck();
    void photoDecoded(PhotoFile photo);
    [[nodiscard]] declarations::FaceSignal signal(const std::string& label) const;

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;
    face::FaceWorker* m_faces;
    std::string m_faceError;
    DeskState& m_state;
    std::function<void()> m_changed;

    std::map<std::string, declarations::FaceSignal> m_signals;  // pair label → result
    std::vector<std::uint8_t> m_portraitBytes;
    std::vector<std::uint8_t> m_idFrontBytes;
    std::vector<std::uint8_t> m_liveBytes;
    std::string m_evidenceJson;
    std::string m_model;  // the scoring models, file:sha256-prefix
    std::optional<double> m_score;
    bool m_portraitIdScored = false;  // the check without a live frame was asked for
    bool m_again = false;             // input changed while a check ran

    std::vector<std::uint8_t> m_chipBytes;  // the chip's portrait, checked for its size
    std::string m_chipEvidenceJson;
    bool m_chipRunning = false;
    bool m_chipAgain = false;
    bool m_chipLiveScored = false;
    std::uint64_t m_chipGeneration = 0;  // results for an older chip reading are dropped
};

} // namespace bhxh::app
