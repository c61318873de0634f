// bhxh-desk scan [--json] PATH...: decode the QR codes of images, image folders and video files
// and parse them as CCCD / BHYT payloads. Prints the payloads (that is its purpose); nothing of
// them goes to the log.
#include "app/commands/commands.h"
#include "common/calendar_date.h"
#include "common/unicode_text.h"
#include "idcard/card_fields.h"
#include "idcard/card_parser.h"
#include "scan/camera_probe.h"
#include "scan/qr_decoder.h"
#include "scan/source_factory.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <map>
#include <memory>

namespace bhxh::app::commands {
namespace {

struct ScanOptions {
    bool json = false;
    bool listCameras = false;
    int probeMax = 4;  // [camera] probe_max
    std::uint64_t maxImagePixels = image::kDefaultMaxPixels;  // [images] max_pixels
    std::vector<std::string> paths;
};

// One decoded (or not) image or frame, as the --json object.
nlohmann::ordered_json describeFrame(const std::string& file, std::int64_t frame, const scan::DecodeOutcome* outcome,
                                     const std::string& readError, const CalendarDate& today) {
    nlohmann::ordered_json j;
    j["file"] = file;
    j["frame"] = frame;
    j["ok"] = false;
    j["kind"] = "none";
    j["text"] = nullptr;
    j["fields"] = nlohmann::ordered_json::object();
    j["warnings"] = nlohmann::ordered_json::array();
    j["error"] = nullptr;
    j["decode_ms"] = outcome ? std::round(outcome->decodeMs * 100) / 100 : 0.0;
    if (!readError.empty()) {
        j["error"] = readError;
        return j;
    }
    if (!outcome || !outcome->detection) {
        j["error"] = "no QR code found";
        return j;
    }
    const std::string& text = outcome->detection->text;
    j["text"] = text;
    nlohmann::ordered_json corners = nlohmann::ordered_json::array();
    for (const auto& p : outcome->detection->corners) corners.push_back({std::round(double(p.x) * 10) / 10, std::round(double(p.y) * 10) / 10});
    auto parsed = idcard::parseCard(text, today);
    if (!parsed) {
        j["kind"] = std::string(idcard::cardKindName(idcard::classifyPayload(text)));
        j["error"] = parsed.error().message;
        j["corners"] = corners;
        return j;
    }
    j["ok"] = true;
    j["kind"] = std::string(idcard::cardKindName(parsed->kind));
    for (const auto& [name, value] : idcard::cardFields(*parsed)) j["fields"][name] = value;
    for (const auto& w : parsed->warnings) j["warnings"].push_back({{"code", w.key()}, {"message", w.describe()}});
    j["corners"] = corners;
    return j;
}

// The text form: a QR payload (or a file name) may carry escape sequences meant for the
// terminal; every control character is printed escaped. (--json escapes them as JSON does.)
void printReadable(const nlohmann::ordered_json& j) {
    const auto safe = [](const nlohmann::ordered_json& v) { return text::escapeForTerminal(v.get<std::string>()); };
    std::cout << safe(j["file"]) << '#' << j["frame"].get<std::int64_t>() << ": ";
    if (j["text"].is_null()) {
        std::cout << "- " << safe(j["error"]) << '\n';
        return;
    }
    std::cout << j["kind"].get<std::string>() << (j["ok"].get<bool>() ? "" : " (invalid)") << " "
              << safe(j["text"]) << "  [" << j["decode_ms"].get<double>() << " ms]\n";
    if (!j["error"].is_null()) std::cout << "  error: " << safe(j["error"]) << '\n';
    for (const auto& w : j["warnings"]) std::cout << "  warning: " << safe(w["message"]) << '\n';
}

int runScan(const ScanOptions& options) {
    if (options.listCameras) {
        const auto cameras = scan::CameraProbe::enumerate(options.probeMax);
        for (const auto& c : cameras) std::cout << "camera " << c.index << ": " << c.width << "x" << c.height << '\n';
        std::cerr << "scan: " << cameras.size() << " camera(s) found\n";
        return kExitOk;
    }
    const scan::QrDecoder decoder;
    const CalendarDate today = CalendarDate::todayLocal();
    int exitCode = kExitOk;
    std::size_t frames = 0, decoded = 0, invalid = 0;
    std::map<std::string, std::size_t> kinds;
    std::vector<double> times;

    for (const auto& path : options.paths) {
        if (scan::SourceFactory::isCameraIndex(path)) {
            std::cerr << "bhxh-desk scan: " << path << ": cameras are read by the console, not by this command\n";
            exitCode = kExitFailure;
            continue;
        }
        scan::CameraSettings settings;
        settings.maxImagePixels = options.maxImagePixels;
        auto source = scan::SourceFactory::fromSpec(path, settings);
        if (source) {
            if (auto opened = (*source)->open(); !opened) source = opened.error();
        }
        if (!source) {
            std::cerr << "bhxh-desk scan: " << text::escapeForTerminal(source.error().message) << '\n';
            exitCode = kExitFailure;
            continue;
        }
        for (std::int64_t position = 0;; ++position) {
            scan::ReadResult r = (*source)->read();
            if (r.status == scan::ReadStatus::EndOfStream) break;
            ++frames;
            nlohmann::ordered_json j;
            if (r.status == scan::ReadStatus::Failed) {
                // A broken file inside a folder is reported and the folder goes on.
                const std::string file = r.frame.origin.empty() ? path : r.frame.origin;
                j = describeFrame(file, file == path ? position : 0, nullptr, r.error, today);
                if (file == path) {  // the argument itself (a single image) is unreadable
                    std::cerr << "bhxh-desk scan: " << text::escapeForTerminal(r.error) << '\n';
                    exitCode = kExitFailure;
                }
            } else {
                const auto outcome = decoder.decode(r.frame.image);
                times.push_back(outcome.decodeMs);
                const bool folder = r.frame.origin != path;
                j = describeFrame(folder ? r.frame.origin : path, folder ? 0 : r.frame.index, &outcome, "", today);
            }
            if (!j["text"].is_null()) {
                ++decoded;
                ++kinds[j["kind"].get<std::string>()];
                if (!j["ok"].get<bool>()) ++invalid;
            }
            if (options.json) {
                std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
            } else {
                printReadable(j);
            }
        }
        (*source)->close();
    }
    std::sort(times.begin(), times.end());
    const double median = times.empty() ? 0.0 : times[times.size() / 2];
    std::cerr << "scan: " << frames << " image(s)/frame(s), " << decoded << " with a QR code (cccd " << kinds["cccd"]
              << ", bhyt " << kinds["bhyt"] << ", unknown " << kinds["unknown"] << "), " << invalid
              << " invalid, median decode " << std::round(median * 10) / 10 << " ms\n";
    std::cout.flush();
    return exitCode;
}

} // namespace

void addScanCommand(CLI::App& cli, CommandEnv& env) {
    auto options = std::make_shared<ScanOptions>();
    CLI::App* scanCmd = cli.add_subcommand("scan", "Decode the QR codes of images, image folders and video files "
                                                   "and parse them as CCCD / BHYT cards");
    scanCmd->add_flag("--json", options->json, "One JSON object per image or frame on stdout");
    scanCmd->add_flag("--list-cameras", options->listCameras, "List the cameras that answer ([camera] probe_max indices)");
    scanCmd->add_option("paths", options->paths, "Images, folders of images, or video files");
    scanCmd->final_callback([&env, options] {
        env.markCommandRan();
        if (!options->listCameras && options->paths.empty()) {
            std::cerr << "bhxh-desk scan: give at least one image, folder or video file\n";
            env.setExitCode(kExitUsage);
            return;
        }
        const AppConfig* config = env.config();  // probe_max, and the pixel limit of still images
        if (!config) return;
        options->probeMax = config->camera.probeMax;
        options->maxImagePixels = static_cast<std::uint64_t>(config->images.maxPixels);
        env.setExitCode(runScan(*options));
    });
}

} // namespace bhxh::app::commands
