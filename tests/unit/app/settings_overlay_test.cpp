#include "app/settings_overlay.h"

#include <catch2/catch.hpp>

using bhxh::app::AppConfig;
using bhxh::app::SettingsOverlay;

TEST_CASE("a change is applied only when every value is good", "[app][settings]") {
    AppConfig config;
    REQUIRE(SettingsOverlay::apply(config, {{"privacy.retention_days", "7"}, {"face.same_at_or_above", "0,55"}}));
    CHECK(config.privacy.retentionDays == 7);
    CHECK(config.face.sameAtOrAbove == Approx(0.55));  // a decimal comma, as Vietnamese clerks write it
    CHECK(SettingsOverlay::valueOf(config, "face.same_at_or_above") == "0.55");

    const AppConfig before = config;
    auto bad = SettingsOverlay::apply(config, {{"privacy.retention_days", "14"}, {"face.different_below", "abc"}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "settings.error.face_range");
    CHECK(config.privacy.retentionDays == before.privacy.retentionDays);  // the good value was not applied alone
}

TEST_CASE("the console refuses what the configuration file refuses", "[app][settings]") {
    AppConfig config;
    const std::pair<const char*, const char*> refused[] = {
        {"privacy.retention_days", "0"},    {"privacy.retention_days", "3651"}, {"privacy.retention_days", "7.5"},
        {"privacy.retention_days", ""},     {"face.same_at_or_above", "1.2"},   {"face.different_below", "-1.5"},
        {"face.same_at_or_above", "0.4x"},  {"camera.source", "   "},
        // from_chars reads these as numbers, and every range check passes a NaN (issue 18).
        {"face.same_at_or_above", "nan"},   {"face.different_below", "NaN"},   {"face.same_at_or_above", "inf"},
        {"face.different_below", "-inf"},
    };
    for (const auto& [key, value] : refused) {
        INFO(key << " = '" << value << "'");
        CHECK_FALSE(SettingsOverlay::apply(config, {{key, value}}));
    }
    auto order = SettingsOverlay::apply(config, {{"face.same_at_or_above", "0.2"}});  // below different_below 0.25
    REQUIRE_FALSE(order);
    CHECK(order.error().code == "settings.error.face_order");
    CHECK(SettingsOverlay::apply(config, {{"face.same_at_or_above", "0.2"}, {"face.different_below", "0.1"}}));
    auto unknown = SettingsOverlay::apply(config, {{"portal.base_url", "http://elsewhere"}});
    REQUIRE_FALSE(unknown);
    CHECK(unknown.error().code == "settings.error.unknown_key");
}

TEST_CASE("stored values are laid over the file's, bad ones skipped and named", "[app][settings]") {
    AppConfig config;
    auto skipped = SettingsOverlay::applyStored(config, {{"camera.source", "/srv/demo.avi"},
                                                         {"privacy.retention_days", "many"},
                                                         {"ui.theme", "dark"}});
    CHECK(config.camera.source == "/srv/demo.avi");
    CHECK(config.privacy.retentionDays == 30);
    REQUIRE(skipped.size() == 2);
    CHECK(skipped[0].find("privacy.retention_days") != std::string::npos);
    CHECK(skipped[1].find("ui.theme") != std::string::npos);

    // A stored "same" cut-off that no longer fits the file's "different" one: both stay as the file has them.
    AppConfig file;
    file.face.differentBelow = 0.4;
    auto faces = SettingsOverlay::applyStored(file, {{"face.same_at_or_above", "0.3"}, {"privacy.retention_days", "9"}});
    CHECK(file.face.sameAtOrAbove == Approx(0.48));
    CHECK(file.privacy.retentionDays == 9);
    CHECK(faces.size() == 1);
}

TEST_CASE("an officer's own preferences in the table are not configuration", "[app][settings]") {
    AppConfig config;
    const auto skipped = SettingsOverlay::applyStored(config, {{"officer.q6.an.language", "en"}, {"privacy.retention_days", "9"}});
    CHECK(skipped.empty());  // not "unknown key", and not laid over anything
    CHECK(config.privacy.retentionDays == 9);
    CHECK(SettingsOverlay::isOfficerPreference("officer.q6.an.language"));
    CHECK_FALSE(SettingsOverlay::isOfficerPreference("privacy.retention_days"));
}

TEST_CASE("the printer may be set or cleared in the console and must be ipp or ipps", "[app][settings][print]") {
    AppConfig config;
    REQUIRE(SettingsOverlay::apply(config, {{"print.printer_uri", " ipp://192.168.1.20/ipp/print "}}));
    CHECK(config.print.printerUri == "ipp://192.168.1.20/ipp/print");
    CHECK(SettingsOverlay::valueOf(config, "print.printer_uri") == "ipp://192.168.1.20/ipp/print");
    auto bad = SettingsOverlay::apply(config, {{"print.printer_uri", "http://192.168.1.20:631/"}});
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == "settings.error.printer_uri");
    CHECK(config.print.printerUri == "ipp://192.168.1.20/ipp/print");
    REQUIRE(SettingsOverlay::apply(config, {{"print.printer_uri", ""}}));  // no printer: save as PDF only
    CHECK(config.print.printerUri.empty());
    // A stored value that is no longer valid is skipped at start, like the others.
    AppConfig started;
    const auto skipped = SettingsOverlay::applyStored(started, {{"print.printer_uri", "lpt1"}});
    CHECK(skipped.size() == 1);
    CHECK(started.print.printerUri.empty());
}
