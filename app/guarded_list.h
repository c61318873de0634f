#pragma once
#include "app/store_worker.h"
#include "common/access_hooks.h"
#include "common/action.h"
#include "common/main_thread_queue.h"

#include <cstdint>
#include <string>
#include <utility>

namespace bhxh::app {

/// The refresh of a list screen behind a permission (the audit trail, the re-check list): the
/// officer's right to `action` is asked first; without it the list is emptied and marked denied
/// and nothing is read. Otherwise `read(ctx, officer)` runs on the store worker and returns the
/// rows (or an Error, whose message the screen shows), and the snapshot takes the answer on the
/// UI thread unless a newer refresh started since (`generation`). The snapshot has rows,
/// version, loading, denied and error; the controller owning `snapshot` and `generation` outlives
/// its store worker's jobs and the queue's tasks (ConsoleViews stops the workers first).
template <class Snapshot, class ReadFn>
void refreshGuardedList(MainThreadQueue& queue, StoreWorker& store, const AuthorizeFn& authorize, Action action,
                        Snapshot& snapshot, std::uint64_t& generation, ReadFn read) {
    auto who = authorize ? authorize(action) : Result<std::string>(makeError("security.denied", "no officer"));
    if (!who) {
        snapshot.rows.clear();
        ++snapshot.version;
        snapshot.denied = true;
        return;
    }
    snapshot.denied = false;
    snapshot.loading = true;
    const std::uint64_t mine = ++generation;
    store.post([&queue, &snapshot, &generation, mine, officer = *who, read = std::move(read)](StoreContext& ctx) {
        auto rows = read(ctx, officer);
        std::string error = rows ? std::string() : rows.error().message;
        decltype(snapshot.rows) taken;
        if (rows) taken = std::move(rows).value();
        queue.post([&snapshot, &generation, mine, rows = std::move(taken), error = std::move(error)]() mutable {
            if (mine != generation) return;
            snapshot.loading = false;
            snapshot.rows = std::move(rows);
            ++snapshot.version;
            snapshot.error = error;
        });
    });
}

} // namespace bhxh::app
