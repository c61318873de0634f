#include "app/log_setup.h"
#include "common/log.h"

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <regex>
#include <spdlog/spdlog.h>
#include <sstream>

TEST_CASE("Log lines reach the file and the ring buffer masked", "[app][log]") {
    const auto dir = std::filesystem::temp_directory_path() / ("bhxh-log-test-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    bhxh::app::AppConfig::Log config;
    auto setup = bhxh::app::LogSetup::start(config, dir);
    REQUIRE(setup.ok());

    bhxh::log::info("matched card 079090001234 phone 0983 847 986 bhxh 0113098765");
    spdlog::warn("direct spdlog call with password=hunter2 and 025123456");
    spdlog::default_logger()->flush();

    const auto lines = setup->recentLines();
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].find("*********234") != std::string::npos);

    std::ifstream in(setup->file());
    std::stringstream content;
    content << in.rdbuf();
    const std::string text = content.str();
    CHECK(text.find("matched card") != std::string::npos);
    CHECK(text.find("direct spdlog call") != std::string::npos);
    for (const char* secret : {"079090001234", "0983 847 986", "0113098765", "hunter2", "025123456"}) {
        INFO(secret);
        CHECK(text.find(secret) == std::string::npos);
    }
    bhxh::log::setSink({});
    spdlog::drop_all();
    std::filesystem::remove_all(dir);
}
