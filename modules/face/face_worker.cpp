#include "face/face_worker.h"

namespace bhxh::face {

FaceWorker::FaceWorker(FaceMatcher& matcher, BandPolicy policy, MainThreadQueue* queue)
    : m_matcher(matcher), m_policy(policy), m_queue(queue) {
    m_worker.start([this](std::stop_token stop) { run(stop); });
}

FaceWorker::~FaceWorker() { m_worker.stop(); }

void FaceWorker::submit(ThreeWayInput input, Callback callback) {
    {
        std::lock_guard lock(m_mutex);
        m_jobs.push_back(Job{std::move(input), std::move(callback)});
    }
    m_wake.notify_one();
}

void FaceWorker::setPolicy(BandPolicy policy) {
    std::lock_guard lock(m_mutex);
    m_policy = policy;
}

std::size_t FaceWorker::pending() const {
    std::lock_guard lock(m_mutex);
    return m_jobs.size() + m_running;
}

void FaceWorker::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        Job job;
        BandPolicy policy;
        {
            std::unique_lock lock(m_mutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_jobs.empty(); })) return;
            job = std::move(m_jobs.front());
            m_jobs.pop_front();
            policy = m_policy;
            ++m_running;
        }
        auto result = ThreeWayComparer(m_matcher, policy).compare(job.input);
        if (m_queue) {
            m_queue->post([cb = std::move(job.callback), r = std::move(result)]() mutable { cb(std::move(r)); });
        } else {
            job.callback(std::move(result));
        }
        std::lock_guard lock(m_mutex);
        --m_running;
    }
}

} // namespace bhxh::face
