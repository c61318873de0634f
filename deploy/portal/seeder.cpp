#include "seeder.h"

#include "common/unicode_text.h"
#include "seed_lists.h"
#include "time_util.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace portal {

namespace {
constexpr std::int64_t kDay = 86400;

std::string pad(int value, int width) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%0*d", width, value);
    return buf;
}

template <class Span>
auto pick(std::mt19937_64& rng, const Span& span) {
    return span[static_cast<std::size_t>(rng() % span.size())];
}

int daysInMonth(int y, int m) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : kDays[m - 1];
}
} // namespace

Seeder::Seeder(std::string officeCode, std::uint64_t seedValue, std::int64_t nowSeconds, std::int64_t nearExpirySeconds)
    : m_office(std::move(officeCode)), m_now(nowSeconds), m_nearExpiry(nearExpirySeconds), m_rng(seedValue) {
    m_currentYear = std::stoi(isoDate(nowSeconds).substr(0, 4));
}

std::string Seeder::digits(int count) {
    std::string out;
    for (int i = 0; i < count; ++i) out.push_back(static_cast<char>('0' + below(10)));
    return out;
}

std::string Seeder::makePhone() {
    return std::string(pick(m_rng, lists::mobilePrefixes())) + digits(7);
}

std::string Seeder::makeEmail(const Person& p, int serial) {
    // "Nguyễn Thành Biên" → "biennt": given name + initials, as Vietnamese addresses often are.
    const std::string folded = bhxh::text::foldForSearch(p.fullName);
    std::vector<std::string> words;
    std::string word;
    for (char c : folded + " ") {
        if (c == ' ') {
            if (!word.empty()) words.push_back(word);
            word.clear();
        } else if (std::isalnum(static_cast<unsigned char>(c))) {
            word.push_back(c);
        }
    }
    std::string local = words.empty() ? "nguoidan" : words.back();
    for (std::size_t i = 0; i + 1 < words.size(); ++i) local.push_back(words[i][0]);
    return local + std::to_string(serial % 100) + "@example.vn";
}

Person Seeder::makePerson(int birthYear, bool male, const std::string& familyName) {
    Person p;
    p.male = male;
    p.birthYear = birthYear;
    p.birthMonth = static_cast<int>(below(12)) + 1;
    p.birthDay = static_cast<int>(below(static_cast<std::uint64_t>(daysInMonth(birthYear, p.birthMonth)))) + 1;
    const std::string family = familyName.empty() ? std::string(pick(m_rng, lists::familyNames())) : familyName;
    p.fullName = bhxh::text::nfc(family + " " + std::string(pick(m_rng, lists::middleNames(male))) + " " +
                           std::string(pick(m_rng, lists::givenNames(male))));
    const auto province = pick(m_rng, lists::birthProvinces());
    p.birthProvince = std::string(province.name);
    // CCCD: province of birth, century/gender digit, two year digits, six random digits.
    const int century = (birthYear / 100) - 19; // 1900s → 0, 2000s → 1
    const int genderDigit = century * 2 + (male ? 0 : 1);
    p.idNumber = std::string(province.code) + std::to_string(genderDigit) + pad(birthYear % 100, 2) + digits(6);
    if (birthYear < 1998) p.oldCmnd = "02" + digits(7);
    p.bhxhCode = "79" + digits(8);
    const auto district = lists::districtFor(m_office);
    const auto ward = pick(m_rng, district.wards);
    p.wardCode = std::string(ward.code);
    p.addressDetail = std::to_string(below(480) + 1) + (chance(30) ? "/" + std::to_string(below(40) + 1) : "") +
                      " " + std::string(pick(m_rng, district.streets));
    p.addressText = p.addressDetail + ", " + std::string(ward.name) + ", " + std::string(district.name) + ", " +
                    std::string(district.provinceName);
    p.phone = makePhone();
    const int issueYear = std::max(birthYear + 14, 2021) + static_cast<int>(below(3));
    p.cardIssued = pad(static_cast<int>(below(28)) + 1, 2) + pad(static_cast<int>(below(12)) + 1, 2) +
                   std::to_string(std::min(issueYear, m_currentYear));
    return p;
}

std::vector<SeedDeclaration> Seeder::generate(int n) {
    std::vector<SeedDeclaration> out;
    out.reserve(static_cast<std::size_t>(std::max(n, 0)));
    const auto district = lists::districtFor(m_office);
    // Submission times: spread over the last 20 days, ascending with the dossier number.
    // Their own generator, so the i-th person is the same whatever n is.
    std::mt19937_64 timeRng(m_rng() ^ 0x9e3779b97f4a7c15ULL);
    auto timeBelow = [&timeRng](std::int64_t bound) { return static_cast<std::int64_t>(timeRng() % static_cast<std::uint64_t>(bound)); };
    std::vector<std::int64_t> ages;
    for (int i = 0; i < n; ++i) {
        const std::int64_t bucket = timeBelow(100);
        std::int64_t age;
        if (bucket < 10) age = 11 * kDay + timeBelow(9 * kDay);                 // expired
        else if (bucket < 22) {                                                 // near expiry
            const std::int64_t spread = timeBelow(kDay - 7200);
            age = m_nearExpiry > 0 ? 10 * kDay - m_nearExpiry : 9 * kDay + 3600 + spread;
        }
        else age = 600 + timeBelow(8 * kDay);
        ages.push_back(age);
    }
    std::sort(ages.begin(), ages.end(), std::greater<>());
    std::vector<std::string> accountPhones;
    for (int i = 0; i < n; ++i) {
        SeedDeclaration d;
        d.submittedAt = m_now - ages[static_cast<std::size_t>(i)];
        d.expiresAt = d.submittedAt + 10 * kDay;
        d.status = d.expiresAt <= m_now ? "expired" : "pending";
        d.dossierNo = m_office + "-" + isoDate(d.submittedAt).substr(0, 4) + "-" + pad(i + 1, 6);
        const int roll = static_cast<int>(below(100));
        d.request = roll < 75 ? "register" : roll < 90 ? "adjust" : "stop";
        const bool minor = d.request == "register" && chance(18);
        d.kind = minor ? "minor_via_guardian" : "individual";
        const bool male = chance(50);
        if (minor) {
            const bool guardianMale = chance(50);
            d.guardian = makePerson(m_currentYear - 25 - static_cast<int>(below(25)), guardianMale, "");
            const std::string family = d.guardian->fullName.substr(0, d.guardian->fullName.find(' '));
            d.citizen = makePerson(m_currentYear - 1 - static_cast<int>(below(13)), male, family);
            d.citizen.phone = d.guardian->phone; // a child's account is reached through the guardian
            d.citizen.addressDetail = d.guardian->addressDetail;
            d.citizen.addressText = d.guardian->addressText;
            d.citizen.wardCode = d.guardian->wardCode;
            d.citizen.oldCmnd.clear();
        } else {
            const int age = chance(15) ? 18 + static_cast<int>(below(7)) : 25 + static_cast<int>(below(55));
            d.citizen = makePerson(m_currentYear - age, male, "");
        }
        Person& c = d.citizen;
        const Person& contact = d.guardian ? *d.guardian : c;
        if (chance(70)) c.email = makeEmail(contact, i + 1);
        d.accountExists = d.request != "register";
        if (d.accountExists) {
            accountPhones.push_back(c.phone);
        } else if (!d.guardian && !accountPhones.empty() && chance(6)) {
            // A few declarations give a phone another account already has: the desk's
            // contact-check catches it and the clerk rejects with phone_in_use.
            c.phone = accountPhones[static_cast<std::size_t>(below(accountPhones.size()))];
        }

        nlohmann::json adjust = nullptr, stop = nullptr;
        if (d.request == "adjust") {
            adjust = nlohmann::json::object();
            const int what = static_cast<int>(below(3));
            if (what != 1) adjust["phone"] = makePhone();
            if (what != 0) adjust["email"] = makeEmail(c, i + 51);
            if (chance(20)) {
                adjust["cert_no"] = "54" + digits(14);
                adjust["cert_issuer"] = "VNPT-CA";
                adjust["cert_valid_from"] = isoDate(m_now - 30 * kDay);
                adjust["cert_valid_to"] = isoDate(m_now + 3 * 365 * kDay);
            }
        } else if (d.request == "stop") {
            stop = {{"from_date", isoDate(m_now + static_cast<std::int64_t>(below(20) + 1) * kDay)},
                    {"reason", chance(50) ? "Không còn nhu cầu sử dụng tài khoản giao dịch điện tử"
                                          : "Chuyển nơi cư trú ra nước ngoài"}};
        }
        nlohmann::json guardian = nullptr;
        if (d.guardian) {
            guardian = {{"bhxh_code", d.guardian->bhxhCode},
                        {"full_name", d.guardian->fullName},
                        {"id_number", d.guardian->idNumber}};
        }
        const bool ivan = chance(10);
        d.doc = {
            {"dossier_no", d.dossierNo},
            {"form", "TK01"},
            {"request", d.request},
            {"adjust", adjust},
            {"stop", stop},
            {"kind", d.kind},
            {"office_code", m_office},
            {"channel", chance(60) ? "vssid" : "web"},
            {"full_name", c.fullName},
            {"bhxh_code", c.bhxhCode},
            {"id_number", c.idNumber},
            {"date_of_birth", std::to_string(c.birthYear) + "-" + pad(c.birthMonth, 2) + "-" + pad(c.birthDay, 2)},
            {"gender", c.male ? "male" : "female"},
            {"address", {{"province_code", m_office.substr(1, 2)},
                         {"district_code", std::string(district.districtCode)},
                         {"ward_code", c.wardCode},
                         {"detail", c.addressDetail},
                         {"text", c.addressText}}},
            {"contact_person", contact.fullName},
            {"email", c.email.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.email)},
            {"phone", c.phone},
            {"transact_at", ivan ? "ivan" : "portal"},
            {"ivan_name", ivan ? nlohmann::json("Công ty Cổ phần T-VAN Ví Dụ") : nlohmann::json(nullptr)},
            {"submission", chance(85) ? "at_office" : "postal"},
            {"guardian", guardian},
        };
        out.push_back(std::move(d));
    }
    return out;
}

} // namespace portal
