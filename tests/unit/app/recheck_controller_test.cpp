// RecheckController without a window: a real store with approvals sampled through DecisionRecorder,
// its own StoreWorker and the MainThreadQueue drained as the UI would. The list carries the
// evidence; confirm and flag are stored and audited; a clerk is refused; an officer cannot judge
// their own approval; the dashboard hook runs after a verdict.
#include "app/recheck_controller.h"
#include "store/sqlite_declaration_repository.h"
#include "ui_model/masked_number.h"
#include "declarations/decision_recorder.h"
#include "store/sqlite_decision_repository.h"
#include "temp_folder.h"

#include "../declarations/decision_test_support.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <optional>
#include <thread>

using namespace bhxh;
using namespace bhxh::app;
using namespace std::chrono_literals;

namespace {

class AlwaysSource final : public RandomSource {
public:
    std::uint32_t uniform(std::uint32_t) override { return 0; }
};

class Fixture {
public:
    Fixture() : dir("bhxh-recheck-test-") {
        store::StoreOptions options;
        options.dbPath = dir.path() / "desk.sqlite";
        options.dailyBackup = false;
        auto opened = store::Store::open(options);
        REQUIRE(opened);
        st.emplace(std::move(opened).value());
        {
            auto db = st->connect();
            REQUIRE(db);
            store::SqliteDecisionRepository decisions(*db);
            AlwaysSource always;
            const declarations::QaSampler sampler(declarations::QaConfig{100, 0, 0}, always);
            declarations::DecisionRecorder recorder(decisions, {}, {}, &sampler);
            for (const char* no : {"07916-2026-000501", "07916-2026-000502"}) {
                auto r = test::approveRequest();
                r.declaration.dossierNo = no;
                r.officerId = "q6.clerk";
                if (std::string(no).ends_with("501")) {
                    store::SqliteDeclarationRepository declarations(*db);
                    REQUIRE(declarations.upsert(r.declaration).ok());
                }
                REQUIRE(recorder.record(r).ok());
            }
        }
        auto worker = StoreWorker::start(*st);
        REQUIRE(worker);
        storeWorker = std::move(worker).value();
        auto authorize = [this](std::string_view action) -> Result<std::string> {
            if (action != "qa.review" || officer.empty()) return makeError("security.denied", "not a supervisor");
            return officer;
        };
        controller = std::make_unique<RecheckController>(queue, *storeWorker, cpu, authorize, 40000000);
        controller->onReviewed([this] { ++reviewedHooks; });
    }
    bool pump(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            queue.drain();
            if (done()) return true;
            std::this_thread::sleep_for(2ms);
        }
        return false;
    }
    bool settled() {
        return pump([this] { return !controller->snapshot().loading && storeWorker->pending() == 0 && cpu.pending() == 0 && queue.pending() == 0; });
    }
    std::int64_t auditCount(const std::string& kind) {
        auto db = st->connect();
        REQUIRE(db);
        auto stmt = db->prepare("SELECT count(*) FROM audit_log WHERE kind = ?");
        REQUIRE(stmt);
        stmt->bind(1, kind);
        REQUIRE(*stmt->step());
        return stmt->getInt(0);
    }
    const ui::RecheckSnapshot& snap() const { return controller->snapshot(); }
    ~Fixture() {
        if (storeWorker) storeWorker->stop();  // their jobs use the controller: joined before it goes
        cpu.stop();
    }
    const ui::RecheckSnapshot::Row* row(const std::string& dossier) const {
        for (const auto& r : snap().rows) if (r.dossierNo == dossier) return &r;
        return nullptr;
    }

    test::TempFolder dir;
    std::optional<store::Store> st;
    MainThreadQueue queue;
    std::unique_ptr<StoreWorker> storeWorker;
    CpuPool cpu{"test-cpu", 1};
    std::string officer = "q6.supervisor";
    int reviewedHooks = 0;
    std::unique_ptr<RecheckController> controller;
};

} // namespace

TEST_CASE("the re-check list shows each sampled approval with the clerk's evidence", "[app][recheck]") {
    Fixture f;
    f.controller->refresh();
    REQUIRE(f.settled());
    REQUIRE(f.snap().rows.size() == 2);
    const auto* r = f.row("07916-2026-000501");
    REQUIRE(r);
    CHECK(r->officer == "q6.clerk");
    CHECK(r->state == "open");
    CHECK(r->reason == "random");
    CHECK(r->faceScore == "0.71");
    CHECK(r->faceModel == "faceplugin-512");
    CHECK(r->cardScanned == "cccd");
    CHECK(r->fieldsMatched.size() == 3);
    CHECK(r->decidedAt.size() == 19);  // dd/mm/yyyy HH:MM:SS
    // The citizen as the supervisor sees them: the name, and only the last digits of the number.
    CHECK_FALSE(r->citizenName.empty());
    const std::string idNumber = test::approveRequest().declaration.idNumber;
    CHECK(r->citizenIdMasked == ui::MaskedNumber::of(idNumber));
    CHECK(r->citizenIdMasked.find(idNumber.substr(0, 6)) == std::string::npos);
    CHECK(r->citizenIdMasked.ends_with(idNumber.substr(idNumber.size() - 3)));
    // A declaration no longer stored (purged): the row stays, without a citizen.
    CHECK(f.row("07916-2026-000502")->citizenName.empty());

    // Choosing a sample reads its declaration's photos (none downloaded here: "not cached").
    f.controller->select(r->sampleId);
    REQUIRE(f.settled());
    CHECK(f.snap().photosOf == r->sampleId);
    for (const auto& photo : f.snap().photos) CHECK(photo.errorKey == "photo.not_cached");
}

TEST_CASE("confirm and flag are stored, audited and reported to the dashboard", "[app][recheck]") {
    Fixture f;
    f.controller->refresh();
    REQUIRE(f.settled());
    const auto first = f.row("07916-2026-000501")->sampleId;
    const auto second = f.row("07916-2026-000502")->sampleId;
    f.controller->confirm(first);
    REQUIRE(f.settled());
    CHECK(f.snap().messageKey == "qa.confirmed");
    f.controller->flag(second, "face_doubt", "ảnh chân dung mờ", true);
    REQUIRE(f.settled());
    CHECK(f.snap().messageKey == "qa.flagged");
    CHECK(f.reviewedHooks == 2);
    CHECK(f.row("07916-2026-000501")->state == "confirmed");
    const auto* flagged = f.row("07916-2026-000502");
    REQUIRE(flagged);
    CHECK(flagged->state == "flagged");
    CHECK(flagged->flagReason == "face_doubt");
    CHECK(flagged->followUp);
    CHECK(flagged->reviewer == "q6.supervisor");
    CHECK(f.auditCount("qa_confirm") == 1);
    CHECK(f.auditCount("qa_flag") == 1);

    SECTION("a second verdict on the same sample is refused") {
        f.controller->confirm(second);
        REQUIRE(f.settled());
        CHECK(f.snap().messageKey == "qa.error.already_reviewed");
        CHECK(f.reviewedHooks == 2);
    }
}

TEST_CASE("a clerk sees no list and cannot judge; nobody judges their own approval", "[app][recheck]") {
    Fixture f;
    f.controller->refresh();
    REQUIRE(f.settled());
    const auto id = f.row("07916-2026-000501")->sampleId;
    SECTION("the approving officer") {
        f.officer = "q6.clerk";
        f.controller->confirm(id);
        REQUIRE(f.settled());
        CHECK(f.snap().messageKey == "qa.error.own_decision");
        CHECK(f.auditCount("qa_confirm") == 0);
    }
    SECTION("an officer without qa.review") {
        f.officer.clear();
        f.controller->refresh();
        CHECK(f.snap().denied);
        CHECK(f.snap().rows.empty());
        f.controller->flag(id, "other", "", false);
        CHECK(f.snap().messageKey == "qa.error.denied");
        REQUIRE(f.settled());
        CHECK(f.auditCount("qa_flag") == 0);
    }
    SECTION("a flag without a listed reason") {
        f.controller->flag(id, "", "", false);
        REQUIRE(f.settled());
        CHECK(f.snap().messageKey == "qa.error.reason_required");
    }
}
