// The delivery worker on the real SQLite outbox (store) with real drivers on loopback.
#include "common/log.h"
#include "notify/adapters/http_sms_sender.h"
#include "notify/delivery_worker.h"
#include "notify/notification_planner.h"
#include "notify/spool_sender.h"
#include "store/sqlite_outbox_repository.h"
#include "store/store.h"

#include <catch2/catch.hpp>
#include <httplib.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <fstream>
#include <mutex>
#include <random>
#include <sstream>
#include <thread>
#include "loopback.h"

using namespace bhxh;
using namespace bhxh::notify;
namespace fs = std::filesystem;

namespace {

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("bhxh-notify-worker-" + std::to_string(rd()) + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

/// Loopback SMS gateway in the generic webhook's format; counts requests per key.
class SmsGateway {
public:
    explicit SmsGateway(int status, int port = 0) : m_status(status) {
        m_server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            std::lock_guard lock(m_mutex);
            ++m_perKey[req.get_header_value("Idempotency-Key")];
            res.status = m_status;
            if (m_status >= 400)
                res.set_content(R"({"error":{"code":"to_blocked","message":"number is blocked"}})", "application/json");
            else
                res.set_content(R"({"id":"gw-1"})", "application/json");
        });
        if (port == 0) {
            m_port = m_server.bind_to_any_port("127.0.0.1");
        } else {
            REQUIRE(m_server.bind_to_port("127.0.0.1", port));
            m_port = port;
        }
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~SmsGateway() {
        m_server.stop();
        m_thread.join();
    }
    std::string url() const { return "http://127.0.0.1:" + std::to_string(m_port) + "/sms"; }
    std::map<std::string, int> perKey() {
        std::lock_guard lock(m_mutex);
        return m_perKey;
    }

private:
    int m_status;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::map<std::string, int> m_perKey;
};

std::string readFile(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

TemplateRenderer renderer() {
    auto r = TemplateRenderer::loadDirectory(std::string(BHXH_SOURCE_DIR) + "/assets/templates/notify");
    REQUIRE(r.ok());
    return std::move(r.value());
}

SmsProfile generic() {
    auto p = SmsProfile::loadFile(std::string(BHXH_SOURCE_DIR) + "/assets/sms-profiles/generic.json");
    REQUIRE(p.ok());
    return std::move(p.value());
}

Notification approval(const std::string& password) {
    Notification n;
    n.kind = NotificationKind::Approval;
    n.vars = {{"full_name", "Nguyễn Thành Biên"}, {"username", "0113098765"}, {"initial_password", password},
              {"dossier_no", "07916-2026-000123"}, {"office_name", "BHXH Quận 6"}};
    return n;
}

store::Store openStore(const fs::path& dir) {
    store::StoreOptions options;
    options.dbPath = dir / "desk.sqlite";
    options.dailyBackup = false;
    auto s = store::Store::open(options);
    REQUIRE(s.ok());
    return std::move(s).value();
}

store::Database connectTo(const store::Store& st) {
    auto db = st.connect();
    REQUIRE(db.ok());
    return std::move(db).value();
}

/// A real store in a temp folder with one connection and the outbox on it.
struct OutboxFixture {
    TempDir tmp;
    store::Store st = openStore(tmp.path());
    store::Database db = connectTo(st);
    store::SqliteOutboxRepository outbox{db};
};

} // namespace

TEST_CASE("the initial password is gone from the database, its WAL and the logs once delivered or failed",
          "[notify][worker][secret]") {
    OutboxFixture f;
    auto& tmp = f.tmp;
    auto& st = f.st;
    auto& db = f.db;
    auto& outbox = f.outbox;
    const std::string password = "Pw7-Qz4711-Kx";
    std::string logs;
    std::mutex logMutex;
    log::setSink([&](log::Level, std::string_view line) {
        std::lock_guard lock(logMutex);
        logs.append(line).append("\n");
    });

    auto items = NotificationPlanner::plan("dec-1", "07916-2026-000123", approval(password),
                                           {{Channel::Sms, "0983847986", "", ""},
                                            {Channel::Email, "biennt@example.vn", "Nguyễn Thành Biên", ""}});
    REQUIRE(items.ok());
    REQUIRE(items->size() == 2);
    for (const auto& item : items.value()) {
        CHECK(item.payload.find(password) == std::string::npos);
        CHECK(item.secret == password);
        REQUIRE(outbox.enqueue(item).ok());
    }
    // The search below can find the password: it is on disk while the rows wait.
    REQUIRE((readFile(st.path()) + readFile(st.path().string() + "-wal")).find(password) != std::string::npos);

    SmsGateway gateway(422);  // the SMS is refused for good; the e-mail goes to the spool
    HttpSmsSender sms(generic(), {gateway.url(), "BHXH", {{"token", "t"}}, {}, 2000, 5000, {}});
    SpoolSender email(tmp.path() / "spool", Channel::Email);
    const auto templates = renderer();
    DeliveryWorker worker(outbox, templates, sms, email);
    int checkpoints = 0;
    worker.setOnSecretErased([&] {
        ++checkpoints;
        REQUIRE(db.exec("PRAGMA wal_checkpoint(TRUNCATE)").ok());
    });
    auto stats = worker.drainDue();
    REQUIRE(stats.ok());
    CHECK(stats->sent == 1);
    CHECK(stats->failed == 1);
    CHECK(checkpoints == 2);

    auto smsRow = outbox.findByKey("dec-1:sms");
    REQUIRE(smsRow.ok());
    REQUIRE(smsRow->has_value());
    CHECK((*smsRow)->state == OutboxState::Failed);
    CHECK((*smsRow)->lastError == "generic: HTTP 422 code to_blocked: number is blocked");
    CHECK((*smsRow)->secret.empty());
    auto mailRow = outbox.findByKey("dec-1:email");
    REQUIRE(mailRow->has_value());
    CHECK((*mailRow)->state == OutboxState::Sent);
    // The e-mail did carry it (quoted-printable leaves this ASCII password as is).
    CHECK(readFile(tmp.path() / "spool" / "dec-1_email.eml").find(password) != std::string::npos);

    log::setSink({});
    std::string onDisk = readFile(st.path());
    if (fs::exists(st.path().string() + "-wal")) onDisk += readFile(st.path().string() + "-wal");
    if (fs::exists(st.path().string() + "-journal")) onDisk += readFile(st.path().string() + "-journal");
    CHECK(onDisk.find(password) == std::string::npos);
    CHECK(logs.find(password) == std::string::npos);
    CHECK(logs.find("outbox") != std::string::npos);  // the worker did log, without the password
}

TEST_CASE("gateway down: retried with backoff, then delivered exactly once when it is back", "[notify][worker]") {
    OutboxFixture f;
    auto& tmp = f.tmp;
    auto& outbox = f.outbox;
    Notification n;
    n.kind = NotificationKind::Rejection;
    n.vars = {{"full_name", "Nguyễn Thành Biên"}, {"dossier_no", "07916-2026-000124"}, {"office_name", "BHXH Quận 6"},
              {"reason_code", "photo_mismatch"}};
    auto items = NotificationPlanner::plan("dec-2", "07916-2026-000124", n, {{Channel::Sms, "0983847986", "", ""}});
    REQUIRE(items.ok());
    REQUIRE(outbox.enqueue(items->front()).ok());

    const int port = bhxh::test::freePort();
    HttpSmsSender sms(generic(), {"http://127.0.0.1:" + std::to_string(port) + "/sms", "BHXH", {{"token", "t"}}, {}, 2000, 5000, {}});
    SpoolSender email(tmp.path() / "spool", Channel::Email);
    const auto templates = renderer();
    DeliveryWorker worker(outbox, templates, sms, email);
    auto now = std::chrono::system_clock::now();
    worker.setClock([&] { return now; });

    for (int attempt = 1; attempt <= 3; ++attempt) {
        auto stats = worker.drainDue();
        REQUIRE(stats.ok());
        CHECK(stats->retried == 1);
        auto row = outbox.findByKey("dec-2:sms");
        REQUIRE(row->has_value());
        CHECK((*row)->state == OutboxState::Queued);
        CHECK((*row)->attempts == attempt);
        CHECK((*row)->lastError.find("cannot connect") != std::string::npos);
        CHECK((*row)->nextAttemptAt > now);
        // Not due again before its backoff.
        auto early = worker.drainDue();
        REQUIRE(early.ok());
        CHECK(early->attempts() == 0);
        now = (*row)->nextAttemptAt + std::chrono::seconds(1);
    }

    SmsGateway gateway(200, port);
    auto stats = worker.drainDue();
    REQUIRE(stats.ok());
    CHECK(stats->sent == 1);
    now += std::chrono::hours(1);
    auto again = worker.drainDue();
    REQUIRE(again.ok());
    CHECK(again->attempts() == 0);
    CHECK(gateway.perKey() == std::map<std::string, int>{{"dec-2:sms", 1}});
    auto row = outbox.findByKey("dec-2:sms");
    CHECK((*row)->state == OutboxState::Sent);
    CHECK((*row)->result == "gw-1");
}

TEST_CASE("adjustment goes to the old and the new contact; a supervisor retries and cancels", "[notify][worker]") {
    OutboxFixture f;
    auto& tmp = f.tmp;
    auto& outbox = f.outbox;
    Notification n;
    n.kind = NotificationKind::Adjustment;
    n.vars = {{"full_name", "Nguyễn Thành Biên"}, {"username", "0113098765"}, {"dossier_no", "07916-2026-000125"},
              {"office_name", "BHXH Quận 6"}, {"changed_field", "phone"}, {"new_value", "0912345678"}};
    auto recipients = NotificationPlanner::adjustmentRecipients("0983847986", "0912345678", "biennt@example.vn",
                                                                "biennt@example.vn", "Nguyễn Thành Biên");
    REQUIRE(recipients.size() == 3);
    auto items = NotificationPlanner::plan("dec-3", "07916-2026-000125", n, recipients);
    REQUIRE(items.ok());
    for (const auto& item : items.value()) REQUIRE(outbox.enqueue(item).ok());

    SpoolSender sms(tmp.path() / "sms", Channel::Sms);
    SpoolSender email(tmp.path() / "email", Channel::Email);
    const auto templates = renderer();
    DeliveryWorker worker(outbox, templates, sms, email);
    auto stats = worker.drainDue();
    REQUIRE(stats.ok());
    CHECK(stats->sent == 3);
    CHECK(fs::exists(tmp.path() / "sms" / "dec-3_sms_old.sms.json"));
    CHECK(fs::exists(tmp.path() / "sms" / "dec-3_sms_new.sms.json"));
    CHECK(fs::exists(tmp.path() / "email" / "dec-3_email_old.eml"));

    // A payload that cannot be rendered is failed; a supervisor can retry it or cancel it.
    OutboxItem broken;
    broken.key = "dec-4:sms";
    broken.channel = OutboxChannel::Sms;
    broken.recipient = "0983847986";
    broken.payload = R"({"kind":"rejection","vars":{"reason_code":"no_such_code","dossier_no":"x"}})";
    auto id = outbox.enqueue(broken);
    REQUIRE(id.ok());
    REQUIRE(worker.drainDue().ok());
    auto row = outbox.find(id.value());
    CHECK((*row)->state == OutboxState::Failed);
    CHECK((*row)->lastError.find("no_such_code") != std::string::npos);
    const AuditEvent audit{"outbox_retry", "q6.supervisor", "dec-4:sms", "", std::chrono::system_clock::now()};
    REQUIRE(outbox.retry(id.value(), audit).ok());
    CHECK((*outbox.find(id.value()))->state == OutboxState::Queued);
    REQUIRE(outbox.cancel(id.value(), audit).ok());
    CHECK((*outbox.find(id.value()))->state == OutboxState::Cancelled);
    auto after = worker.drainDue();
    REQUIRE(after.ok());
    CHECK(after->attempts() == 0);
}
