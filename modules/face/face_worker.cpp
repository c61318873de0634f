#include "face/face_worker.h"

#include <memory>

namespace bhxh::face {

FaceWorker::FaceWorker(FaceMatcher& matcher, BandPolicy policy, MainThreadQueue* queue)
    : m_matcher(&matcher), m_queue(queue), m_policy(policy) {}

FaceWorker::FaceWorker(Loader load, BandPolicy policy, MainThreadQueue* queue, LoadedCallback loaded)
    : m_queue(queue), m_policy(policy) {
    m_jobs.post([this, load = std::move(load), loaded = std::move(loaded)] {
        auto matcher = load();
        Result<void> outcome;
        if (matcher) {
            m_owned = std::move(matcher).value();
            m_matcher = m_owned.get();
        } else {
            m_loadError = matcher.error();
            outcome = matcher.error();
        }
        if (loaded) deliver([loaded, outcome] { loaded(outcome); });
    });
}

void FaceWorker::deliver(std::function<void()> task) {
    if (m_queue) {
        m_queue->post(std::move(task));
    } else {
        task();
    }
}

FaceWorker::~FaceWorker() { m_jobs.stop(); }

void FaceWorker::submit(ThreeWayInput input, Callback callback) {
    m_jobs.post([this, input = std::move(input), callback = std::move(callback)] {
        BandPolicy policy;
        {
            std::lock_guard lock(m_mutex);
            policy = m_policy;
        }
        Result<FaceEvidence> result = m_loadError ? Result<FaceEvidence>(*m_loadError)
                                      : m_matcher ? ThreeWayComparer(*m_matcher, policy).compare(input)
                                                  : Result<FaceEvidence>(makeError("face.models_missing", "no face models"));
        deliver([callback, r = std::make_shared<Result<FaceEvidence>>(std::move(result))]() mutable { callback(std::move(*r)); });
    });
}

void FaceWorker::setPolicy(BandPolicy policy) {
    std::lock_guard lock(m_mutex);
    m_policy = policy;
}

std::size_t FaceWorker::pending() const { return m_jobs.pending(); }

} // namespace bhxh::face
