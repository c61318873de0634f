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
#include <optional>

namespace bhxh::face {

/// Runs face checks on its own thread so the UI never waits for the models. Requests go in
/// with submit(); each result comes back through its callback, posted on the MainThreadQueue
/// when one is given (the UI case) or called on the worker thread otherwise (CLI, tests).
class FaceWorker {
public:
    using Callback = std::function<void(Result<FaceEvidence>)>;
    using Loader = std::function<Result<std::unique_ptr<FaceMatcher>>()>;
    using LoadedCallback = std::function<void(Result<void>)>;

    /// The matcher must outlive the worker. queue may be nullptr.
    FaceWorker(FaceMatcher& matcher, BandPolicy policy, MainThreadQueue* queue = nullptr);
    /// Loads the matcher on the worker's thread, as its first job, so that whoever builds the
    /// worker (the UI thread at start-up) does not wait for the models; checks submitted in the
    /// meantime wait for the load, and when it failed they answer its error. `loaded` hears
    /// how the load went (through the queue when one is given).
    FaceWorker(Loader load, BandPolicy policy, MainThreadQueue* queue = nullptr, LoadedCallback loaded = {});
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
    void deliver(std::function<void()> task);

    FaceMatcher* m_matcher = nullptr;             // used on the worker thread only
    std::unique_ptr<FaceMatcher> m_owned;         // what the Loader gave
    std::optional<Error> m_loadError;             // worker thread only
    MainThreadQueue* m_queue;
    mutable std::mutex m_mutex;
    BandPolicy m_policy;  // guarded by m_mutex
    JobThread m_jobs{"face"};  // last: joined before the members it uses are destroyed
};

} // namespace bhxh::face
