#pragma once
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace portal {

/// A fictional citizen: everything a CCCD, a BHYT card and a Form 01 say about them.
struct Person {
    std::string fullName;
    bool male = true;
    int birthYear = 1990, birthMonth = 1, birthDay = 1;
    std::string idNumber;   // CCCD, 12 digits, consistent with birth province, year and gender
    std::string oldCmnd;    // 9 digits for people who had the old card, else empty
    std::string bhxhCode;   // 10 digits
    std::string birthProvince;
    std::string wardCode, addressDetail, addressText;
    std::string phone, email;
    std::string cardIssued; // CCCD issue date, ddMMyyyy
};

/// One seeded declaration, before the store turns it into rows.
struct SeedDeclaration {
    std::string dossierNo, request, kind, status;
    Person citizen;
    std::optional<Person> guardian;
    std::int64_t submittedAt = 0, expiresAt = 0; // epoch seconds
    bool accountExists = false;                  // adjust/stop: the account the request changes
    nlohmann::json doc;                          // the contract's fields that never change
};

/// Deterministic fictional declarations for one office: the same seed value always gives
/// the same people; only the timestamps follow the clock (so "near expiry" stays near).
class Seeder {
public:
    /// nearExpirySeconds > 0: the "near expiry" group expires that many seconds after now
    /// (for the demo and tests); otherwise it expires at some time within the next day.
    Seeder(std::string officeCode, std::uint64_t seedValue, std::int64_t nowSeconds, std::int64_t nearExpirySeconds = 0);
    /// n declarations, numbered from 1 in submission order.
    std::vector<SeedDeclaration> generate(int n);

private:
    std::uint64_t below(std::uint64_t n) { return m_rng() % n; }
    bool chance(int percent) { return below(100) < static_cast<std::uint64_t>(percent); }
    std::string digits(int count);
    Person makePerson(int birthYear, bool male, const std::string& familyName);
    std::string makeEmail(const Person& p, int serial);
    std::string makePhone();

    std::string m_office;
    std::int64_t m_now;
    std::int64_t m_nearExpiry;
    int m_currentYear;
    std::mt19937_64 m_rng;
};

} // namespace portal
