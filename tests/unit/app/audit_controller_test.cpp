// The audit screen's controller on real parts: a store file on disk, its StoreWorker and the
// MainThreadQueue drained as the UI would. Viewing the trail is itself audited.
#include "app/audit_controller.h"

#include "desk_store.h"

#include <catch2/catch.hpp>

#include <functional>
#include <thread>

using namespace bhxh;
using namespace bhxh::app;
using namespace std::chrono_literals;

namespace {

class Fixture {
public:
    Fixture() : dir("bhxh-audit-controller-test-"), deskStore(test::openDeskStore(dir.path())) {
        auto worker = StoreWorker::start(deskStore);
        REQUIRE(worker);
        storeWorker = std::move(worker).value();
        controller = std::make_unique<AuditController>(queue, *storeWorker, [](Action action) -> Result<std::string> {
            if (action != Action::AuditView) return makeError("security.denied", "not a supervisor");
            return std::string("q6.super");
        });
    }

    /// Drains the queue like the UI's frames until the controller has its answer, or ten seconds.
    bool settled() {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            queue.drain();
            if (!controller->snapshot().loading && storeWorker->pending() == 0) return true;
            std::this_thread::sleep_for(2ms);
        }
        return false;
    }

    std::int64_t auditViews() {
        auto db = test::connectDeskStore(deskStore);
        auto n = db.queryInt("SELECT count(*) FROM audit_log WHERE kind = 'audit_view'");
        REQUIRE(n);
        return *n;
    }

    bhxh::test::TempFolder dir;
    MainThreadQueue queue;
    store::Store deskStore;
    std::unique_ptr<StoreWorker> storeWorker;
    std::unique_ptr<AuditController> controller;
};

} // namespace

TEST_CASE("the audit screen shows the entries after noting that they were viewed", "[app][audit]") {
    Fixture f;
    f.controller->refresh();
    REQUIRE(f.settled());
    const auto& snap = f.controller->snapshot();
    CHECK(snap.error.empty());
    CHECK_FALSE(snap.denied);
    REQUIRE_FALSE(snap.rows.empty());
    CHECK(f.auditViews() == 1);
}

TEST_CASE("the audit screen shows nothing when the viewing cannot be audited", "[app][audit]") {
    Fixture f;
    {
        auto db = test::connectDeskStore(f.deskStore);
        REQUIRE(db.exec("CREATE TRIGGER test_audit_full BEFORE INSERT ON audit_log "
                         "BEGIN SELECT RAISE(ABORT, 'the trail cannot take an entry'); END"));
    }
    f.controller->refresh();
    REQUIRE(f.settled());
    const auto& snap = f.controller->snapshot();
    CHECK(snap.rows.empty());
    CHECK_FALSE(snap.error.empty());
    CHECK(f.auditViews() == 0);
}
