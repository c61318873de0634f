#include "app/settings_overlay.h"

#include "face/score_band.h"
#include "print/printer.h"

#include <algorithm>
#include <cmath>
#include <charconv>
#include <sstream>

namespace bhxh::app {
namespace {

std::string trimmed(const std::string& text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string::npos) return {};
    return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

std::optional<double> parseNumber(std::string text) {
    text = trimmed(text);
    std::replace(text.begin(), text.end(), ',', '.');
    double value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars reads "nan" and "inf" too: refused like any other non-number.
    if (text.empty() || ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

std::optional<int> parseInt(const std::string& raw) {
    const std::string text = trimmed(raw);
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
    return value;
}

std::string numberText(double v) {
    std::ostringstream out;
    out << v;
    return out.str();
}

// Sets one key on config; checks only the value itself (the face pair is checked afterwards).
Result<void> setOne(AppConfig& config, const std::string& key, const std::string& value) {
    if (key == SettingsOverlay::kRetentionDays) {
        const auto days = parseInt(value);
        if (!days || *days < 1 || *days > 3650) {
            return makeError("settings.error.retention_days", "privacy.retention_days must be a whole number from 1 to 3650");
        }
        config.privacy.retentionDays = *days;
        return {};
    }
    if (key == SettingsOverlay::kFaceSame || key == SettingsOverlay::kFaceDifferent) {
        const auto cut = parseNumber(value);
        if (!cut || *cut < -1.0 || *cut > 1.0) {
            return makeError("settings.error.face_range", key + " must be a number from -1 to 1");
        }
        (key == SettingsOverlay::kFaceSame ? config.face.sameAtOrAbove : config.face.differentBelow) = *cut;
        return {};
    }
    if (key == SettingsOverlay::kCameraSource) {
        const std::string source = trimmed(value);
        if (source.empty()) {
            return makeError("settings.error.camera_source", "camera.source must be a camera index or a video file / image folder");
        }
        config.camera.source = source;
        return {};
    }
    if (key == SettingsOverlay::kPrinterUri) {
        const std::string uri = trimmed(value);
        if (!print::Printer::acceptableUri(uri)) {
            return makeError("settings.error.printer_uri", "print.printer_uri must be empty or an ipp:// or ipps:// URI");
        }
        config.print.printerUri = uri;
        return {};
    }
    return makeError("settings.error.unknown_key", key + " cannot be changed in the console");
}

} // namespace

const std::vector<std::string>& SettingsOverlay::keys() {
    static const std::vector<std::string> all{kCameraSource, kFaceSame, kFaceDifferent, kRetentionDays, kPrinterUri};
    return all;
}

std::string SettingsOverlay::valueOf(const AppConfig& config, const std::string& key) {
    if (key == kRetentionDays) return std::to_string(config.privacy.retentionDays);
    if (key == kFaceSame) return numberText(config.face.sameAtOrAbove);
    if (key == kFaceDifferent) return numberText(config.face.differentBelow);
    if (key == kCameraSource) return config.camera.source;
    if (key == kPrinterUri) return config.print.printerUri;
    return {};
}

Result<void> SettingsOverlay::apply(AppConfig& config, const std::map<std::string, std::string>& changes) {
    AppConfig changed = config;
    for (const auto& [key, value] : changes) {
        if (auto ok = setOne(changed, key, value); !ok) return ok.error();
    }
    if (face::BandPolicy::validate({changed.face.sameAtOrAbove, changed.face.differentBelow})) {
        return makeError("settings.error.face_order", "face.different_below must not be above face.same_at_or_above");
    }
    config = std::move(changed);
    return {};
}

std::vector<std::string> SettingsOverlay::applyStored(AppConfig& config, const std::map<std::string, std::string>& stored) {
    // Values that are bad on their own (or keys this version does not know) are skipped…
    std::vector<std::string> skipped;
    std::map<std::string, std::string> usable;
    for (const auto& [key, value] : stored) {
        if (isOfficerPreference(key)) continue;  // not configuration
        AppConfig scratch = config;
        if (auto ok = setOne(scratch, key, value); !ok) {
            skipped.push_back("setting " + key + " stored in the console was skipped: " + ok.error().message);
        } else {
            usable[key] = value;
        }
    }
    // …and cut-offs that no longer fit with the file's other cut-off leave both as the file has them.
    if (auto ok = apply(config, usable); !ok) {
        skipped.push_back("face cut-offs stored in the console were skipped: " + ok.error().message);
        usable.erase(kFaceSame);
        usable.erase(kFaceDifferent);
        (void)apply(config, usable);
    }
    return skipped;
}

} // namespace bhxh::app
