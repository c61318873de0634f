// The crash harness's C++ side (driven by store_crash_test.py). Two roles:
//   sink  --port-file F            loopback HTTP sink: /portal/decision and /sms honour
//                                  Idempotency-Key and count what became visible, per key and dossier
//   work  --db P --http-port N --smtp-port M --acks F [--drain]
//                                  decide → outbox → deliver cycles on a real store until killed;
//                                  with --drain: make no new decision, deliver what is left, verify, exit
// The deliverers here are minimal stand-ins; the real SMS and e-mail drivers come with notify.
#include "common/audit_log.h"
#include "store/audit_chain.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/store.h"

#include <curl/curl.h>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

using namespace bhxh;
using namespace std::chrono_literals;
using nlohmann::json;

namespace {

std::string argValue(int argc, char** argv, const std::string& name, const std::string& fallback = "") {
    for (int i = 1; i + 1 < argc; ++i) if (argv[i] == name) return argv[i + 1];
    return fallback;
}

bool hasFlag(int argc, char** argv, const std::string& name) {
    for (int i = 1; i < argc; ++i) if (argv[i] == name) return true;
    return false;
}

std::string randomHex(std::size_t n) {
    static std::mt19937_64 rng(std::random_device{}());
    static const char* digits = "0123456789abcdef";
    std::string s;
    for (std::size_t i = 0; i < n; ++i) s += digits[rng() % 16];
    return s;
}

// ---- sink ----------------------------------------------------------------------------------

struct SinkState {
    std::mutex mutex;
    std::map<std::string, json> portalAnswers;                 // key → first answer
    std::map<std::string, std::set<std::string>> portalKeys;   // dossier → keys seen
    int portalRequests = 0;
    std::set<std::string> smsKeys;                             // keys that produced a visible message
    std::map<std::string, int> smsVisiblePerDossier;
    int smsRequests = 0;
};

int runSink(int argc, char** argv) {
    SinkState state;
    httplib::Server server;
    server.Post("/portal/decision", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string key = req.get_header_value("Idempotency-Key");
        const json body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(state.mutex);
        ++state.portalRequests;
        if (key.empty() || !body.is_object()) {
            res.status = 422;
            return;
        }
        auto it = state.portalAnswers.find(key);
        if (it == state.portalAnswers.end()) {
            json answer{{"status", "approved"},
                        {"account", {{"username", body.value("dossier_no", "")}, {"initial_password", randomHex(10)}}}};
            it = state.portalAnswers.emplace(key, answer).first;
            state.portalKeys[body.value("dossier_no", "")].insert(key);
        }
        res.set_content(it->second.dump(), "application/json");
    });
    server.Post("/sms", [&](const httplib::Request& req, httplib::Response& res) {
        const std::string key = req.get_header_value("Idempotency-Key");
        const json body = json::parse(req.body, nullptr, false);
        std::lock_guard lock(state.mutex);
        ++state.smsRequests;
        if (key.empty() || !body.is_object()) {
            res.status = 422;
            return;
        }
        if (state.smsKeys.insert(key).second) ++state.smsVisiblePerDossier[body.value("dossier_no", "")];
        res.set_content(json{{"id", "sms-" + key}}.dump(), "application/json");
    });
    server.Get("/stats", [&](const httplib::Request&, httplib::Response& res) {
        std::lock_guard lock(state.mutex);
        int multiKey = 0, smsDuplicates = 0, smsVisible = 0;
        for (const auto& [dossier, keys] : state.portalKeys) if (keys.size() > 1) ++multiKey;
        for (const auto& [dossier, n] : state.smsVisiblePerDossier) {
            smsVisible += n;
            smsDuplicates += n - 1;
        }
        json stats{{"portal_requests", state.portalRequests},
                   {"portal_keys", state.portalAnswers.size()},
                   {"portal_dossiers", state.portalKeys.size()},
                   {"portal_dossiers_with_two_keys", multiKey},
                   {"sms_requests", state.smsRequests},
                   {"sms_visible", smsVisible},
                   {"sms_dossiers", state.smsVisiblePerDossier.size()},
                   {"sms_duplicates", smsDuplicates}};
        res.set_content(stats.dump(), "application/json");
    });
    server.Post("/stop", [&](const httplib::Request&, httplib::Response&) { server.stop(); });
    const int port = server.bind_to_any_port("127.0.0.1");
    if (port <= 0) {
        std::cerr << "sink: cannot bind\n";
        return 1;
    }
    {
        const std::string portFile = argValue(argc, argv, "--port-file");
        const std::string tmp = portFile + ".tmp";
        FILE* f = std::fopen(tmp.c_str(), "w");
        if (!f) return 1;
        std::fprintf(f, "%d\n", port);
        std::fclose(f);
        std::rename(tmp.c_str(), portFile.c_str());
    }
    server.listen_after_bind();
    return 0;
}

notify::OutboxItem makeItem(std::string key, notify::OutboxChannel channel, std::string dossier,
                            std::string recipient, std::string payload, std::string secret = {}) {
    notify::OutboxItem item;
    item.key = std::move(key);
    item.channel = channel;
    item.dossierNo = std::move(dossier);
    item.recipient = std::move(recipient);
    item.payload = std::move(payload);
    item.secret = std::move(secret);
    return item;
}

// ---- work ----------------------------------------------------------------------------------

struct MailSource {
    std::string text;
    std::size_t offset = 0;
};

std::size_t readMail(char* buffer, std::size_t size, std::size_t count, void* userdata) {
    auto* source = static_cast<MailSource*>(userdata);
    const std::size_t n = std::min(size * count, source->text.size() - source->offset);
    std::memcpy(buffer, source->text.data() + source->offset, n);
    source->offset += n;
    return n;
}

// SMTP through libcurl; the Message-ID comes from the outbox key, so a resend is recognisable.
std::string sendMail(int port, const notify::OutboxItem& item) {
    CURL* curl = curl_easy_init();
    if (!curl) return "curl_easy_init failed";
    MailSource source;
    source.text = "Date: Sun, 22 Nov 2026 08:30:00 +0700\r\n"
                  "From: BHXH Quan 6 <noreply@bhxh-desk.test>\r\n"
                  "To: <" + item.recipient + ">\r\n"
                  "Message-ID: <" + item.key + "@bhxh-desk.test>\r\n"
                  "Subject: Tai khoan giao dich dien tu\r\n"
                  "X-Dossier: " + item.dossierNo + "\r\n"
                  "\r\n"
                  "Ten dang nhap: " + item.dossierNo + "\r\nMat khau: " + item.secret + "\r\n";
    const std::string url = "smtp://127.0.0.1:" + std::to_string(port) + "/bhxh-desk.test";
    curl_slist* rcpt = curl_slist_append(nullptr, ("<" + item.recipient + ">").c_str());
    curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, "<noreply@bhxh-desk.test>");
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, readMail);
    curl_easy_setopt(curl, CURLOPT_READDATA, &source);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, 10L);
    const CURLcode rc = curl_easy_perform(curl);
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK ? std::string() : std::string("smtp: ") + curl_easy_strerror(rc);
}

struct Worker {
    store::Database& db;
    store::SqliteOutboxRepository& outbox;
    int httpPort;
    int smtpPort;

    // Delivers one due row; false when nothing was due.
    bool deliverOne() {
        auto claimed = outbox.claimNext(std::chrono::system_clock::now(), std::nullopt);
        if (!claimed) fail(claimed.error());
        if (!claimed->has_value()) return false;
        const notify::OutboxItem item = **claimed;
        httplib::Client http("127.0.0.1", httpPort);
        http.set_connection_timeout(5);
        http.set_read_timeout(10);
        std::string error;
        std::vector<notify::OutboxItem> followUps;
        std::string result;
        if (item.channel == notify::OutboxChannel::PortalDecision) {
            auto res = http.Post("/portal/decision", {{"Idempotency-Key", item.key}}, item.payload, "application/json");
            if (!res || res->status != 200) {
                error = res ? "HTTP " + std::to_string(res->status) : "portal unreachable";
            } else {
                const json answer = json::parse(res->body, nullptr, false);
                const std::string password = answer["account"].value("initial_password", "");
                const json message{{"dossier_no", item.dossierNo}, {"template", "approved"}};
                followUps = {makeItem(item.key + ":sms", notify::OutboxChannel::Sms, item.dossierNo, "0983847986",
                                      message.dump(), password),
                             makeItem(item.key + ":email", notify::OutboxChannel::Email, item.dossierNo,
                                      "citizen@example.vn", message.dump(), password)};
                result = "approved";
            }
        } else if (item.channel == notify::OutboxChannel::Sms) {
            const json body{{"to", item.recipient}, {"text", "BHXH: mat khau " + item.secret},
                            {"client_ref", item.key}, {"dossier_no", item.dossierNo}};
            auto res = http.Post("/sms", {{"Idempotency-Key", item.key}}, body.dump(), "application/json");
            if (!res || res->status != 200) error = res ? "HTTP " + std::to_string(res->status) : "sms unreachable";
            else result = res->body;
        } else {
            error = sendMail(smtpPort, item);
            if (error.empty()) result = "250";
        }
        if (error.empty()) {
            if (auto ok = outbox.markSent(item.id, result, followUps); !ok) fail(ok.error());
        } else if (auto ok = outbox.markRetry(item.id, error, std::chrono::system_clock::now()); !ok) {
            fail(ok.error());
        }
        return true;
    }

    [[noreturn]] static void fail(const Error& e) {
        std::cerr << "child: " << e.describe() << '\n';
        std::exit(3);
    }
};

int runWork(int argc, char** argv) {
    curl_global_init(CURL_GLOBAL_DEFAULT);
    store::StoreOptions options;
    options.dbPath = argValue(argc, argv, "--db");
    auto opened = store::Store::open(options);
    if (!opened) {
        std::cerr << "child: " << opened.error().describe() << '\n';
        return 3;
    }
    auto db = opened->connect();
    if (!db) Worker::fail(db.error());
    store::SqliteOutboxRepository outbox(*db, notify::BackoffPolicy{50ms, 500ms, 0.25});
    store::SqliteDecisionRepository decisions(*db);
    if (auto requeued = outbox.requeueAbandoned(std::chrono::system_clock::now()); !requeued) Worker::fail(requeued.error());
    Worker worker{*db, outbox, std::stoi(argValue(argc, argv, "--http-port")), std::stoi(argValue(argc, argv, "--smtp-port"))};
    const bool drain = hasFlag(argc, argv, "--drain");
    const std::string acks = argValue(argc, argv, "--acks");
    const int ackFd = ::open(acks.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (ackFd < 0) return 3;

    for (;;) {
        while (worker.deliverOne()) {}
        if (drain) {
            auto open = db->queryInt("SELECT count(*) FROM outbox WHERE state IN ('queued', 'sending')");
            if (!open) Worker::fail(open.error());
            if (*open == 0) break;
            std::this_thread::sleep_for(20ms);  // a row waiting for its backoff
            continue;
        }
        // The clerk decides the next dossier.
        auto made = db->queryInt("SELECT count(*) FROM decisions");
        if (!made) Worker::fail(made.error());
        char dossier[32];
        std::snprintf(dossier, sizeof dossier, "07916-2026-%06lld", static_cast<long long>(*made + 1));
        declarations::Decision d;
        d.dossierNo = dossier;
        d.declarationVersion = 1;
        d.officerId = "q6.nguyenvana";
        d.decidedAt = std::chrono::system_clock::now();
        d.idempotencyKey = randomHex(32);
        const json payload{{"dossier_no", d.dossierNo}, {"decision", "approved"}, {"officer_id", d.officerId}};
        const auto portal = makeItem(d.idempotencyKey, notify::OutboxChannel::PortalDecision, d.dossierNo, "", payload.dump());
        AuditEvent audit{"decision", d.officerId, d.dossierNo, "approved", d.decidedAt};
        if (auto id = decisions.record(d, {portal}, audit); !id) Worker::fail(id.error());
        // The clerk sees "saved" only now: the driver counts this line as a decision made.
        const std::string line = std::string(dossier) + "\n";
        if (::write(ackFd, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return 3;
    }
    ::close(ackFd);
    auto report = store::AuditChain::verify(*db);
    if (!report) Worker::fail(report.error());
    std::cout << "audit=" << (report->intact() ? "intact" : "broken") << " entries=" << report->entries << '\n';
    return report->intact() ? 0 : 4;
}

} // namespace

int main(int argc, char** argv) {
    const std::string role = argc > 1 ? argv[1] : "";
    if (role == "sink") return runSink(argc, argv);
    if (role == "work") return runWork(argc, argv);
    std::cerr << "usage: store_crash_child sink --port-file F | work --db P --http-port N --smtp-port M --acks F [--drain]\n";
    return 2;
}
