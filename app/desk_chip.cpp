#include "app/desk_chip.h"

#include "chip/cccd_bac_key.h"
#include "chip/mrz_td1.h"
#include "common/calendar_date.h"
#include "common/log.h"

#include <string_view>

namespace bhxh::app {
namespace {

/// "Nam" / "Nữ" as DG13 holds them (also "M"/"F", and the MRZ's sex), or nothing.
std::optional<idcard::Gender> genderOf(std::string_view text) {
    if (text == "Nam" || text == "M" || text == "Male") return idcard::Gender::Male;
    if (text == "Nữ" || text == "F" || text == "Female") return idcard::Gender::Female;
    return std::nullopt;
}

/// YYMMDD of a birth date: the century that does not put it in the future.
std::optional<CalendarDate> birthFromMrz(const std::string& yymmdd) {
    if (yymmdd.size() != 6) return std::nullopt;
    for (char c : yymmdd)
        if (c < '0' || c > '9') return std::nullopt;
    const int yy = std::stoi(yymmdd.substr(0, 2));
    const int mm = std::stoi(yymmdd.substr(2, 2));
    const int dd = std::stoi(yymmdd.substr(4, 2));
    const CalendarDate today = CalendarDate::todayLocal();
    auto date = CalendarDate::make(2000 + yy, mm, dd);
    if (!date || today < *date) date = CalendarDate::make(1900 + yy, mm, dd);
    return date;
}

} // namespace

DeskChip::DeskChip(const AppConfig::Chip& config) {
    if (!config.enabled) return;
    m_service = std::make_unique<ChipService>(config, config.reader);
    m_service->start();
    m_view.enabled = true;
}

DeskChip::~DeskChip() {
    if (m_service) m_service->stop();
}

const char* DeskChip::stateName(ChipService::State state) {
    switch (state) {
    case ChipService::State::NoService: return "no_service";
    case ChipService::State::NoReader: return "no_reader";
    case ChipService::State::WaitingForKey: return "waiting_for_key";
    case ChipService::State::WaitingForCard: return "waiting_for_card";
    case ChipService::State::Reading: return "reading";
    case ChipService::State::KeyRefused: return "key_refused";
    case ChipService::State::Done: return "done";
    case ChipService::State::Failed: return "failed";
    }
    return "failed";
}

std::string DeskChip::fileName(int file) {
    switch (file) {
    case 0: return "com";
    case 1: return "dg1";
    case 2: return "dg2";
    case 13: return "dg13";
    case 15: return "dg15";
    case 99: return "sod";
    default: return "";
    }
}

void DeskChip::request(std::vector<chip::BacInput> keys) {
    m_reading.reset();
    m_view.verdict.clear();
    m_view.reason.clear();
    m_view.errorCode.clear();
    m_view.comparison.reset();
    if (m_service) m_service->requestRead(std::move(keys));
}

void DeskChip::onCard(const std::optional<idcard::ParsedCard>& card) {
    if (!m_service) return;
    m_view.keyErrorKey.clear();
    m_keyNeeded = false;
    if (!card || !card->cccd) {
        m_card.reset();
        request({});
        return;
    }
    m_card = *card->cccd;
    auto derived = chip::CccdBacKey::derive(m_card->idNumber, m_card->dateOfBirth, m_card->issueDate);
    if (!derived) {
        // A card issued from the holder's 58th birthday on never expires: the clerk types the MRZ's expiry.
        m_keyNeeded = true;
        request({});
        return;
    }
    request({*derived});
}

void DeskChip::clear() {
    if (!m_service) return;
    m_card.reset();
    m_keyNeeded = false;
    m_view.keyErrorKey.clear();
    request({});
}

bool DeskChip::submitExpiry(const std::string& text) {
    if (!m_service) return false;
    const auto expiry = CalendarDate::parseSlashed(text);
    if (!expiry) {
        m_view.keyErrorKey = "chip.key.bad_expiry";
        return false;
    }
    if (!m_card) {
        m_view.keyErrorKey = "chip.key.no_card";
        return false;
    }
    auto key = chip::CccdBacKey::fromDates(m_card->idNumber, m_card->dateOfBirth, *expiry);
    if (!key) {
        m_view.keyErrorKey = "chip.key.bad_expiry";
        return false;
    }
    m_view.keyErrorKey.clear();
    m_keyNeeded = false;
    request({*key});
    return true;
}

bool DeskChip::submitMrz(const std::string& text) {
    if (!m_service) return false;
    auto mrz = chip::MrzTd1Parser::parse(text);
    if (!mrz || !mrz->documentNumberCheckOk || !mrz->birthDateCheckOk || !mrz->expiryDateCheckOk) {
        m_view.keyErrorKey = "chip.key.bad_mrz";
        return false;
    }
    m_view.keyErrorKey.clear();
    m_keyNeeded = false;
    request({{mrz->documentNumber, mrz->birthDate, mrz->expiryDate}});
    return true;
}

bool DeskChip::poll() {
    if (!m_service) return false;
    const ChipService::Snapshot s = m_service->snapshot();
    if (s.generation == m_seenGeneration) return false;
    m_seenGeneration = s.generation;
    m_view.state = m_keyNeeded && s.state == ChipService::State::WaitingForKey ? "key_needed" : stateName(s.state);
    m_view.file = s.state == ChipService::State::Reading ? fileName(s.file) : "";
    m_view.done = s.done;
    m_view.total = s.total;
    m_view.errorCode = s.error && s.state == ChipService::State::Failed ? s.error->code : "";
    if (s.reading == m_reading) return false;
    m_reading = s.reading;
    m_view.verdict.clear();
    m_view.reason.clear();
    m_view.comparison.reset();
    if (m_reading) {
        const auto& v = m_reading->verdict;
        m_view.verdict = chip::ChipVerdict::kindName(v.kind);
        m_view.reason = v.kind == chip::ChipVerdictKind::NotGenuine ? v.reason : "";
        // Never the chip's data: the verdict, its reason and the signer's fingerprint only.
        log::info("chip: read, verdict " + m_view.verdict + (m_view.reason.empty() ? "" : " (" + m_view.reason + ")") +
                  ", DS " + v.dsFingerprint.substr(0, 16));
    }
    return true;
}

void DeskChip::compareWith(const std::optional<declarations::Declaration>& declaration) {
    m_view.comparison.reset();
    if (!m_reading || !declaration) return;
    auto card = asCard(*m_reading);
    if (!card) return;
    auto comparison = declarations::compareWithCard(*declaration, *card);
    // The MRZ carries no address: not on the chip, rather than "differs".
    if (!m_reading->dg13) {
        for (auto& f : comparison.fields) {
            if (f.field == "address") {
                f.verdict = declarations::FieldVerdict::NotOnCard;
                f.onCard.clear();
            }
        }
    }
    m_view.comparison = std::move(comparison);
}

declarations::ChipFinding DeskChip::finding() const {
    using Kind = declarations::ChipFinding::Kind;
    if (!m_reading) return {};
    const auto& v = m_reading->verdict;
    switch (v.kind) {
    case chip::ChipVerdictKind::Genuine: return {Kind::Genuine, ""};
    case chip::ChipVerdictKind::ReadNotVerified: return {Kind::ReadNotVerified, ""};
    case chip::ChipVerdictKind::NotGenuine: return {Kind::NotGenuine, v.reason};
    }
    return {};
}

std::optional<idcard::ParsedCard> DeskChip::asCard(const chip::ChipReading& reading) {
    idcard::CccdCard c;
    if (reading.dg13) {
        const auto& g = *reading.dg13;
        const auto birth = CalendarDate::parseSlashed(g.birthDate);
        const auto gender = genderOf(g.gender);
        if (!birth || !gender) return std::nullopt;
        c.idNumber = g.idNumber;
        c.oldIdNumber = g.oldIdNumber;
        c.fullName = g.fullName;
        c.dateOfBirth = *birth;
        c.gender = *gender;
        c.address = g.residence;
        if (auto issue = CalendarDate::parseSlashed(g.issueDate)) c.issueDate = *issue;
    } else {
        const auto& m = reading.mrz;
        const auto birth = birthFromMrz(m.birthDate);
        const auto gender = genderOf(std::string(1, m.sex));
        if (!birth || !gender || m.optionalData1.size() != 12) return std::nullopt;
        c.idNumber = m.optionalData1;
        c.fullName = m.primaryName + (m.secondaryName.empty() ? "" : " " + m.secondaryName);
        c.dateOfBirth = *birth;
        c.gender = *gender;
    }
    idcard::ParsedCard card;
    card.kind = idcard::CardKind::Cccd;
    card.cccd = std::move(c);
    return card;
}

} // namespace bhxh::app
