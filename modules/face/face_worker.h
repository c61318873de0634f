#pragma once
#include "common/job_thread.h"
#include "common/main_thread_queue.h"
#include "common/result.h"
#include "face/face_comparison.h"
#include "face/three_way_comparer.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>

namespace bhxh::face {

/// Runs face checks on its own thread so the UI never waits for the models. Requests go in
/// with submit(); each result comes back through its callback, posted on the MainThreadQueue
/// when one is given (the UI case) or called on the worker thread otherwise (CLI, tests).
class FaceWorker {
public:
    using Callback = std::function<void(Result<FaceEvidence>)>;

    /// The matcher must outlive the worker. queue may be nullptr.
    FaceWorker(FaceMatcher& matcher, BandPolicy policy, MainThreadQueue* queue = nullptr);
    ~FaceWorker();
    FaceWorker(const FaceWorker&) = delete;
    FaceWorker& operator=(const FaceWorker&) = delete;

    /// Queues a three-way check. Never blocks on the models.
    void submit(ThreeWayInput input, Callback callback);
    /// New cut-offs (the administrator changed them): checks submitted from now on use them.
    void setPolicy(BandPolicy policy);
    /// Requests waiting or running (for the panel's spinner and tests).
    [[nodiscard]] std::size_t pending() const;

private:
    FaceMatcher& m_matcher;
    MainThreadQueue* m_queue;
    mutable std::mutex m_mutex;
    BandPolicy m_policy;  // guarded by m_mutex
    JobThread m_jobs{"face"};  // last: joined before the members it uses are destroyed
};

} // namespace bhxh::face
