// RecheckController without a window: a real store with approvals sampled through DecisionRecorder,
// its own StoreWorker and the MainThreadQueue drained as the UI would. The list carries the
// evidence; confirm and flag are stored and audited; a clerk is refused; an officer cannot judge
// their own approval; the dashboard hook runs after a verdict.
#include "app/recheck_controller.h"
#include "store/sqlite_declaration_repository.h"
#include "ui_model/masked_number.h"
#include "declarations/decision_recorder.h"
#include "face/face_comparison.h"
#include "store/sqlite_decision_repository.h"
#include "controller_harness.h"

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
    Fixture() {
        {
            auto db = h.st->connect();
            REQUIRE(db);
            store::SqliteDecisionRepository decisions(*db);
            AlwaysSource always;
            const declarations::QaSampler sampler(declarations::QaConfig{100, 0, 0}, always);
            declarations::DecisionRecorder recorder(decisions, {}, {}, &sampler);
            for (const char* no : {"07916-2026-000501", "07916-2026-000502"}) {
                auto r = test::approveRequest();
                r.declaration.dossierNo = no;
                r.officerId = "q6.clerk";
                // What the clerk saw: portrait ↔ ID photo without a live frame, and the chip's pair.
                face::FaceEvidence seen, chip;
                seen.pairs = {{"portrait-idcard", 0.98, face::Band::Same, 1, 1, {}}};
                chip.pairs = {{"chip-portrait", 0.64, face::Band::Same, 1, 1, {}}};
                r.checks.faceEvidenceJson = seen.toJson();
                r.checks.chipVerdict = "genuine";
                r.checks.chipFaceEvidenceJson = chip.toJson();
                if (std::string(no).ends_with("501")) {
                    store::SqliteDeclarationRepository declarations(*db);
                    REQUIRE(declarations.upsert(r.declaration).ok());
                }
                REQUIRE(recorder.record(r).ok());
            }
        }
        auto authorize = [this](std::string_view action) -> Result<std::string> {
            if (action != "qa.review" || officer.empty()) return makeError("security.denied", "not a supervisor");
            return officer;
        };
        controller = std::make_unique<RecheckController>(h.queue, *h.storeWorker, h.cpu, authorize, 40000000);
        controller->onReviewed([this] { ++reviewedHooks; });
    }
    ~Fixture() { h.stopWorkers(); }  // their jobs use the controller: joined before it goes

    bool pump(const std::function<bool()>& done) { return h.pumpUntil(done); }
    bool settled() { return h.pumpUntil([this] { return !controller->snapshot().loading; }) && h.settle(); }
    std::int64_t auditCount(const std::string& kind) {
        return h.count("SELECT count(*) FROM audit_log WHERE kind = ?", kind);
    }
    const ui::RecheckSnapshot& snap() const { return controller->snapshot(); }
    const ui::RecheckSnapshot::Row* row(const std::string& dossier) const {
        for (const auto& r : snap().rows) if (r.dossierNo == dossier) return &r;
        return nullptr;
    }

    test::ControllerHarness h{"bhxh-recheck-test-"};
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
    // Every pair the clerk saw, also without a live frame (no portrait ↔ live score then).
    REQUIRE(r->facePairs.size() == 2);
    CHECK(r->facePairs[0].label == "portrait-idcard");
    CHECK(r->facePairs[0].score == Approx(0.98));
    CHECK(r->facePairs[0].band == face::Band::Same);
    CHECK(r->facePairs[1].label == "chip-portrait");
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
