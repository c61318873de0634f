#include "app/config_loader.h"

#include "app/xdg_paths.h"
#include "common/log.h"
#include "common/placeholders.h"
#include "print/printer.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <toml++/toml.h>

namespace bhxh::app {
namespace {

// A handler stores a value from a TOML node, or returns what was expected.
using Handler = std::function<std::optional<std::string>(const toml::node&)>;
using Section = std::map<std::string, Handler>;

Handler stringField(std::string& out, std::function<bool(const std::string&)> valid = {},
                    std::string expected = "a string") {
    return [&out, valid = std::move(valid), expected = std::move(expected)](const toml::node& node)
               -> std::optional<std::string> {
        const auto* s = node.as_string();
        if (!s || (valid && !valid(s->get()))) return expected;
        out = s->get();
        return std::nullopt;
    };
}

Handler pathField(std::filesystem::path& out) {
    return [&out](const toml::node& node) -> std::optional<std::string> {
        const auto* s = node.as_string();
        if (!s) return "a path (string)";
        out = s->get();
        return std::nullopt;
    };
}

Handler numberField(double& out, double lo, double hi) {
    return [&out, lo, hi](const toml::node& node) -> std::optional<std::string> {
        const auto value = node.value<double>();  // accepts integers too
        std::ostringstream expected;
        expected << "a number from " << lo << " to " << hi;
        // nan and inf are TOML floats: refused (every comparison with nan is false).
        if (!value || !std::isfinite(*value) || *value < lo || *value > hi ||
            (!node.is_floating_point() && !node.is_integer())) {
            return expected.str();
        }
        out = *value;
        return std::nullopt;
    };
}

Handler intField(int& out, int lo, int hi) {
    return [&out, lo, hi](const toml::node& node) -> std::optional<std::string> {
        const auto* i = node.as_integer();
        if (!i || i->get() < lo || i->get() > hi) {
            return "a whole number from " + std::to_string(lo) + " to " + std::to_string(hi);
        }
        out = static_cast<int>(i->get());
        return std::nullopt;
    };
}

// A window side in pixels, or 0 for the screen's work area.
Handler windowSideField(int& out, int lo) {
    return [&out, lo](const toml::node& node) -> std::optional<std::string> {
        const auto* i = node.as_integer();
        if (!i || (i->get() != 0 && (i->get() < lo || i->get() > 10000))) {
            return "0 (the screen's work area) or a whole number from " + std::to_string(lo) + " to 10000";
        }
        out = static_cast<int>(i->get());
        return std::nullopt;
    };
}

Handler boolField(bool& out) {
    return [&out](const toml::node& node) -> std::optional<std::string> {
        const auto* b = node.as_boolean();
        if (!b) return "true or false";
        out = b->get();
        return std::nullopt;
    };
}

Handler stringListField(std::vector<std::string>& out) {
    return [&out](const toml::node& node) -> std::optional<std::string> {
        const auto* array = node.as_array();
        if (!array || array->empty()) return "a non-empty list of strings";
        std::vector<std::string> values;
        for (const auto& item : *array) {
            const auto* s = item.as_string();
            if (!s) return "a non-empty list of strings";
            values.push_back(s->get());
        }
        out = std::move(values);
        return std::nullopt;
    };
}

// An integer (a camera index) or a string (an index or a path), stored as text.
Handler indexOrPathField(std::string& out) {
    return [&out](const toml::node& node) -> std::optional<std::string> {
        if (const auto* i = node.as_integer(); i && i->get() >= 0 && i->get() <= 999) {
            out = std::to_string(i->get());
            return std::nullopt;
        }
        const auto* s = node.as_string();
        if (!s || s->get().empty()) return "a camera index (0, 1, …) or a video file / image folder path";
        out = s->get();
        return std::nullopt;
    };
}

bool allDigits(const std::string& s, std::size_t n) {
    return s.size() == n && s.find_first_not_of("0123456789") == std::string::npos;
}

std::string where(const std::string& source, const toml::source_region& region) {
    return source + ":" + std::to_string(region.begin.line);
}

// TOML allows non-ASCII text only inside strings and comments (bare keys are A-Za-z0-9_-,
// whitespace is space and tab), and an escape (\x) is ASCII. Checked before toml++ sees the text:
// its whitespace test reaches __builtin_unreachable on some non-ASCII characters (U+00EA, U+FDBF…)
// where it looks for whitespace: outside strings, right after a backslash, and after a
// line-ending backslash in a multi-line string (all found by fuzz.parsers).
std::optional<Error> nonAsciiOutsideStrings(std::string_view text, const std::string& sourceName) {
    enum class State { Plain, Comment, Basic, Literal, MultiBasic, MultiLiteral };
    State state = State::Plain;
    const std::size_t bom = text.substr(0, 3) == "\xEF\xBB\xBF" ? 3 : 0;  // toml++ accepts a UTF-8 BOM
    const auto nonAscii = [&text](std::size_t at) { return at < text.size() && static_cast<unsigned char>(text[at]) >= 0x80; };
    const auto refuse = [&](std::size_t at, const char* what) {
        const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(at), '\n');
        return makeError("config.syntax", sourceName + ":" + std::to_string(line) + ": " + what);
    };
    // A backslash at `at` in a basic string: what follows it up to its end must be ASCII where
    // toml++ reads it as an escape or as the whitespace a line-ending backslash skips.
    const auto badEscape = [&](std::size_t at, bool multiLine) {
        std::size_t j = at + 1;
        if (multiLine) {
            while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r' || text[j] == '\n')) ++j;
        }
        return nonAscii(at + 1) || (multiLine && j > at + 1 && nonAscii(j));
    };
    for (std::size_t i = bom; i < text.size(); ++i) {
        const char c = text[i];
        const auto starts = [&](std::string_view s) { return text.substr(i, s.size()) == s; };
        if ((state == State::Basic || state == State::MultiBasic) && c == '\\' &&
            badEscape(i, state == State::MultiBasic)) {
            return refuse(i, "a backslash followed by a non-ASCII character (TOML escapes are ASCII)");
        }
        switch (state) {
        case State::Plain:
            if (static_cast<unsigned char>(c) >= 0x80) return refuse(i, "a non-ASCII character outside a string or comment");
            if (c == '#') state = State::Comment;
            else if (starts("\"\"\"")) { state = State::MultiBasic; i += 2; }
            else if (starts("'''")) { state = State::MultiLiteral; i += 2; }
            else if (c == '"') state = State::Basic;
            else if (c == '\'') state = State::Literal;
            break;
        case State::Comment:
            if (c == '\n') state = State::Plain;
            break;
        case State::Basic:
            if (c == '\\') ++i;  // an escape: the next character is part of it
            else if (c == '"' || c == '\n') state = State::Plain;
            break;
        case State::Literal:
            if (c == '\'' || c == '\n') state = State::Plain;
            break;
        case State::MultiBasic:
            if (c == '\\') ++i;
            else if (starts("\"\"\"")) { state = State::Plain; i += 2; }
            break;
        case State::MultiLiteral:
            if (starts("'''")) { state = State::Plain; i += 2; }
            break;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<std::filesystem::path> ConfigLoader::locate(const std::optional<std::filesystem::path>& explicitPath) {
    if (explicitPath) return explicitPath;
    if (const char* env = std::getenv("BHXH_DESK_CONFIG"); env && *env) return std::filesystem::path(env);
    std::error_code ec;
    for (const auto& candidate : {XdgPaths::configHome() / "bhxh-desk" / "config.toml",
                                  std::filesystem::path("/etc/bhxh-desk/config.toml")}) {
        if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    }
    return std::nullopt;
}

Result<AppConfig> ConfigLoader::loadFile(const std::filesystem::path& path) {
    // A folder (or a device, a pipe) is not a configuration: refused rather than read as empty.
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) {
        return makeError("config.unreadable", path.string() + ": no such file");
    }
    if (!std::filesystem::is_regular_file(path, ec)) {
        return makeError("config.unreadable", path.string() + ": not a regular file");
    }
    constexpr std::uintmax_t kMaxBytes = 1024u * 1024u;
    if (std::filesystem::file_size(path, ec) > kMaxBytes) {
        return makeError("config.unreadable", path.string() + ": larger than 1 MB, not a configuration file");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("config.unreadable", path.string() + ": cannot be read (does it exist?)");
    std::stringstream buffer;
    buffer << in.rdbuf();
    auto config = loadString(buffer.str(), path.string());
    if (config) config->source = path;
    return config;
}

Result<AppConfig> ConfigLoader::loadString(std::string_view text, const std::string& sourceName) {
    if (auto refused = nonAsciiOutsideStrings(text, sourceName)) return *refused;
    toml::table root;
    try {
        root = toml::parse(text, sourceName);
    } catch (const toml::parse_error& e) {
        return makeError("config.syntax", where(sourceName, e.source()) + ": " + std::string(e.description()));
    }

    AppConfig config;
    auto languageOk = [](const std::string& s) { return s == "vi" || s == "en"; };
    auto levelOk = [](const std::string& s) { log::Level l{}; return log::parseLevel(s, l); };
    // A proxy is named only here (http_proxy and the like are never used): empty, or a URL.
    auto proxyOk = [](const std::string& s) {
        return s.empty() || s.rfind("http://", 0) == 0 || s.rfind("https://", 0) == 0 || s.rfind("socks5://", 0) == 0 ||
               s.rfind("socks5h://", 0) == 0;
    };
    const std::string kProxyExpected = "empty or a proxy URL (http://, https://, socks5://, socks5h://)";
    std::map<std::string, Section> sections{
        {"desk",
         {{"office_code", stringField(config.desk.officeCode, [](const std::string& s) { return allDigits(s, 5); },
                                      "5 digits, e.g. \"07916\"")},
          {"desk_id", stringField(config.desk.deskId, [](const std::string& s) { return !s.empty() && s.size() <= 16; },
                                  "a short name, e.g. \"D01\"")},
          {"four_eyes", boolField(config.desk.fourEyes)},
          {"office_name", stringField(config.desk.officeName, [](const std::string& s) { return !s.empty() && s.size() <= 120; },
                                      "the office's name, e.g. \"BHXH Quận 6\"")}}},
        {"decision",
         {{"require_live_photo", boolField(config.decision.requireLivePhoto)},
          {"min_liveness", numberField(config.decision.minLiveness, 0.0, 1.0)},
          {"new_officer_decisions", intField(config.decision.newOfficerDecisions, 0, 100000)}}},
        {"qa",
         {{"sample_percent", intField(config.qa.samplePercent, 0, 100)},
          {"new_officer_approvals", intField(config.qa.newOfficerApprovals, 0, 100000)},
          {"new_officer_percent", intField(config.qa.newOfficerPercent, 0, 100)}}},
        {"print",
         {{"printer_uri", stringField(config.print.printerUri, print::Printer::acceptableUri,
                                      "empty or an ipp:// or ipps:// printer URI, e.g. \"ipp://192.168.1.20/ipp/print\"")},
          {"job_timeout_s", intField(config.print.jobTimeoutS, 5, 3600)}}},
        {"ui",
         {{"language", stringField(config.ui.language, languageOk, "\"vi\" or \"en\"")},
          {"font_scale", numberField(config.ui.fontScale, 0.5, 4.0)},
          {"kiosk_font_scale", numberField(config.ui.kioskFontScale, 0.5, 4.0)},
          {"font_size_px", numberField(config.ui.fontSizePx, 8.0, 64.0)},
          {"font_families", stringListField(config.ui.fontFamilies)},
          {"font_file", stringField(config.ui.fontFile)},
          {"window_width", windowSideField(config.ui.windowWidth, 640)},
          {"window_height", windowSideField(config.ui.windowHeight, 480)},
          {"kiosk", boolField(config.ui.kiosk)}}},
        {"paths",
         {{"data_dir", pathField(config.paths.dataDir)},
          {"log_dir", pathField(config.paths.logDir)},
          {"assets_dir", pathField(config.paths.assetsDir)}}},
        {"log",
         {{"level", stringField(config.log.level, levelOk, "one of debug, info, warn, error")},
          {"max_file_mb", intField(config.log.maxFileMb, 1, 1024)},
          {"max_files", intField(config.log.maxFiles, 1, 100)},
          {"ring_lines", intField(config.log.ringLines, 10, 100000)}}},
        {"face",
         {{"models_dir", pathField(config.face.modelsDir)},
          {"same_at_or_above", numberField(config.face.sameAtOrAbove, -1.0, 1.0)},
          {"different_below", numberField(config.face.differentBelow, -1.0, 1.0)},
          {"min_face_px", intField(config.face.minFacePx, 8, 1000)},
          {"max_image_side", intField(config.face.maxImageSide, 320, 10000)},
          {"max_image_mb", intField(config.face.maxImageMb, 1, 200)},
          {"cache_entries", intField(config.face.cacheEntries, 0, 100000)},
          {"liveness", boolField(config.face.liveness)}}},
        {"sms",
         {{"driver", stringField(config.sms.driver, [](const std::string& s) { return s == "spool" || s == "http"; },
                                 "\"spool\" or \"http\"")},
          {"profile", stringField(config.sms.profile, [](const std::string& s) {
               return !s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789_-") == std::string::npos;
           }, "a profile name (assets/sms-profiles/<name>.json), e.g. \"esms\"")},
          {"url", stringField(config.sms.url, [](const std::string& s) { return text::checkPlaceholderSyntax(s).ok(); },
                              "a URL naming secrets as {name} (the old {{name}} is no longer read)")},
          {"sender", stringField(config.sms.sender)},
          {"spool_dir", pathField(config.sms.spoolDir)},
          {"secrets_file", pathField(config.sms.secretsFile)},
          {"ca_bundle", pathField(config.sms.caBundle)},
          {"proxy", stringField(config.sms.proxy, proxyOk, kProxyExpected)},
          {"timeout_s", intField(config.sms.timeoutSeconds, 1, 300)}}},
        {"email",
         {{"driver", stringField(config.email.driver, [](const std::string& s) { return s == "spool" || s == "smtp"; },
                                 "\"spool\" or \"smtp\"")},
          {"url", stringField(config.email.url)},
          {"from_address", stringField(config.email.fromAddress,
                                       [](const std::string& s) { return s.find('@') != std::string::npos; },
                                       "an e-mail address")},
          {"from_name", stringField(config.email.fromName)},
          {"username", stringField(config.email.username)},
          {"secrets_file", pathField(config.email.secretsFile)},
          {"spool_dir", pathField(config.email.spoolDir)},
          {"ca_bundle", pathField(config.email.caBundle)},
          {"timeout_s", intField(config.email.timeoutSeconds, 1, 300)}}},
        {"camera",
         {{"source", indexOrPathField(config.camera.source)},
          {"width", intField(config.camera.width, 0, 7680)},
          {"height", intField(config.camera.height, 0, 4320)},
          {"fps", intField(config.camera.fps, 0, 240)},
          {"retry_ms", intField(config.camera.retryMs, 50, 60000)},
          {"retry_max_ms", intField(config.camera.retryMaxMs, 50, 600000)},
          {"probe_max", intField(config.camera.probeMax, 1, 64)}}},
        {"scan",
         {{"dedup_window_ms", intField(config.scan.dedupWindowMs, 0, 600000)},
          {"wedge_max_key_gap_ms", intField(config.scan.wedgeMaxKeyGapMs, 1, 1000)},
          {"wedge_min_length", intField(config.scan.wedgeMinLength, 1, 4096)}}},
        {"portal",
         {{"base_url", stringField(config.portal.baseUrl,
                                   [](const std::string& s) { return s.rfind("https://", 0) == 0 || s.rfind("http://", 0) == 0; },
                                   "an http(s) URL")},
          {"token_file", pathField(config.portal.tokenFile)},
          {"ca_bundle", pathField(config.portal.caBundle)},
          {"proxy", stringField(config.portal.proxy, proxyOk, kProxyExpected)},
          {"connect_timeout_ms", intField(config.portal.connectTimeoutMs, 100, 120000)},
          {"timeout_ms", intField(config.portal.timeoutMs, 500, 600000)},
          {"call_timeout_ms", intField(config.portal.callTimeoutMs, 1000, 3600000)},
          {"retries", intField(config.portal.retries, 0, 10)},
          {"sync_interval_s", intField(config.portal.syncIntervalS, 5, 86400)},
          {"push_interval_s", intField(config.portal.pushIntervalS, 1, 3600)},
          {"claim_ttl_s", intField(config.portal.claimTtlS, 10, 3600)}}},
        {"chip",
         {{"enabled", boolField(config.chip.enabled)},
          {"reader", stringField(config.chip.reader, [](const std::string& s) { return s.size() <= 200; })},
          {"csca_dir", pathField(config.chip.cscaDir)},
          {"card_wait_s", intField(config.chip.cardWaitS, 1, 600)}}},
        {"images", {{"max_pixels", intField(config.images.maxPixels, 1'000'000, 400'000'000)}}},
        {"audit", {{"key_file", pathField(config.audit.keyFile)}}},
        {"privacy",
         {{"retention_days", intField(config.privacy.retentionDays, 1, 3650)},
          {"idle_lock_minutes", intField(config.privacy.idleLockMinutes, 1, 240)},
          {"lockout_failures", intField(config.privacy.lockoutFailures, 3, 20)},
          {"lockout_minutes", intField(config.privacy.lockoutMinutes, 1, 1440)}}},
    };

    for (const auto& [sectionName, sectionNode] : root) {
        const std::string section(sectionName.str());
        auto known = sections.find(section);
        if (known == sections.end()) {
            return makeError("config.unknown_key", where(sourceName, sectionNode.source()) + ": unknown section [" + section + "]");
        }
        const auto* table = sectionNode.as_table();
        if (!table) {
            return makeError("config.bad_value", where(sourceName, sectionNode.source()) + ": " + section + " must be a [section]");
        }
        for (const auto& [keyName, node] : *table) {
            const std::string key(keyName.str());
            auto handler = known->second.find(key);
            if (handler == known->second.end()) {
                return makeError("config.unknown_key",
                                 where(sourceName, node.source()) + ": unknown key " + section + "." + key);
            }
            if (auto expected = handler->second(node)) {
                return makeError("config.bad_value", where(sourceName, node.source()) + ": " + section + "." + key +
                                                         " must be " + *expected);
            }
        }
    }
    config.decision.fourEyes = config.desk.fourEyes;
    if (config.face.differentBelow > config.face.sameAtOrAbove) {
        return makeError("config.bad_value", sourceName + ": face.different_below must not be above face.same_at_or_above");
    }
    return config;
}

void ConfigLoader::resolveDefaults(AppConfig& config) {
    if (config.paths.dataDir.empty()) config.paths.dataDir = XdgPaths::dataHome() / "bhxh-desk";
    if (config.paths.logDir.empty()) config.paths.logDir = XdgPaths::stateHome() / "bhxh-desk" / "log";
    if (config.sms.spoolDir.empty()) config.sms.spoolDir = config.paths.dataDir / "spool" / "sms";
    if (config.email.spoolDir.empty()) config.email.spoolDir = config.paths.dataDir / "spool" / "email";
    if (config.audit.keyFile.empty()) config.audit.keyFile = XdgPaths::configHome() / "bhxh-desk" / "audit" / "audit.key";
}

} // namespace bhxh::app
