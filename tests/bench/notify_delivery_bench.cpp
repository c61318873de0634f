// 1,000 queued messages delivered from the SQLite outbox to loopback sinks: 500 SMS to an HTTP
// gateway in the generic webhook format (cpp-httplib) and 500 e-mails to a real SMTP server
// (aiosmtpd), then the same 1,000 to the spool drivers. Prints messages per second.
#include "notify/adapters/http_sms_sender.h"
#include "notify/adapters/smtp_email_sender.h"
#include "notify/delivery_worker.h"
#include "notify/notification_planner.h"
#include "notify/spool_sender.h"
#include "common/log.h"
#include "store/sqlite_outbox_repository.h"
#include "store/store.h"

#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <random>
#include <thread>
#include "loopback.h"

using namespace bhxh;
using namespace bhxh::notify;
namespace fs = std::filesystem;

using bhxh::test::accepts;
using bhxh::test::freePort;

namespace {

bool enqueue(OutboxRepository& outbox, const std::string& run, int count) {
    for (int i = 0; i < count; ++i) {
        Notification n;
        n.kind = NotificationKind::Approval;
        n.vars = {{"full_name", "Nguyễn Thành Biên"}, {"username", "0113098765"}, {"initial_password", "Pw-bench-1"},
                  {"dossier_no", "07916-2026-" + std::to_string(100000 + i)}, {"office_name", "BHXH Quận 6"}};
        auto items = NotificationPlanner::plan(run + "-" + std::to_string(i), "07916-2026-" + std::to_string(i), n,
                                               {{i % 2 ? Channel::Email : Channel::Sms,
                                                 i % 2 ? "biennt@example.vn" : "0983847986", "Nguyễn Thành Biên", ""}});
        if (!items || !outbox.enqueue(items->front())) return false;
    }
    return true;
}

double drain(DeliveryWorker& worker, std::size_t expected) {
    const auto start = std::chrono::steady_clock::now();
    std::size_t sent = 0;
    while (sent < expected) {
        auto stats = worker.drainDue();
        if (!stats || stats->attempts() == 0) break;
        sent += stats->sent;
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (sent != expected) std::cerr << "only " << sent << " of " << expected << " sent\n";
    return seconds;
}

} // namespace

int main() {
    log::setLevel(log::Level::Error);
    std::random_device rd;
    const fs::path dir = fs::temp_directory_path() / ("bhxh-notify-bench-" + std::to_string(rd()));
    fs::create_directories(dir);
    store::StoreOptions options;
    options.dbPath = dir / "desk.sqlite";
    options.dailyBackup = false;
    auto st = store::Store::open(options);
    if (!st) { std::cerr << st.error().describe() << '\n'; return 1; }
    auto db = st->connect();
    if (!db) { std::cerr << db.error().describe() << '\n'; return 1; }
    store::SqliteOutboxRepository outbox(*db);
    auto templates = TemplateRenderer::loadDirectory(std::string(BHXH_SOURCE_DIR) + "/assets/templates/notify");
    auto profile = SmsProfile::loadFile(std::string(BHXH_SOURCE_DIR) + "/assets/sms-profiles/generic.json");
    if (!templates || !profile) { std::cerr << "assets missing\n"; return 1; }

    // Loopback sinks.
    httplib::Server gateway;
    std::atomic<int> smsSeen{0};
    gateway.Post(".*", [&](const httplib::Request&, httplib::Response& res) {
        ++smsSeen;
        res.set_content(R"({"id":"b"})", "application/json");
    });
    const int httpPort = gateway.bind_to_any_port("127.0.0.1");
    std::thread httpThread([&] { gateway.listen_after_bind(); });
    const int smtpPort = freePort();
    const std::string listen = "127.0.0.1:" + std::to_string(smtpPort);
    const std::string pythonPath = "PYTHONPATH=" + std::string(BHXH_SOURCE_DIR) + "/tests/unit/notify";
    const std::string sinkDir = "BHXH_SMTP_SINK_DIR=" + (dir / "smtp").string();
    const pid_t smtpd = ::fork();
    if (smtpd == 0) {
        const char* argv[] = {BHXH_PYTHON, "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "smtp_sink.Handler", nullptr};
        const char* envp[] = {pythonPath.c_str(), sinkDir.c_str(), "LANG=C.UTF-8", nullptr};
        ::execve(BHXH_PYTHON, const_cast<char* const*>(argv), const_cast<char* const*>(envp));
        ::_exit(127);
    }
    for (int i = 0; i < 200 && !accepts(smtpPort); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));

    constexpr int kMessages = 1000;
    {
        HttpSmsSender sms(*profile, {"http://127.0.0.1:" + std::to_string(httpPort) + "/sms", "BHXH", {{"token", "t"}}, {}, 2000, 10000, {}});
        SmtpEmailSender::Options o;
        o.url = "smtp://127.0.0.1:" + std::to_string(smtpPort);
        o.sender = {"no-reply@bhxh.local", "BHXH Quận 6"};
        SmtpEmailSender email(o);
        DeliveryWorker worker(outbox, *templates, sms, email);
        if (!enqueue(outbox, "net", kMessages)) { std::cerr << "enqueue failed\n"; return 1; }
        const double s = drain(worker, kMessages);
        std::printf("loopback HTTP SMS + aiosmtpd: %d messages in %.2f s = %.0f messages/s (HTTP requests seen: %d)\n",
                    kMessages, s, kMessages / s, smsSeen.load());
    }
    {
        SpoolSender sms(dir / "spool-sms", Channel::Sms);
        SpoolSender email(dir / "spool-email", Channel::Email);
        DeliveryWorker worker(outbox, *templates, sms, email);
        if (!enqueue(outbox, "spool", kMessages)) { std::cerr << "enqueue failed\n"; return 1; }
        const double s = drain(worker, kMessages);
        std::printf("spool drivers:                %d messages in %.2f s = %.0f messages/s\n", kMessages, s, kMessages / s);
    }

    gateway.stop();
    httpThread.join();
    ::kill(smtpd, SIGTERM);
    int status = 0;
    ::waitpid(smtpd, &status, 0);
    fs::remove_all(dir);
    return 0;
}
