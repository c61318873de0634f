#include "notify/secrets.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

using namespace bhxh::notify;
namespace fs = std::filesystem;

TEST_CASE("secrets file must be 0600; environment wins; errors never show values", "[notify][secrets]") {
    std::random_device rd;
    const auto file = fs::temp_directory_path() / ("bhxh-secrets-" + std::to_string(rd()));
    { std::ofstream(file) << "# eSMS keys\nAPI_KEY = AK-visible-only-here\nsecret_key=\"SK 1\"\n"; }
    ::chmod(file.c_str(), 0644);
    auto open = Secrets::load(file, "BHXH_TEST_SMS_");
    REQUIRE_FALSE(open.ok());
    CHECK(open.error().message.find("chmod 600") != std::string::npos);

    ::chmod(file.c_str(), 0600);
    ::setenv("BHXH_TEST_SMS_SECRET_KEY", "from-env", 1);
    auto ok = Secrets::load(file, "BHXH_TEST_SMS_");
    ::unsetenv("BHXH_TEST_SMS_SECRET_KEY");
    REQUIRE(ok.ok());
    CHECK(ok->at("api_key") == "AK-visible-only-here");
    CHECK(ok->at("secret_key") == "from-env");

    { std::ofstream(file) << "no equals sign AK-visible-only-here\n"; }
    auto bad = Secrets::load(file, "");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("line 1") != std::string::npos);
    CHECK(bad.error().message.find("AK-visible") == std::string::npos);
    fs::remove(file);
}
