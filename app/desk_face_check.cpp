#include "app/desk_face_check.h"

#include "app/cv_picture.h"
#include "app/photo_file.h"
#include "common/log.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>

namespace bhxh::app {
namespace {

declarations::FaceSignal faceSignal(face::Band band) {
    switch (band) {
    case face::Band::Same: return declarations::FaceSignal::Same;
    case face::Band::Review: return declarations::FaceSignal::Review;
    case face::Band::Different: return declarations::FaceSignal::Different;
    case face::Band::NoFace: return declarations::FaceSignal::NoFace;
    }
    return declarations::FaceSignal::NotChecked;
}

bool isChipPair(const std::string& label) { return label.rfind("chip-", 0) == 0; }

} // namespace

DeskFaceCheck::DeskFaceCheck(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu,
                             face::FaceWorker* faces, std::string faceError, DeskState& state,
                             std::function<void()> changed)
    : m_config(config), m_queue(queue), m_store(store), m_cpu(cpu), m_faces(faces), m_faceError(std::move(faceError)),
      m_state(state), m_changed(std::move(changed)) {}

void DeskFaceCheck::unavailable(std::string error) {
    m_faces = nullptr;
    m_faceError = std::move(error);
    m_chipRunning = false;
    if (!m_state.view.declaration) return;
    m_state.view.face.running = false;
    m_state.view.face.errorKey = "face.models_missing";
    m_state.view.face.errorDetail = m_faceError;
}

void DeskFaceCheck::clear() {
    m_state.view.face = {};
    m_state.view.photos.clear();
    m_signals.clear();
    m_portraitBytes.clear();
    m_idFrontBytes.clear();
    m_liveBytes.clear();
    m_evidenceJson.clear();
    m_model.clear();
    m_score.reset();
    m_portraitIdScored = m_again = false;
    m_chipBytes.clear();
    m_chipEvidenceJson.clear();
    m_chipRunning = m_chipAgain = m_chipLiveScored = false;
    ++m_chipGeneration;
}

void DeskFaceCheck::load(const declarations::Declaration& d) {
    clear();
    if (!m_faceError.empty()) {
        m_state.view.face.errorKey = "face.models_missing";
        m_state.view.face.errorDetail = m_faceError;
    }
    auto& photos = m_state.view.photos;
    for (const std::string& kind : PhotoFile::order()) {
        for (const auto& f : d.files) {
            if (f.kind != kind) continue;
            photos.push_back({f.kind, {}, true, ""});
            const std::uint64_t generation = m_state.generation;
            m_store.post([this, dossier = d.dossierNo, file = f, generation,
                          maxPixels = static_cast<std::uint64_t>(m_config.images.maxPixels)](StoreContext& ctx) {
                auto found = ctx.declarations.fileLocalPath(dossier, file.kind, file.sha256);
                // The store finds the file; reading and decoding it is the pool's (SQL only there).
                m_cpu.post([this, generation, kind = file.kind, maxPixels,
                            path = found ? *found : std::optional<std::string>()] {
                    PhotoFile photo = PhotoFile::decode(kind, path, maxPixels);
                    m_queue.post([this, generation, photo = std::move(photo)]() mutable {
                        if (m_state.current(generation)) photoDecoded(std::move(photo));
                    });
                });
            });
        }
    }
    photos.push_back({"live", {}, false, "photo.press_f6"});
}

void DeskFaceCheck::photoDecoded(PhotoFile photo) {
    for (auto& slot : m_state.view.photos) {
        if (slot.kind != photo.kind) continue;
        slot.loading = false;
        slot.errorKey = photo.errorKey;
        if (!photo.rgba.empty()) slot.picture = pictureOf(photo.rgba);
    }
    if (photo.kind == "portrait") m_portraitBytes = std::move(photo.bytes);
    if (photo.kind == "id_front") m_idFrontBytes = std::move(photo.bytes);
    runFaceCheck();
    runChipFaceCheck();
    m_changed();
}

void DeskFaceCheck::captureLive(const cv::Mat& bgr) {
    if (bgr.empty()) {
        m_state.message("desk.no_camera_frame", {}, true);
        return;
    }
    for (auto& slot : m_state.view.photos) {
        if (slot.kind == "live") slot.loading = true;
    }
    const std::uint64_t generation = m_state.generation;
    m_cpu.post([this, bgr, generation] {
        std::vector<std::uint8_t> jpeg;
        cv::imencode(".jpg", bgr, jpeg, {cv::IMWRITE_JPEG_QUALITY, 92});
        cv::Mat rgba;
        cv::cvtColor(bgr, rgba, cv::COLOR_BGR2RGBA);
        m_queue.post([this, generation, jpeg = std::move(jpeg), rgba]() mutable {
            if (!m_state.current(generation)) return;
            for (auto& slot : m_state.view.photos) {
                if (slot.kind != "live") continue;
                slot.loading = false;
                slot.errorKey.clear();
                slot.picture = pictureOf(rgba);
            }
            m_liveBytes = std::move(jpeg);
            runFaceCheck();
            runChipFaceCheck();
        });
    });
}

void DeskFaceCheck::runFaceCheck() {
    auto& face = m_state.view.face;
    if (!m_faces || m_portraitBytes.empty() || m_idFrontBytes.empty()) return;
    const bool withLive = !m_liveBytes.empty();
    // Without a live frame only portrait ↔ ID photo can be scored, and once is enough.
    if (!withLive && m_portraitIdScored) return;
    if (face.running) {
        m_again = true;  // a newer input (the live frame) arrived: check again when this one ends
        return;
    }
    face.running = true;
    m_again = false;
    m_changed();
    if (!withLive) m_portraitIdScored = true;
    const std::uint64_t generation = m_state.generation;
    // The worker only knows the three-way check. Before F6 the portrait stands in for the live
    // frame and only the portrait ↔ ID-card pair is kept; the matcher caches both analyses, so
    // the full check after F6 embeds only the live frame.
    face::ThreeWayInput input{m_portraitBytes, withLive ? m_liveBytes : m_portraitBytes, m_idFrontBytes};
    // The FaceWorker posts the callback to the main-thread queue.
    m_faces->submit(std::move(input), [this, generation, withLive](Result<face::FaceEvidence> evidence) {
        if (!m_state.current(generation) || !m_faces) return;  // !m_faces: the models failed to load
        auto& view = m_state.view.face;
        view.running = false;
        if (!evidence) {
            view.errorKey = "face.check_failed";
            view.errorDetail = evidence.error().message;
        } else {
            showFaceEvidence(std::move(evidence).value(), withLive);
        }
        if (m_again) runFaceCheck();
        m_changed();
    });
}

void DeskFaceCheck::showFaceEvidence(face::FaceEvidence evidence, bool withLive) {
    auto& view = m_state.view.face;
    if (!withLive) {
        // Only the pair that does not involve the stand-in; no liveness (it was the portrait's).
        std::erase_if(evidence.pairs, [](const face::PairComparison& p) { return p.label != "portrait-idcard"; });
        evidence.liveLiveness.reset();
    }
    view.done = withLive;
    view.errorKey.clear();
    // The chip portrait's pairs come from their own check (runChipFaceCheck): kept.
    std::erase_if(view.pairs, [](const ui::FacePairView& p) { return !isChipPair(p.label); });
    for (const auto& p : evidence.pairs) {
        view.pairs.push_back({p.label, p.score, p.band, p.notes});
        m_signals[p.label] = faceSignal(p.band);
        if (p.label == "portrait-live") m_score = p.score;
    }
    view.liveness = evidence.liveLiveness;
    // What the clerk saw goes with the decision, also when it was only the portrait ↔ ID photo.
    m_evidenceJson = evidence.toJson();
    // The models that scored it, by file and the start of its SHA-256 (the full hashes are in the evidence).
    m_model.clear();
    for (const auto& [file, sha] : evidence.models) {
        m_model += (m_model.empty() ? "" : ",") + file + ":" + sha.substr(0, 12);
    }
}

void DeskFaceCheck::setChipPortrait(std::shared_ptr<const std::vector<std::uint8_t>> encoded) {
    ++m_chipGeneration;
    auto& photos = m_state.view.photos;
    std::erase_if(photos, [](const ui::PhotoSlot& p) { return p.kind == "chip"; });
    std::erase_if(m_state.view.face.pairs, [](const ui::FacePairView& p) { return isChipPair(p.label); });
    std::erase_if(m_signals, [](const auto& kv) { return isChipPair(kv.first); });
    m_chipBytes.clear();
    m_chipEvidenceJson.clear();
    m_chipRunning = m_chipAgain = m_chipLiveScored = false;
    if (!encoded) return;
    // The chip's portrait sits before the live frame in the photo strip.
    auto live = std::find_if(photos.begin(), photos.end(), [](const ui::PhotoSlot& p) { return p.kind == "live"; });
    photos.insert(live, ui::PhotoSlot{"chip", {}, true, ""});
    const std::uint64_t generation = m_state.generation;
    const std::uint64_t chipGeneration = m_chipGeneration;
    m_cpu.post([this, encoded, generation, chipGeneration,
                maxPixels = static_cast<std::uint64_t>(m_config.images.maxPixels)] {
        PhotoFile photo = PhotoFile::fromBytes("chip", *encoded, maxPixels);
        m_queue.post([this, generation, chipGeneration, photo = std::move(photo)]() mutable {
            if (!m_state.current(generation) || chipGeneration != m_chipGeneration) return;
            for (auto& slot : m_state.view.photos) {
                if (slot.kind != "chip") continue;
                slot.loading = false;
                slot.errorKey = photo.errorKey;
                if (!photo.rgba.empty()) slot.picture = pictureOf(photo.rgba);
            }
            if (!photo.rgba.empty()) m_chipBytes = std::move(photo.bytes);
            runChipFaceCheck();
            m_changed();
        });
    });
}

void DeskFaceCheck::runChipFaceCheck() {
    if (!m_faces || m_chipBytes.empty() || m_portraitBytes.empty()) return;
    const bool withLive = !m_liveBytes.empty();
    if (m_chipRunning) {
        m_chipAgain = true;
        return;
    }
    // Scored once without the live frame, once more with it.
    if (!m_chipEvidenceJson.empty() && (!withLive || m_chipLiveScored)) return;
    m_chipRunning = true;
    m_chipAgain = false;
    if (withLive) m_chipLiveScored = true;
    m_changed();
    // The worker's three-way check with the chip in the portrait's place and the portal's
    // portrait in the ID photo's: "portrait-idcard" is chip ↔ portal portrait, "portrait-live"
    // chip ↔ live frame (the chip stands in for the live frame before F6; that pair is dropped).
    face::ThreeWayInput input{m_chipBytes, withLive ? m_liveBytes : m_chipBytes, m_portraitBytes};
    const std::uint64_t generation = m_state.generation;
    const std::uint64_t chipGeneration = m_chipGeneration;
    m_faces->submit(std::move(input), [this, generation, chipGeneration, withLive](Result<face::FaceEvidence> evidence) {
        if (!m_state.current(generation) || chipGeneration != m_chipGeneration || !m_faces) return;
        m_chipRunning = false;
        if (!evidence) {
            log::warn("desk: chip face check failed: " + evidence.error().message);
        } else {
            std::vector<face::PairComparison> kept;
            for (auto p : evidence->pairs) {
                if (p.label == "portrait-idcard") {
                    p.label = "chip-portrait";
                } else if (p.label == "portrait-live" && withLive) {
                    p.label = "chip-live";
                } else {
                    continue;
                }
                kept.push_back(std::move(p));
            }
            evidence->pairs = kept;
            if (!withLive) evidence->liveLiveness.reset();
            auto& pairs = m_state.view.face.pairs;
            std::erase_if(pairs, [](const ui::FacePairView& p) { return isChipPair(p.label); });
            for (const auto& p : kept) {
                pairs.push_back({p.label, p.score, p.band, p.notes});
                m_signals[p.label] = faceSignal(p.band);
            }
            m_chipEvidenceJson = evidence->toJson();
        }
        if (m_chipAgain) runChipFaceCheck();
        m_changed();
    });
}

declarations::FaceSignal DeskFaceCheck::signal(const std::string& label) const {
    auto it = m_signals.find(label);
    return it == m_signals.end() ? declarations::FaceSignal::NotChecked : it->second;
}

void DeskFaceCheck::fillFacts(declarations::DecisionFacts& f) const {
    const auto& view = m_state.view;
    f.faceCheckAvailable = m_faces != nullptr;
    const auto loading = [&](auto isKind) {
        return std::any_of(view.photos.begin(), view.photos.end(),
                           [&](const ui::PhotoSlot& p) { return p.loading && isKind(p.kind); });
    };
    const bool photosLoading = loading([](const std::string& k) { return k == "portrait" || k == "id_front" || k == "live"; });
    const bool chipLoading = loading([](const std::string& k) { return k == "chip"; });
    f.faceRunning = view.face.running || photosLoading || m_chipRunning || chipLoading;
    f.portraitIdcard = signal("portrait-idcard");
    f.liveTaken = view.face.done;
    if (f.liveTaken) {
        f.portraitLive = signal("portrait-live");
        f.idcardLive = signal("idcard-live");
        f.liveness = view.face.liveness;
    }
    f.chipFace = std::any_of(view.photos.begin(), view.photos.end(), [](const ui::PhotoSlot& p) { return p.kind == "chip"; });
    f.chipPortrait = signal("chip-portrait");
    if (f.liveTaken) f.chipLive = signal("chip-live");
}

void DeskFaceCheck::fillChecks(declarations::DecisionChecks& checks) const {
    checks.faceScore = m_score;
    checks.faceModel = m_evidenceJson.empty() ? "" : m_model;
    checks.faceEvidenceJson = m_evidenceJson;
    checks.chipFaceEvidenceJson = m_chipEvidenceJson;
}

} // namespace bhxh::app
