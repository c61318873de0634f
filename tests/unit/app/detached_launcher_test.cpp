// DetachedLauncher with real processes: a "viewer" that never exits does not hold the caller,
// and a program that is not installed is a clear error.
#include "app/detached_launcher.h"

#include "temp_folder.h"

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <fstream>
#include <thread>

using namespace std::chrono_literals;

TEST_CASE("a viewer that never exits does not hold the desk", "[launcher]") {
    bhxh::test::TempFolder dir("bhxh-launcher-");
    const auto viewer = dir.path() / "slow-viewer";
    const auto marker = dir.path() / "opened";
    {
        std::ofstream out(viewer);
        // Writes its argument where the test can see it, then stays open like a PDF viewer.
        out << "#!/bin/sh\necho $$ > '" << marker.string() << ".pid'\nprintf '%s' \"$1\" > '" << marker.string()
            << "'\nexec sleep 120\n";
    }
    std::filesystem::permissions(viewer, std::filesystem::perms::owner_all);
    const auto start = std::chrono::steady_clock::now();
    auto launched = bhxh::app::DetachedLauncher::launch(viewer.string(), {"/tmp/a receipt; $(x).pdf"});
    const auto took = std::chrono::steady_clock::now() - start;
    REQUIRE(launched.ok());
    CHECK(took < 5s);  // the viewer runs for 120 s
    const auto until = std::chrono::steady_clock::now() + 10s;
    while (!std::filesystem::exists(marker) && std::chrono::steady_clock::now() < until) std::this_thread::sleep_for(20ms);
    std::this_thread::sleep_for(100ms);
    std::ifstream in(marker);
    std::string arg((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(arg == "/tmp/a receipt; $(x).pdf");  // passed as one word, nothing interpreted
    std::ifstream pidFile(marker.string() + ".pid");
    int pid = 0;
    pidFile >> pid;
    REQUIRE(pid > 1);
    ::kill(pid, SIGTERM);  // the test's own viewer only
}

TEST_CASE("a viewer that is not installed is launch.missing", "[launcher]") {
    auto launched = bhxh::app::DetachedLauncher::launch("bhxh-no-such-viewer-7f3a", {"x.pdf"});
    REQUIRE_FALSE(launched.ok());
    CHECK(launched.error().code == "launch.missing");
}
