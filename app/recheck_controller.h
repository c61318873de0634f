#pragma once
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "ui_model/recheck_snapshot.h"

#include <cstdint>
#include <functional>
#include <string>

namespace bhxh::app {

/// The supervisor's Re-check screen (docs/supervision.md): the sampled approvals with their
/// evidence, read on the office's StoreWorker, and the verdicts — confirm, or flag with a reason
/// (declarations::QaReview::flagReasons) and a note, optionally asking for a follow-up. Only
/// officers whose role may "qa.review" see or judge; every verdict is one audit entry in the same
/// transaction (store::SqliteQaRepository). No GL or ImGui here: tested without a window.
class RecheckController {
public:
    /// `maxPixels`: the largest photo decoded ([images] max_pixels).
    RecheckController(MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, AuthorizeFn authorize,
                      std::uint64_t maxPixels);
    void refresh();
    /// The supervisor chose a sample: its declaration's photos are read into the snapshot.
    void select(std::int64_t sampleId);
    void confirm(std::int64_t sampleId);
    void flag(std::int64_t sampleId, const std::string& reason, const std::string& note, bool followUp);
    /// Called on the UI thread after a verdict was stored (the dashboard refreshes its figures).
    void onReviewed(std::function<void()> hook) { m_onReviewed = std::move(hook); }
    [[nodiscard]] const ui::RecheckSnapshot& snapshot() const { return m_snapshot; }

    static constexpr std::size_t kRows = 200;

private:
    void review(std::int64_t sampleId, bool flagged, const std::string& reason, const std::string& note, bool followUp);

    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;  // the sample's photos are read and decoded here, not on the store thread
    AuthorizeFn m_authorize;
    std::function<void()> m_onReviewed;
    std::uint64_t m_maxPixels;
    std::uint64_t m_photoGeneration = 0;
    ui::RecheckSnapshot m_snapshot;
    std::uint64_t m_generation = 0;
};

} // namespace bhxh::app
