#pragma once
// What a controller test needs instead of a window: a real SQLite store in a temporary folder, a
// StoreWorker on it, the CPU pool, and the MainThreadQueue drained as the UI loop would. The
// controllers are built by each test on top of it (their ports are plain functions there).
#include "app/store_worker.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "store/sqlite_declaration_repository.h"
#include "store/store.h"
#include "temp_folder.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <thread>

namespace bhxh::test {

class ControllerHarness {
public:
    explicit ControllerHarness(const char* prefix = "bhxh-controller-") : m_dir(prefix) {
        store::StoreOptions options;
        options.dbPath = m_dir.path() / "desk.sqlite";
        options.dailyBackup = false;
        auto opened = store::Store::open(options);
        REQUIRE(opened);
        st.emplace(std::move(opened).value());
        auto worker = app::StoreWorker::start(*st);
        REQUIRE(worker);
        storeWorker = std::move(worker).value();
    }
    /// Stops the workers before the controllers that their jobs use go (call from the fixture's
    /// destructor, before the controllers are destroyed).
    void stopWorkers() {
        if (storeWorker) storeWorker->stop();
        cpu.stop();
    }
    ~ControllerHarness() { stopWorkers(); }

    /// Runs the UI thread's part until `done` holds (or 60 s pass, on a loaded machine).
    bool pumpUntil(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (std::chrono::steady_clock::now() < deadline) {
            queue.drain();
            if (done()) return true;
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
        return false;
    }
    /// Runs the UI thread's part for a while (for what must NOT happen).
    void pumpFor(std::chrono::milliseconds span) {
        const auto end = std::chrono::steady_clock::now() + span;
        while (std::chrono::steady_clock::now() < end) {
            queue.drain();
            std::this_thread::sleep_for(std::chrono::milliseconds(2));
        }
    }
    /// Every job of the store, the pool and the UI queue has run.
    bool settle() {
        return pumpUntil([this] { return storeWorker->pending() == 0 && cpu.pending() == 0 && queue.pending() == 0; });
    }
    /// One number from the database (a count, a state), read on a connection of the test's own.
    std::int64_t count(const std::string& sql, const std::string& arg = {}) {
        auto db = st->connect();
        REQUIRE(db);
        auto stmt = db->prepare(sql);
        REQUIRE(stmt);
        if (!arg.empty()) stmt->bind(1, arg);
        REQUIRE(*stmt->step());
        return stmt->getInt(0);
    }
    void storeDeclaration(const declarations::Declaration& d) {
        auto db = st->connect();
        REQUIRE(db);
        store::SqliteDeclarationRepository repo(*db);
        REQUIRE(repo.upsert(d).ok());
    }
    [[nodiscard]] const std::filesystem::path& dir() const { return m_dir.path(); }

private:
    TempFolder m_dir;

public:
    std::optional<store::Store> st;
    MainThreadQueue queue;
    std::unique_ptr<app::StoreWorker> storeWorker;
    CpuPool cpu{"test-cpu", 2};
};

} // namespace bhxh::test
