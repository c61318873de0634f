// bhxh-desk face-compare / face-eval: score two photos, or evaluate the face pipeline on a
// labelled folder (all pairs, clean and degraded) to calibrate the bands in [face].
#include "app/commands/commands.h"
#include "app/face_setup.h"

#include "face/adapters/cv_face_matcher.h"
#include "face/adapters/face_models.h"
#include "face/adapters/image_degrader.h"
#include "face/face_comparison.h"
#include "face/roc_metrics.h"

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bhxh::app::commands {
namespace {

using Clock = std::chrono::steady_clock;

double msSince(Clock::time_point t0) {
    return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

void fail(CommandEnv& env, bool json, const Error& e) {
    if (json) {
        std::cout << nlohmann::json{{"error", e.code}, {"message", e.message}}.dump() << '\n';
    } else {
        std::cerr << "bhxh-desk: " << e.message << '\n';
    }
    env.setExitCode(kExitFailure);
}

Result<std::vector<std::uint8_t>> readFile(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("face.unreadable_file", path.string() + ": cannot be read (does it exist?)");
    return std::vector<std::uint8_t>((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

struct CompareArgs {
    bool json = false;
    bool rotateB = false;
    std::string a, b;
};

void runCompare(CommandEnv& env, const CompareArgs& args) {
    env.markCommandRan();
    const AppConfig* c = env.config();
    if (!c) return;
    auto matcher = face::CvFaceMatcher::load(FaceSetup::modelsDir(*c), FaceSetup::options(*c));
    if (!matcher) return fail(env, args.json, matcher.error());
    const auto t0 = Clock::now();
    auto a = (*matcher)->analyzeFile(args.a, {});
    if (!a) return fail(env, args.json, a.error());
    face::AnalyzeOptions optionsB;
    optionsB.tryRotations = args.rotateB;
    auto b = (*matcher)->analyzeFile(args.b, optionsB);
    if (!b) return fail(env, args.json, b.error());
    const auto pair = face::comparePair("a-b", *a, *b, FaceSetup::policy(*c));
    const double ms = msSince(t0);
    if (args.json) {
        nlohmann::json j;
        j["score"] = pair.score ? nlohmann::json(std::round(*pair.score * 10000.0) / 10000.0) : nlohmann::json(nullptr);
        j["band"] = std::string(face::bandName(pair.band));
        j["faces_a"] = pair.facesA;
        j["faces_b"] = pair.facesB;
        j["ms"] = std::round(ms * 10.0) / 10.0;
        j["notes"] = pair.notes;
        j["thresholds"] = {{"same_at_or_above", c->face.sameAtOrAbove}, {"different_below", c->face.differentBelow}};
        std::cout << j.dump() << '\n';
        return;
    }
    std::cout << "score:  " << (pair.score ? std::to_string(*pair.score) : std::string("-")) << '\n'
              << "band:   " << face::bandName(pair.band) << "  (same ≥ " << c->face.sameAtOrAbove << ", different < "
              << c->face.differentBelow << ")\n"
              << "faces:  " << pair.facesA << " / " << pair.facesB << '\n';
    for (const auto& note : pair.notes) std::cout << "note:   " << note << '\n';
    std::cout << "time:   " << std::fixed << std::setprecision(1) << ms << " ms\n";
}

struct EvalArgs {
    bool json = false;
    bool noDegraded = false;
    std::string manifest;
    std::string dir;
};

struct Sample {
    std::string file;
    std::string identity;
    face::FaceAnalysis clean;
    face::FaceAnalysis degraded;
};

nlohmann::json summaryJson(const std::string& name, const face::RocSummary& s, std::size_t noFacePairs) {
    return {{"set", name}, {"genuine_pairs", s.genuine}, {"impostor_pairs", s.impostor}, {"no_face_pairs", noFacePairs},
            {"auc", s.auc}, {"eer", s.eer}, {"eer_threshold", s.eerThreshold},
            {"tar_at_far_1e-2", s.tarAtFar1e2}, {"threshold_far_1e-2", s.thresholdFar1e2},
            {"tar_at_far_1e-3", s.tarAtFar1e3}, {"threshold_far_1e-3", s.thresholdFar1e3},
            {"genuine_min", s.genuineMin}, {"genuine_mean", s.genuineMean},
            {"impostor_max", s.impostorMax}, {"impostor_mean", s.impostorMean},
            {"suggested_same_at_or_above", s.suggestedSame}, {"suggested_different_below", s.suggestedDifferent},
            {"impostors_at_or_above_same", s.impostorsInSame}, {"genuines_below_different", s.genuinesInDifferent},
            {"genuines_in_same", s.genuinesInSame}, {"genuines_in_review", s.genuinesInReview},
            {"impostors_in_review", s.impostorsInReview}};
}

void printSummary(const std::string& name, const face::RocSummary& s, std::size_t noFacePairs) {
    std::cout << std::fixed << std::setprecision(4) << "\n== " << name << ": " << s.genuine << " genuine, " << s.impostor
              << " impostor pairs, " << noFacePairs << " pairs without a face\n"
              << "  AUC " << s.auc << "   EER " << s.eer << " at " << s.eerThreshold << '\n'
              << "  TAR@FAR=1e-2 " << s.tarAtFar1e2 << " (threshold " << s.thresholdFar1e2 << ")\n"
              << "  TAR@FAR=1e-3 " << s.tarAtFar1e3 << " (threshold " << s.thresholdFar1e3 << ")\n"
              << "  genuine min/mean " << s.genuineMin << " / " << s.genuineMean << "   impostor max/mean "
              << s.impostorMax << " / " << s.impostorMean << '\n'
              << "  suggested: same_at_or_above " << s.suggestedSame << ", different_below " << s.suggestedDifferent << '\n'
              << "  at the configured cut-offs: " << s.impostorsInSame << " impostor pairs in \"same\", "
              << s.genuinesInDifferent << " genuine pairs in \"different\"; review band: " << s.genuinesInReview
              << " genuine, " << s.impostorsInReview << " impostor; " << s.genuinesInSame << " genuine in \"same\"\n";
}

void runEval(CommandEnv& env, const EvalArgs& args) {
    env.markCommandRan();
    const AppConfig* c = env.config();
    if (!c) return;
    std::ifstream manifest(args.manifest);
    if (!manifest) return fail(env, args.json, makeError("face.manifest", args.manifest + ": cannot be read"));
    auto options = FaceSetup::options(*c);
    options.liveness = false;
    auto matcher = face::CvFaceMatcher::load(FaceSetup::modelsDir(*c), options);
    if (!matcher) return fail(env, args.json, matcher.error());

    std::vector<Sample> samples;
    std::string line;
    int lineNo = 0;
    double analyseMs = 0;
    while (std::getline(manifest, line)) {
        ++lineNo;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || (lineNo == 1 && line.rfind("file,", 0) == 0)) continue;
        const auto comma = line.find(',');
        if (comma == std::string::npos) {
            return fail(env, args.json, makeError("face.manifest", args.manifest + ":" + std::to_string(lineNo) +
                                                                       ": expected file,identity"));
        }
        Sample s{line.substr(0, comma), line.substr(comma + 1), {}, {}};
        auto bytes = readFile(std::filesystem::path(args.dir) / s.file);
        if (!bytes) return fail(env, args.json, bytes.error());
        const auto t0 = Clock::now();
        auto clean = (*matcher)->analyze(*bytes, {});
        analyseMs += msSince(t0);
        if (!clean) return fail(env, args.json, makeError(clean.error().code, s.file + ": " + clean.error().message));
        s.clean = *clean;
        if (!args.noDegraded) {
            auto small = face::degradeImage(*bytes);
            if (!small) return fail(env, args.json, small.error());
            auto degraded = (*matcher)->analyze(*small, {});
            if (!degraded) return fail(env, args.json, degraded.error());
            s.degraded = *degraded;
        }
        samples.push_back(std::move(s));
    }

    const double same = c->face.sameAtOrAbove, different = c->face.differentBelow;
    nlohmann::json out{{"images", samples.size()},
                       {"ms_per_image", samples.empty() ? 0.0 : analyseMs / double(samples.size())},
                       {"configured", {{"same_at_or_above", same}, {"different_below", different}}},
                       {"sets", nlohmann::json::array()}};
    nlohmann::json noFace = nlohmann::json::array();
    for (const auto& s : samples) {
        if (s.clean.embedding.empty()) noFace.push_back(s.file);
        if (!args.noDegraded && s.degraded.embedding.empty()) noFace.push_back(s.file + " (degraded)");
    }
    out["no_face"] = noFace;

    using Pick = const face::FaceAnalysis& (*)(const Sample&);
    const Pick cleanOf = [](const Sample& s) -> const face::FaceAnalysis& { return s.clean; };
    const Pick degradedOf = [](const Sample& s) -> const face::FaceAnalysis& { return s.degraded; };
    struct Set { const char* name; Pick a; Pick b; bool ordered; };
    std::vector<Set> sets{{"clean", cleanOf, cleanOf, false}};
    if (!args.noDegraded) {
        sets.push_back({"clean-vs-degraded", cleanOf, degradedOf, true});
        sets.push_back({"degraded-vs-degraded", degradedOf, degradedOf, false});
    }
    if (!args.json) {
        std::cout << samples.size() << " images, " << std::fixed << std::setprecision(1)
                  << (samples.empty() ? 0.0 : analyseMs / double(samples.size())) << " ms per image; no face in: "
                  << (noFace.empty() ? std::string("none") : noFace.dump()) << '\n';
    }
    for (const auto& set : sets) {
        std::vector<double> genuine, impostor;
        std::size_t noFacePairs = 0;
        for (std::size_t i = 0; i < samples.size(); ++i) {
            for (std::size_t j = set.ordered ? 0 : i + 1; j < samples.size(); ++j) {
                if (i == j) continue;
                const auto& fa = set.a(samples[i]);
                const auto& fb = set.b(samples[j]);
                if (fa.embedding.empty() || fb.embedding.empty()) { ++noFacePairs; continue; }
                const double score = face::cosineSimilarity(fa.embedding, fb.embedding);
                (samples[i].identity == samples[j].identity ? genuine : impostor).push_back(score);
            }
        }
        const auto summary = face::summarizeScores(genuine, impostor, same, different);
        out["sets"].push_back(summaryJson(set.name, summary, noFacePairs));
        if (!args.json) printSummary(set.name, summary, noFacePairs);
    }
    if (args.json) std::cout << out.dump(2) << '\n';
}

} // namespace

void addFaceCommands(CLI::App& cli, CommandEnv& env) {
    auto compare = std::make_shared<CompareArgs>();
    CLI::App* cmp = cli.add_subcommand("face-compare", "Score two face photos: cosine score and band");
    cmp->add_flag("--json", compare->json, "One JSON object on stdout");
    cmp->add_flag("--rotate-b", compare->rotateB, "IMAGE_B is an ID-card photo: also try it rotated 90/180/270°");
    cmp->add_option("IMAGE_A", compare->a, "First image")->required();
    cmp->add_option("IMAGE_B", compare->b, "Second image")->required();
    cmp->final_callback([&env, compare] { runCompare(env, *compare); });

    auto eval = std::make_shared<EvalArgs>();
    CLI::App* ev = cli.add_subcommand("face-eval", "Evaluate the face models on a labelled folder (all pairs)");
    ev->add_option("--manifest", eval->manifest, "CSV with a header line: file,identity")->required();
    ev->add_option("DIR", eval->dir, "Folder holding the images")->required();
    ev->add_flag("--json", eval->json, "Figures as JSON on stdout");
    ev->add_flag("--no-degraded", eval->noDegraded, "Skip the degraded copies (360 px, blur, JPEG 40, half saturation)");
    ev->final_callback([&env, eval] { runEval(env, *eval); });
}

} // namespace bhxh::app::commands
