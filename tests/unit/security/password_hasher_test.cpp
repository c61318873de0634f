#include "security/officer.h"
#include "security/password_hasher.h"

#include <catch2/catch.hpp>

using bhxh::security::PasswordCost;
using bhxh::security::PasswordHasher;

TEST_CASE("PasswordHasher: argon2id string that verifies the right password only", "[security][hasher]") {
    const PasswordHasher hasher(PasswordCost::minimal());
    auto hash = hasher.hash("mật khẩu đúng 123");
    REQUIRE(hash.ok());
    CHECK(hash->rfind("$argon2id$", 0) == 0);
    CHECK(hash->find("mật") == std::string::npos);
    CHECK(hasher.verify(*hash, "mật khẩu đúng 123"));
    CHECK_FALSE(hasher.verify(*hash, "mật khẩu đúng 124"));
    CHECK_FALSE(hasher.verify(*hash, ""));
    // Salted: the same password hashes differently each time.
    auto again = hasher.hash("mật khẩu đúng 123");
    REQUIRE(again.ok());
    CHECK(*again != *hash);
}

TEST_CASE("PasswordHasher: a hash made at the default cost verifies with a cheap hasher", "[security][hasher]") {
    const PasswordHasher strong;  // INTERACTIVE
    auto hash = strong.hash("correct horse battery");
    REQUIRE(hash.ok());
    CHECK(PasswordHasher(PasswordCost::minimal()).verify(*hash, "correct horse battery"));
}

TEST_CASE("PasswordHasher: short, huge and malformed inputs", "[security][hasher]") {
    const PasswordHasher hasher(PasswordCost::minimal());
    auto shortOne = hasher.hash("1234567");
    REQUIRE_FALSE(shortOne.ok());
    CHECK(shortOne.error().code == "security.weak_password");
    CHECK(shortOne.error().message.find("at least 8 characters") != std::string::npos);
    CHECK(shortOne.error().message.find("1234567") == std::string::npos);
    // Eight characters of Vietnamese are more than eight bytes; characters are what count.
    CHECK_FALSE(hasher.hash("đđđđđđđ").ok());
    CHECK(hasher.hash("đđđđđđđđ").ok());
    CHECK_FALSE(hasher.hash(std::string(PasswordHasher::kMaxBytes + 1, 'a')).ok());
    CHECK_FALSE(hasher.verify("not a hash", "whatever123"));
    CHECK_FALSE(hasher.verify("", "whatever123"));
}

TEST_CASE("PasswordHasher::wipe clears the whole buffer", "[security][hasher]") {
    std::string secret = "a long secret that is not in the small-string buffer";
    const char* data = secret.data();
    const std::size_t capacity = secret.capacity();
    PasswordHasher::wipe(secret);
    CHECK(secret.empty());
    CHECK(secret.data() == data);  // same buffer, so the check below reads the old bytes
    for (std::size_t i = 0; i < capacity; ++i) CHECK(data[i] == '\0');
}

TEST_CASE("Officer ids and display names", "[security][officer]") {
    using bhxh::security::validateDisplayName;
    using bhxh::security::validateOfficerId;
    CHECK(validateOfficerId("q6.nguyenvana").ok());
    CHECK(validateOfficerId("admin_1-x").ok());
    CHECK_FALSE(validateOfficerId("").ok());
    CHECK_FALSE(validateOfficerId(".hidden").ok());
    CHECK_FALSE(validateOfficerId("Q6.NguyenVanA").ok());
    CHECK_FALSE(validateOfficerId("a b").ok());
    CHECK_FALSE(validateOfficerId("../etc").ok());
    CHECK_FALSE(validateOfficerId(std::string(65, 'a')).ok());
    CHECK(validateDisplayName("Nguyễn Văn A").ok());
    CHECK_FALSE(validateDisplayName("").ok());
    CHECK_FALSE(validateDisplayName("tab\there").ok());
    CHECK_FALSE(validateDisplayName("\xff\xfe").ok());
}
