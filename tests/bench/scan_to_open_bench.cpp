// From a camera frame carrying a CCCD QR code to the declaration ready to show, with 100,000
// declarations in the store: what the desk does between the decoder thread and the first frame
// that draws the declaration — ZXing on the 1280×720 frame (QrDecoder's cascade), the payload's
// parse, the local lookup by ID number (SqliteDeclarationRepository::findByCard), the phone
// check, the field comparison and the Form 01 rules. Not included: the camera's frame interval,
// the wait for the next UI frame (≤ 33 ms at the desk's 30 Hz) and the photo textures, which
// arrive after the declaration is on screen. Goal: < 150 ms.
//   bench_scan_to_open [ROWS] [RUNS]
#include "bench_store.h"
#include "declarations/card_comparison.h"
#include "declarations/declaration_rules.h"
#include "idcard/card_parser.h"
#include "qr_fixture.h"
#include "scan/qr_decoder.h"
#include "store/sqlite_declaration_repository.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

using namespace bhxh;
using Clock = std::chrono::steady_clock;

namespace {

double msSince(Clock::time_point t0) { return std::chrono::duration<double, std::milli>(Clock::now() - t0).count(); }

} // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::stoi(argv[1]) : 100000;
    const int runs = argc > 2 ? std::stoi(argv[2]) : 60;
    const auto st = bench::BenchStore::open("bhxh-bench-scan-open");
    if (!st) return 1;
    store::SqliteDeclarationRepository repo(st->db());

    // The card's holder among `rows` others.
    const auto today = CalendarDate::todayLocal();
    auto card = idcard::parseCard(scan::fixture::kCccdExample, today);
    if (!card || !card->cccd) return std::fprintf(stderr, "the fixture payload does not parse\n"), 1;
    const bool filled = bench::fillStore(repo, rows, [&card, rows](int i, declarations::Declaration& d) {
        if (i != rows / 2) return;
        d.idNumber = card->cccd->idNumber;
        d.fullName = card->cccd->fullName;
        d.dateOfBirth = card->cccd->dateOfBirth.toIso();
        d.expiresAt = "2099-12-31T09:00:00+07:00";
    });
    if (!filled) return 1;

    scan::fixture::FrameSpec spec;
    spec.modulePx = 4;
    spec.tiltDeg = 12;
    spec.blurSigma = 0.8;
    spec.noiseSigma = 3;
    spec.jpegQuality = 70;
    const auto frame = scan::fixture::makeFrame(scan::fixture::kCccdExample, spec);
    const scan::QrDecoder decoder;

    std::vector<double> total, decode, lookup, rest;
    int misses = 0;
    for (int r = 0; r < runs; ++r) {
        const auto t0 = Clock::now();
        const auto outcome = decoder.decode(frame.image);
        const double tDecode = msSince(t0);
        if (!outcome.detection) {
            ++misses;
            continue;
        }
        const auto t1 = Clock::now();
        auto parsed = idcard::parseCard(outcome.detection->text, today);
        if (!parsed) return std::fprintf(stderr, "parse: %s\n", parsed.error().message.c_str()), 1;
        auto found = repo.findByCard(declarations::lookupKey(*parsed));
        if (!found || found->empty()) return std::fprintf(stderr, "the declaration was not found\n"), 1;
        const double tLookup = msSince(t1);
        const auto t2 = Clock::now();
        const auto& d = found->front();
        auto samePhone = repo.findByPhone(d.phone);
        declarations::ContactUse use;
        if (samePhone) use.phoneUsedByOther = samePhone->size() > 1;
        const auto comparison = declarations::compareWithCard(d, *parsed);
        const auto rules = declarations::checkRules(d, std::chrono::system_clock::now(), use);
        const double tRest = msSince(t2);
        if (comparison.matchedFields().empty() || rules.empty()) return std::fprintf(stderr, "no comparison\n"), 1;
        decode.push_back(tDecode);
        lookup.push_back(tLookup);
        rest.push_back(tRest);
        total.push_back(tDecode + tLookup + tRest);
    }
    if (total.empty()) return std::fprintf(stderr, "the frame never decoded\n"), 1;
    auto figures = [](std::vector<double> v) {
        std::sort(v.begin(), v.end());
        char out[96];
        std::snprintf(out, sizeof out, "median %6.2f ms  p95 %6.2f ms  max %6.2f ms", v[v.size() / 2],
                      v[std::min(v.size() - 1, v.size() * 95 / 100)], v.back());
        return std::string(out);
    };
    std::printf("scan → declaration ready, %d declarations in the store, %zu runs (%d frames not decoded)\n", rows,
                total.size(), misses);
    std::printf("  decode (ZXing cascade)        %s\n", figures(decode).c_str());
    std::printf("  parse + local lookup          %s\n", figures(lookup).c_str());
    std::printf("  phone check, compare, rules   %s\n", figures(rest).c_str());
    std::printf("  total                         %s   (goal < 150 ms)\n", figures(total).c_str());
    return 0;
}
