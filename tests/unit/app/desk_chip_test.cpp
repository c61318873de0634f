// DeskChip without a reader: the chip's fields as a card for the comparison's rules (DG13, else
// the MRZ), the verdict as the policy's finding, and a desk without [chip] enabled doing nothing.
#include "app/desk_chip.h"

#include <catch2/catch.hpp>

using namespace bhxh;

namespace {

chip::ChipReading readingWithDg13() {
    chip::ChipReading r;
    chip::Dg13 g;
    g.idNumber = "079190001234";
    g.fullName = "Nguyễn Văn An";
    g.birthDate = "17/05/1990";
    g.gender = "Nam";
    g.residence = "12 Lê Lợi, Quận 1";
    g.issueDate = "01/03/2021";
    r.dg13 = g;
    return r;
}

} // namespace

TEST_CASE("the chip's DG13 becomes a CCCD card for the comparison", "[desk_chip]") {
    const auto card = app::DeskChip::asCard(readingWithDg13());
    REQUIRE(card);
    REQUIRE(card->cccd);
    CHECK(card->kind == idcard::CardKind::Cccd);
    CHECK(card->cccd->idNumber == "079190001234");
    CHECK(card->cccd->fullName == "Nguyễn Văn An");
    CHECK(card->cccd->dateOfBirth.toIso() == "1990-05-17");
    CHECK(card->cccd->gender == idcard::Gender::Male);
    CHECK(card->cccd->address == "12 Lê Lợi, Quận 1");
    auto female = readingWithDg13();
    female.dg13->gender = "Nữ";
    CHECK(app::DeskChip::asCard(female)->cccd->gender == idcard::Gender::Female);
    // A DG13 whose birth date or gender cannot be read gives no card (no comparison), not a guess.
    auto bad = readingWithDg13();
    bad.dg13->birthDate = "1990-05-17";
    CHECK_FALSE(app::DeskChip::asCard(bad));
    bad = readingWithDg13();
    bad.dg13->gender = "?";
    CHECK_FALSE(app::DeskChip::asCard(bad));
}

TEST_CASE("without DG13 the chip's MRZ stands in", "[desk_chip]") {
    chip::ChipReading r;
    r.mrz.optionalData1 = "079190001234";
    r.mrz.primaryName = "NGUYEN";
    r.mrz.secondaryName = "VAN AN";
    r.mrz.birthDate = "900517";
    r.mrz.sex = 'F';
    const auto card = app::DeskChip::asCard(r);
    REQUIRE(card);
    CHECK(card->cccd->fullName == "NGUYEN VAN AN");
    CHECK(card->cccd->dateOfBirth.toIso() == "1990-05-17");
    CHECK(card->cccd->gender == idcard::Gender::Female);
    CHECK(card->cccd->address.empty());
    r.mrz.birthDate = "150101";  // 2015, not 1915
    CHECK(app::DeskChip::asCard(r)->cccd->dateOfBirth.toIso() == "2015-01-01");
    r.mrz.optionalData1 = "12345";
    CHECK_FALSE(app::DeskChip::asCard(r));
}

TEST_CASE("a desk without a reader has no chip part", "[desk_chip]") {
    app::AppConfig::Chip config;  // enabled = false
    app::DeskChip chip(config);
    CHECK_FALSE(chip.enabled());
    CHECK_FALSE(chip.view().enabled);
    chip.onCard(std::nullopt);
    CHECK_FALSE(chip.poll());
    CHECK_FALSE(chip.submitExpiry("17/05/2030"));
    CHECK(chip.finding().kind == declarations::ChipFinding::Kind::NotRead);
    CHECK(chip.reading() == nullptr);
}

TEST_CASE("the service's states and files have their lang key names", "[desk_chip]") {
    using S = app::ChipService::State;
    CHECK(std::string(app::DeskChip::stateName(S::WaitingForCard)) == "waiting_for_card");
    CHECK(std::string(app::DeskChip::stateName(S::KeyRefused)) == "key_refused");
    CHECK(std::string(app::DeskChip::stateName(S::Done)) == "done");
    CHECK(app::DeskChip::fileName(2) == "dg2");
    CHECK(app::DeskChip::fileName(99) == "sod");
    CHECK(app::DeskChip::fileName(7).empty());
}
