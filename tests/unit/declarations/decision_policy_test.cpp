// DecisionPolicy case by case: what blocks an approval, what needs an acknowledgement, what
// needs a second officer, with the office's settings.
#include "declarations/decision_policy.h"
#include "sample_declaration.h"

#include <catch2/catch.hpp>

using namespace bhxh;
using namespace bhxh::declarations;
using State = ApprovalVerdict::State;

namespace {

FieldCheck& field(DecisionFacts& f, const std::string& name) {
    for (auto& c : f.comparison->fields) {
        if (c.field == name) return c;
    }
    FAIL("no field " << name);
    throw std::logic_error("unreachable");
}

void mismatch(DecisionFacts& f, const std::string& name, std::string declared = "a", std::string onCard = "b") {
    auto& c = field(f, name);
    c.verdict = FieldVerdict::Mismatch;
    c.declared = std::move(declared);
    c.onCard = std::move(onCard);
}

RuleCheck& rule(DecisionFacts& f, const std::string& name) {
    for (auto& r : f.rules) {
        if (r.rule == name) return r;
    }
    f.rules.push_back({name, true, true, "", {}});
    return f.rules.back();
}

ApprovalVerdict verdict(const DecisionFacts& f, const std::vector<Acknowledgement>& acks = {}, bool second = false,
                        PolicyConfig config = {}) {
    const DecisionPolicy policy(config);
    return policy.approval(policy.evaluate(f), f, acks, second);
}

CheckSeverity severityOf(const DecisionFacts& f, const std::string& id, PolicyConfig config = {}) {
    const auto list = DecisionPolicy(config).evaluate(f);
    const auto* item = list.find(id);
    REQUIRE(item != nullptr);
    return item->severity;
}

} // namespace

TEST_CASE("everything matching is ready to approve", "[decision_policy]") {
    const auto v = verdict(test::clearFacts());
    CHECK(v.state == State::Ready);
    CHECK(v.blocking.empty());
    CHECK(v.unacknowledged.empty());
    CHECK_FALSE(v.secondOfficerRequired);
}

TEST_CASE("identity fields that differ from the card block the approval", "[decision_policy]") {
    for (const char* name : {"id_number", "date_of_birth", "gender", "bhxh_code"}) {
        auto f = test::clearFacts();
        if (std::string(name) == "bhxh_code") field(f, name).verdict = FieldVerdict::Match;
        mismatch(f, name);
        const auto v = verdict(f);
        INFO(name);
        CHECK(v.state == State::Blocked);
        CHECK(v.blocking == std::vector<std::string>{std::string("field.") + name});
    }
}

TEST_CASE("the four mismatches of dossier 000021 are all named", "[decision_policy]") {
    auto f = test::clearFacts();
    mismatch(f, "full_name", "Nguyễn Thị Lan", "TRAN VAN HUNG");
    mismatch(f, "date_of_birth");
    mismatch(f, "gender");
    mismatch(f, "address");
    const auto v = verdict(f, {{"field.address", "moved"}});
    CHECK(v.state == State::Blocked);
    CHECK(v.blocking == std::vector<std::string>{"field.full_name", "field.date_of_birth", "field.gender"});
}

TEST_CASE("a name differing only in its marks needs an acknowledgement; another name blocks", "[decision_policy]") {
    auto f = test::clearFacts();
    mismatch(f, "full_name", "Nguyễn Văn An", "NGUYEN VAN AN");
    CHECK(severityOf(f, "field.full_name") == CheckSeverity::Acknowledge);
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    CHECK(verdict(f, {{"field.full_name", "card_without_marks"}}).state == State::Ready);

    mismatch(f, "full_name", "Nguyễn Văn An", "Nguyễn Văn Anh");
    CHECK(severityOf(f, "field.full_name") == CheckSeverity::Blocking);
}

TEST_CASE("an address that differs is approved only once acknowledged with a listed reason", "[decision_policy]") {
    auto f = test::clearFacts();
    mismatch(f, "address");
    auto v = verdict(f);
    CHECK(v.state == State::NeedsAcknowledgement);
    CHECK(v.unacknowledged == std::vector<std::string>{"field.address"});
    CHECK(verdict(f, {{"field.address", "because"}}).state == State::NeedsAcknowledgement);  // not a listed reason
    CHECK(verdict(f, {{"field.guardian", "moved"}}).state == State::NeedsAcknowledgement);   // another item
    CHECK(verdict(f, {{"field.address", "moved"}}).state == State::Ready);
}

TEST_CASE("a failed rule of the form blocks; the guardian rule asks for an acknowledgement", "[decision_policy]") {
    for (const char* name : {"name_diacritics", "bhxh_code_format", "phone_unique", "email_unique", "deadline"}) {
        auto f = test::clearFacts();
        rule(f, name).ok = false;
        INFO(name);
        CHECK(verdict(f).state == State::Blocked);
    }
    auto f = test::clearFacts();
    rule(f, "guardian").ok = false;
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    CHECK(verdict(f, {{"rule.guardian", "birth_certificate_seen"}}).state == State::Ready);

    auto unknown = test::clearFacts();
    rule(unknown, "email_unique").known = false;  // the portal could not be asked
    CHECK(severityOf(unknown, "rule.email_unique") == CheckSeverity::Info);
    CHECK(verdict(unknown).state == State::Ready);
}

TEST_CASE("a dossier held by another desk or a failed claim blocks; offline does not", "[decision_policy]") {
    auto f = test::clearFacts();
    f.lease = LeaseState::Conflict;
    CHECK(verdict(f).blocking == std::vector<std::string>{"lease"});
    f.lease = LeaseState::Refused;
    CHECK(verdict(f).state == State::Blocked);
    f.lease = LeaseState::Offline;
    CHECK(verdict(f).state == State::Ready);
}

TEST_CASE("no card scanned needs an acknowledgement", "[decision_policy]") {
    auto f = test::clearFacts();
    f.comparison.reset();
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    CHECK(verdict(f, {{"card", "postal_submission"}}).state == State::Ready);
}

TEST_CASE("face bands: review is acknowledged, different and no face need a second officer", "[decision_policy]") {
    auto f = test::clearFacts();
    f.portraitIdcard = FaceSignal::Review;
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    CHECK(verdict(f, {{"face.portrait_idcard", "photo_old"}}).state == State::Ready);

    f.portraitIdcard = FaceSignal::Different;
    CHECK(verdict(f).state == State::NeedsSecondOfficer);
    CHECK(verdict(f, {}, true).state == State::Ready);

    f.portraitIdcard = FaceSignal::NoFace;  // the portrait and the ID photo are required photos
    CHECK(verdict(f).state == State::NeedsSecondOfficer);

    f.portraitIdcard = FaceSignal::Same;
    f.liveTaken = true;
    f.portraitLive = FaceSignal::NoFace;  // the live frame is not required by default
    f.idcardLive = FaceSignal::Same;
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    PolicyConfig required;
    required.requireLivePhoto = true;
    CHECK(verdict(f, {}, false, required).state == State::NeedsSecondOfficer);
}

TEST_CASE("a face check still running holds the approval back", "[decision_policy]") {
    auto f = test::clearFacts();
    f.faceRunning = true;
    CHECK(verdict(f).blocking == std::vector<std::string>{"face.running"});
    f.faceRunning = false;
    f.faceCheckAvailable = false;  // no models at this desk: the clerk looks and says so
    CHECK(verdict(f).state == State::NeedsAcknowledgement);
    CHECK(verdict(f, {{"face.portrait_idcard", "checked_in_person"}}).state == State::Ready);
}

TEST_CASE("a live photo the office requires, and a low liveness, need an acknowledgement", "[decision_policy]") {
    auto f = test::clearFacts();
    PolicyConfig required;
    required.requireLivePhoto = true;
    CHECK(verdict(f, {}, false, required).unacknowledged == std::vector<std::string>{"live_photo"});
    CHECK(verdict(f, {}, false).state == State::Ready);

    f.liveTaken = true;
    f.portraitLive = FaceSignal::Same;
    f.idcardLive = FaceSignal::Same;
    f.liveness = 0.2f;
    CHECK(verdict(f).unacknowledged == std::vector<std::string>{"liveness"});
    CHECK(verdict(f, {{"liveness", "lighting"}}).state == State::Ready);
    f.liveness = 0.9f;
    CHECK(verdict(f).state == State::Ready);
}

TEST_CASE("a chip not read asks for nothing", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::NotRead;
    CHECK(DecisionPolicy().evaluate(f).find("chip") == nullptr);
    CHECK(verdict(f).state == State::Ready);
}

TEST_CASE("a genuine chip is an ok item", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::Genuine;
    CHECK(severityOf(f, "chip") == CheckSeverity::Ok);
    CHECK(DecisionPolicy().evaluate(f).find("chip")->state == "genuine");
    CHECK(verdict(f).state == State::Ready);
}

TEST_CASE("a chip read but not verified is shown and asks nothing", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::ReadNotVerified;
    CHECK(severityOf(f, "chip") == CheckSeverity::Info);
    CHECK(DecisionPolicy().evaluate(f).find("chip")->state == "not_verified");
    CHECK(verdict(f).state == State::Ready);
}

TEST_CASE("a chip that is not genuine needs a second officer with its reason", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::NotGenuine;
    f.chip.reason = "hash_mismatch";
    CHECK(severityOf(f, "chip") == CheckSeverity::SecondOfficer);
    const auto list = DecisionPolicy().evaluate(f);
    CHECK(list.find("chip")->state == "not_genuine");
    CHECK(list.find("chip")->params.at("reason") == "hash_mismatch");
    const auto v = verdict(f);
    CHECK(v.state == State::NeedsSecondOfficer);
    CHECK(v.secondOfficerRequired);
    CHECK(verdict(f, {}, true).state == State::Ready);
    // Nothing to acknowledge it away.
    CHECK(verdict(f, {{"chip", "checked_in_person"}}).state == State::NeedsSecondOfficer);
}

TEST_CASE("a chip that is not genuine is refused without four-eyes", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::NotGenuine;
    f.chip.reason = "unknown_signer";
    PolicyConfig config;
    config.fourEyes = false;
    CHECK(severityOf(f, "chip", config) == CheckSeverity::Blocking);
    CHECK(verdict(f, {}, true, config).blocking == std::vector<std::string>{"chip"});
}

TEST_CASE("the chip's fields follow the QR's rules", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::Genuine;
    f.chipComparison = f.comparison;
    CHECK(verdict(f).state == State::Ready);
    CHECK(severityOf(f, "chip_field.full_name") == CheckSeverity::Ok);
    // An identity field on the chip that differs refuses, as on the QR.
    for (const char* name : {"id_number", "date_of_birth", "gender"}) {
        auto g = f;
        for (auto& c : g.chipComparison->fields) {
            if (c.field == name) c.verdict = FieldVerdict::Mismatch;
        }
        CHECK(verdict(g).blocking == std::vector<std::string>{std::string("chip_field.") + name});
    }
    // The address takes an acknowledgement with the address's reasons.
    auto a = f;
    for (auto& c : a.chipComparison->fields) {
        if (c.field == "address") {
            c.verdict = FieldVerdict::Mismatch;
            c.declared = "1 Lê Lợi";
            c.onCard = "2 Trần Phú";
        }
    }
    CHECK(verdict(a).unacknowledged == std::vector<std::string>{"chip_field.address"});
    CHECK(verdict(a, {{"chip_field.address", "moved"}}, true).state == State::Ready);
}

TEST_CASE("the chip portrait joins the face check", "[decision_policy]") {
    auto f = test::clearFacts();
    CHECK(DecisionPolicy().evaluate(f).find("face.chip_portrait") == nullptr);
    f.chipFace = true;
    CHECK(verdict(f).unacknowledged == std::vector<std::string>{"face.chip_portrait"});  // not scored yet
    f.chipPortrait = FaceSignal::Same;
    CHECK(verdict(f).state == State::Ready);
    f.chipPortrait = FaceSignal::Different;
    CHECK(verdict(f).state == State::NeedsSecondOfficer);
    f.chipPortrait = FaceSignal::NoFace;
    CHECK(severityOf(f, "face.chip_portrait") == CheckSeverity::SecondOfficer);
    f.chipPortrait = FaceSignal::Same;
    f.liveTaken = true;
    f.portraitLive = FaceSignal::Same;
    f.idcardLive = FaceSignal::Same;
    f.chipLive = FaceSignal::Review;
    CHECK(verdict(f).unacknowledged == std::vector<std::string>{"face.chip_live"});
    CHECK(verdict(f, {{"face.chip_live", "photo_quality"}}, true).state == State::Ready);
    f.chipLive = FaceSignal::Different;
    CHECK(verdict(f).state == State::NeedsSecondOfficer);
}

TEST_CASE("a chip not genuine without a reason says unknown", "[decision_policy]") {
    auto f = test::clearFacts();
    f.chip.kind = ChipFinding::Kind::NotGenuine;
    CHECK(DecisionPolicy().evaluate(f).find("chip")->params.at("reason") == "unknown");
}

TEST_CASE("an officer's first decisions: an acknowledgement also needs a second officer", "[decision_policy]") {
    auto f = test::clearFacts();
    mismatch(f, "address");
    const std::vector<Acknowledgement> ack{{"field.address", "moved"}};
    f.officerDecisions = 3;
    CHECK(verdict(f, ack).state == State::NeedsSecondOfficer);
    CHECK(verdict(f, ack, true).state == State::Ready);
    f.officerDecisions.reset();  // unknown counts as new
    CHECK(verdict(f, ack).state == State::NeedsSecondOfficer);
    f.officerDecisions = 20;
    CHECK(verdict(f, ack).state == State::Ready);
    // Nothing acknowledged: a new officer approves a clean dossier alone.
    auto clean = test::clearFacts();
    clean.officerDecisions = 0;
    CHECK(verdict(clean).state == State::Ready);
}

TEST_CASE("without four-eyes at the office, what needs a second officer is refused", "[decision_policy]") {
    PolicyConfig single;
    single.fourEyes = false;
    auto f = test::clearFacts();
    f.portraitIdcard = FaceSignal::Different;
    CHECK(verdict(f, {}, true, single).state == State::Blocked);
    auto g = test::clearFacts();
    mismatch(g, "address");
    g.officerDecisions = 0;
    CHECK(verdict(g, {{"field.address", "moved"}}, false, single).blocking == std::vector<std::string>{"officer.new"});
}

TEST_CASE("every acknowledgeable item offers reasons; others none", "[decision_policy]") {
    for (const char* id : {"field.full_name", "field.address", "rule.guardian", "face.portrait_idcard", "face.idcard_live",
                           "live_photo", "liveness", "card"}) {
        INFO(id);
        CHECK_FALSE(DecisionPolicy::ackReasons(id).empty());
    }
    CHECK(DecisionPolicy::ackReasons("field.id_number").empty());
    CHECK(DecisionPolicy::ackReasons("lease").empty());
}
