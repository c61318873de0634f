#include "face/face_worker.h"

namespace bhxh::face {

FaceWorker::FaceWorker(FaceMatcher& matcher, BandPolicy policy, MainThreadQueue* queue)
    : m_matcher(matcher), m_queue(queue), m_policy(policy) {}

FaceWorker::~FaceWorker() { m_jobs.stop(); }

void FaceWorker::submit(ThreeWayInput input, Callback callback) {
    m_jobs.post([this, input = std::move(input), callback = std::move(callback)] {
        BandPolicy policy;
        {
            std::lock_guard lock(m_mutex);
            policy = m_policy;
        }
        auto result = ThreeWayComparer(m_matcher, policy).compare(input);
        if (m_queue) {
            m_queue->post([callback, r = std::move(result)]() mutable { callback(std::move(r)); });
        } else {
            callback(std::move(result));
        }
    });
}

void FaceWorker::setPolicy(BandPolicy policy) {
    std::lock_guard lock(m_mutex);
    m_policy = policy;
}

std::size_t FaceWorker::pending() const { return m_jobs.pending(); }

} // namespace bhxh::face
