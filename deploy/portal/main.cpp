// bhxh-portal: the reference portal server for the demo and the integration tests.
// It implements docs/portal-api.md over plain HTTP on loopback.
#include "card_images.h"
#include "common/log.h"
#include "portal_server.h"
#include "portal_store.h"
#include "qr_payloads.h"
#include "seeder.h"
#include "time_util.h"
#include "tokens.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <pthread.h>
#include <thread>

namespace {

// Public-domain portrait shipped by Debian's python3-skimage (NASA photo of Eileen Collins).
// The crop frames her head and shoulders for a passport-style portrait.
constexpr const char* kDebianFacePhotos[] = {"/usr/lib/python3/dist-packages/skimage/data/astronaut.png@105,10,240,320"};

struct Options {
    std::string db = "bhxh-portal.sqlite3";
    bool reset = false;
    std::string host = "127.0.0.1";
    int port = 8787;
    std::string tokensFile;
    std::string office = "07916";
    int seed = 0;
    std::int64_t nearExpiryS = 0;
    std::uint64_t seedValue = 1;
    bool noPhotos = false;
    std::vector<std::string> facePhotos;
    portal::FaultOptions faults;
    bool printQr = false;
    std::string logLevel = "info";
};

void printQr(const std::vector<portal::SeedDeclaration>& seeds, const std::string& office) {
    for (const auto& d : seeds) {
        nlohmann::json line = {{"dossier_no", d.dossierNo},
                               {"kind", d.kind},
                               {"request", d.request},
                               {"cccd", portal::cccdPayload(d.citizen)},
                               {"bhyt", portal::bhytPayload(d.citizen, office, d.guardian ? d.guardian->fullName : "")}};
        if (d.guardian) {
            line["guardian_cccd"] = portal::cccdPayload(*d.guardian);
            line["guardian_bhyt"] = portal::bhytPayload(*d.guardian, office, "");
        }
        std::cout << line.dump() << '\n';
    }
    std::cout.flush();
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"bhxh-portal: reference portal for bhxh-desk (desk API v1, docs/portal-api.md)"};
    Options o;
    app.add_option("--db", o.db, "SQLite database file, created when missing")->capture_default_str();
    app.add_flag("--reset", o.reset, "Delete the database file first");
    app.add_option("--listen", o.host, "Address to listen on (plain HTTP: keep it on loopback)")->capture_default_str();
    app.add_option("--port", o.port, "TCP port; 0 picks a free one")->capture_default_str()->check(CLI::Range(0, 65535));
    app.add_option("--tokens", o.tokensFile, "Desk tokens file: one '<office>-<desk> <token>' per line")
        ->check(CLI::ExistingFile);
    app.add_option("--office", o.office, "Office the seeded declarations belong to")
        ->capture_default_str()->check([](const std::string& v) {
            return v.size() == 5 && v.find_first_not_of("0123456789") == std::string::npos ? "" : "office: 5 digits";
        });
    app.add_option("--seed", o.seed, "Seed N fictional declarations when the database has none")
        ->check(CLI::Range(0, 1000000));
    app.add_option("--seed-value", o.seedValue, "Random seed for --seed (same value, same people)")->capture_default_str();
    app.add_option("--near-expiry-s", o.nearExpiryS,
                   "Seeded 'near expiry' declarations expire this many seconds after start (default: within a day)")
        ->check(CLI::Range(0, 86400));
    app.add_flag("--no-photos", o.noPhotos, "Seed without photos (fast; for large benchmarks)");
    app.add_option("--face-photo", o.facePhotos,
                   "Redistributable face photo for the portraits (repeatable); default: Debian's python3-skimage astronaut.png");
    app.add_option("--fail-rate", o.faults.failRate, "Fraction of requests answered 503")->check(CLI::Range(0.0, 1.0));
    app.add_option("--latency-ms", o.faults.latencyMs, "Delay added to every request")->check(CLI::Range(0, 600000));
    app.add_option("--drop-rate", o.faults.dropRate, "Fraction of response bodies cut off mid-body")
        ->check(CLI::Range(0.0, 1.0));
    app.add_option("--fault-seed", o.faults.seed, "Random seed for fault injection (0 = random)");
    app.add_flag("--print-qr", o.printQr,
                 "Print the CCCD/BHYT QR payloads of the --seed citizens as JSON lines and exit");
    app.add_option("--log-level", o.logLevel, "debug | info | warn | error")->capture_default_str();
    CLI11_PARSE(app, argc, argv);

    if (sodium_init() < 0) {
        std::cerr << "bhxh-portal: libsodium failed to initialise\n";
        return 1;
    }
    bhxh::log::Level level;
    if (!bhxh::log::parseLevel(o.logLevel, level)) {
        std::cerr << "bhxh-portal: --log-level: unknown level '" << o.logLevel << "'\n";
        return 2;
    }
    bhxh::log::setLevel(level);

    const std::int64_t now = portal::nowMicros() / 1000000;
    if (o.printQr) {
        if (o.seed <= 0) {
            std::cerr << "bhxh-portal: --print-qr needs --seed N (and the same --seed-value and --office)\n";
            return 2;
        }
        printQr(portal::Seeder(o.office, o.seedValue, now).generate(o.seed), o.office);
        return 0;
    }
    if (o.tokensFile.empty()) {
        std::cerr << "bhxh-portal: --tokens FILE is required (tokens are never given on the command line)\n";
        return 2;
    }
    auto tokens = portal::Tokens::load(o.tokensFile);
    if (!tokens) {
        std::cerr << "bhxh-portal: " << tokens.error().message << '\n';
        return 2;
    }
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto perms = fs::status(o.tokensFile, ec).permissions();
    if (!ec && (perms & (fs::perms::group_all | fs::perms::others_all)) != fs::perms::none) {
        bhxh::log::warn("tokens file " + o.tokensFile + " is readable by others; chmod 600 it");
    }
    if (o.host != "127.0.0.1" && o.host != "::1" && o.host != "localhost") {
        bhxh::log::warn("plain HTTP on " + o.host + ": the contract allows plain HTTP on loopback only");
    }
    if (o.reset) fs::remove(o.db, ec);
    auto store = portal::PortalStore::open(o.db);
    if (!store) {
        std::cerr << "bhxh-portal: " << store.error().message << '\n';
        return 1;
    }
    if (o.seed > 0) {
        if ((*store)->declarationCount() > 0) {
            bhxh::log::info("database already holds declarations; --seed skipped (use --reset to reseed)");
        } else {
            std::vector<std::string> faces = o.facePhotos;
            if (faces.empty()) {
                for (const std::string p : kDebianFacePhotos) {
                    if (std::filesystem::exists(p.substr(0, p.rfind('@')))) faces.push_back(p);
                }
            }
            std::unique_ptr<portal::CardImages> images;
            if (!o.noPhotos) {
                images = std::make_unique<portal::CardImages>(faces);
                if (!images->hasRealFaces()) {
                    bhxh::log::warn("no face photo available: portraits are plain generated stand-ins "
                                    "(install python3-skimage or pass --face-photo)");
                }
            }
            auto seeded = (*store)->insertSeed(portal::Seeder(o.office, o.seedValue, now, o.nearExpiryS).generate(o.seed),
                                             images.get());
            if (!seeded) {
                std::cerr << "bhxh-portal: seeding failed: " << seeded.error().message << '\n';
                return 1;
            }
            bhxh::log::info("seeded " + std::to_string(o.seed) + " declarations for office " + o.office);
        }
    }

    // Signals are taken by one thread with sigwait, so stopping never runs in a signal handler.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    portal::PortalServer server(**store, std::move(*tokens), o.faults);
    const int port = server.bind(o.host, o.port);
    if (port <= 0) {
        std::cerr << "bhxh-portal: cannot listen on " << o.host << ":" << o.port << '\n';
        return 1;
    }
    std::thread signalThread([&server, signals]() {
        int sig = 0;
        sigwait(&signals, &sig);
        server.stop();
    });
    std::printf("listening on %s:%d\n", o.host.c_str(), port);
    std::fflush(stdout);
    const bool ok = server.run();
    // Wake the signal thread if the server stopped on its own.
    pthread_kill(signalThread.native_handle(), SIGTERM);
    signalThread.join();
    return ok ? 0 : 1;
}
