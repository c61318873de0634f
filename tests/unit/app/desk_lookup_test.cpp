// DeskLookup, the card → declaration part of the desk, on a real store: the cache first, the
// portal (a plain function here) when the cache has nothing open for this office, and the
// store's reason when nobody has an open declaration. A desk that moved on gets no answer.
#include "app/desk_lookup.h"
#include "sample_declaration.h"

#include "controller_harness.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>

using namespace bhxh;

namespace {

const std::string kCccd = "001099012345";  // the sample citizen's ID number

struct LookupFixture {
    test::ControllerHarness h{"bhxh-desk-lookup-"};
    app::DeskLookup lookup{"07916", h.queue, *h.storeWorker};
    std::optional<app::DeskLookup::Outcome> outcome;
    std::atomic<int> portalAsked{0};

    ~LookupFixture() { h.stopWorkers(); }

    static declarations::Declaration declaration(const std::string& dossier, declarations::DeclarationStatus status,
                                                 const std::string& office = "07916") {
        auto d = test::pendingDeclaration(dossier);
        d.status = status;
        d.officeCode = office;
        return d;
    }
    /// The portal answers `answer` (at once; the lookup posts it back to the UI queue).
    void portalAnswers(Result<std::vector<declarations::Declaration>> answer) {
        lookup.setRemote([this, answer](const std::string&, auto done) {
            ++portalAsked;
            done(answer);
        });
    }
    void byCard(const std::string& number, std::function<bool()> wanted = [] { return true; }) {
        outcome.reset();
        lookup.byCard(number, std::move(wanted), [this](app::DeskLookup::Outcome o) { outcome = std::move(o); });
    }
    bool answered() { return h.pumpUntil([this] { return outcome.has_value(); }); }
};

} // namespace

TEST_CASE("a cached open declaration is found with the card's other open ones beside it", "[app][desk_lookup]") {
    LookupFixture f;
    f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000001", declarations::DeclarationStatus::Pending));
    f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000002", declarations::DeclarationStatus::Claimed));
    f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000003", declarations::DeclarationStatus::Approved));
    f.portalAnswers(std::vector<declarations::Declaration>{});
    f.byCard(kCccd);
    REQUIRE(f.answered());
    REQUIRE(f.outcome->found);
    std::vector<std::string> all{f.outcome->found->dossierNo};
    for (const auto& a : f.outcome->alternatives) all.push_back(a.dossierNo);
    std::sort(all.begin(), all.end());
    CHECK(all == std::vector<std::string>{"07916-2026-000001", "07916-2026-000002"});
    CHECK(f.portalAsked == 0);  // the cache had it
}

TEST_CASE("with nothing open in the cache the portal is asked and its declaration is found", "[app][desk_lookup]") {
    LookupFixture f;
    f.portalAnswers(std::vector<declarations::Declaration>{
        LookupFixture::declaration("07916-2026-000009", declarations::DeclarationStatus::Pending)});
    f.byCard(kCccd);
    REQUIRE(f.answered());
    CHECK(f.portalAsked == 1);
    REQUIRE(f.outcome->found);
    CHECK(f.outcome->found->dossierNo == "07916-2026-000009");
    CHECK(f.outcome->messageKey.empty());
}

TEST_CASE("when nobody has it open the store says why", "[app][desk_lookup]") {
    LookupFixture f;
    SECTION("not registered") {
        f.portalAnswers(makeError("portal.unreachable", "no route"));
        f.byCard(kCccd);
        REQUIRE(f.answered());
        CHECK_FALSE(f.outcome->found);
        CHECK(f.outcome->messageKey == "desk.not_registered");
    }
    SECTION("another office") {
        f.h.storeDeclaration(LookupFixture::declaration("07901-2026-000004", declarations::DeclarationStatus::Pending, "07901"));
        f.portalAnswers(std::vector<declarations::Declaration>{});
        f.byCard(kCccd);
        REQUIRE(f.answered());
        CHECK(f.outcome->messageKey == "desk.other_office");
        CHECK(f.outcome->params.at("office") == "07901");
        CHECK(f.outcome->params.at("dossier") == "07901-2026-000004");
    }
    SECTION("expired") {
        f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000005", declarations::DeclarationStatus::Expired));
        f.portalAnswers(std::vector<declarations::Declaration>{});
        f.byCard(kCccd);
        REQUIRE(f.answered());
        CHECK(f.outcome->messageKey == "desk.expired_declaration");
    }
    SECTION("already decided") {
        f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000006", declarations::DeclarationStatus::Rejected));
        f.portalAnswers(std::vector<declarations::Declaration>{});
        f.byCard(kCccd);
        REQUIRE(f.answered());
        CHECK(f.outcome->messageKey == "desk.already_decided");
        CHECK(f.outcome->params.at("status") == "rejected");
    }
    CHECK(f.portalAsked == 1);
}

TEST_CASE("a desk that moved on gets no answer and does not ask the portal", "[app][desk_lookup]") {
    LookupFixture f;
    f.portalAnswers(std::vector<declarations::Declaration>{
        LookupFixture::declaration("07916-2026-000009", declarations::DeclarationStatus::Pending)});
    f.byCard(kCccd, [] { return false; });
    REQUIRE(f.h.settle());
    f.h.pumpFor(std::chrono::milliseconds(100));
    CHECK_FALSE(f.outcome);
    CHECK(f.portalAsked == 0);
}

TEST_CASE("a dossier opened by number keeps only the other alternatives beside it", "[app][desk_lookup]") {
    LookupFixture f;
    f.h.storeDeclaration(LookupFixture::declaration("07916-2026-000001", declarations::DeclarationStatus::Pending));
    std::vector<declarations::Declaration> alternatives{
        LookupFixture::declaration("07916-2026-000001", declarations::DeclarationStatus::Pending),
        LookupFixture::declaration("07916-2026-000002", declarations::DeclarationStatus::Pending)};
    f.lookup.byDossier("07916-2026-000001", alternatives, [] { return true; },
                       [&](app::DeskLookup::Outcome o) { f.outcome = std::move(o); });
    REQUIRE(f.answered());
    REQUIRE(f.outcome->found);
    CHECK(f.outcome->found->dossierNo == "07916-2026-000001");
    REQUIRE(f.outcome->alternatives.size() == 1);
    CHECK(f.outcome->alternatives.front().dossierNo == "07916-2026-000002");

    f.outcome.reset();
    f.lookup.byDossier("07916-2026-999999", {}, [] { return true; }, [&](app::DeskLookup::Outcome o) { f.outcome = std::move(o); });
    REQUIRE(f.answered());
    CHECK_FALSE(f.outcome->found);
    CHECK(f.outcome->messageKey == "desk.not_registered");
}
