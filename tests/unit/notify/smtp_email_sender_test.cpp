#include "notify/adapters/smtp_email_sender.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <thread>
#include "loopback.h"

using namespace bhxh::notify;
namespace fs = std::filesystem;
using nlohmann::json;

using bhxh::test::accepts;
using bhxh::test::freePort;

namespace {

/// aiosmtpd on 127.0.0.1:port with tests/unit/notify/smtp_sink.py saving into `dir`.
class SmtpServer {
public:
    SmtpServer(int port, fs::path dir) : m_port(port), m_dir(std::move(dir)) {
        const std::string listen = "127.0.0.1:" + std::to_string(port);
        const std::string pythonPath = "PYTHONPATH=" + std::string(BHXH_NOTIFY_TEST_DIR);
        const std::string sinkDir = "BHXH_SMTP_SINK_DIR=" + m_dir.string();
        m_pid = ::fork();
        if (m_pid == 0) {
            const char* argv[] = {BHXH_PYTHON, "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c", "smtp_sink.Handler", nullptr};
            const char* envp[] = {pythonPath.c_str(), sinkDir.c_str(), "LANG=C.UTF-8", nullptr};
            ::execve(BHXH_PYTHON, const_cast<char* const*>(argv), const_cast<char* const*>(envp));
            ::_exit(127);
        }
        for (int i = 0; i < 200 && !accepts(port); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
        REQUIRE(accepts(port));
    }
    ~SmtpServer() { stop(); }
    void stop() {
        if (m_pid <= 0) return;
        ::kill(m_pid, SIGTERM);
        int status = 0;
        ::waitpid(m_pid, &status, 0);
        m_pid = -1;
    }
    std::vector<fs::path> messages() const {
        std::vector<fs::path> out;
        if (fs::exists(m_dir))
            for (const auto& e : fs::directory_iterator(m_dir))
                if (e.path().extension() == ".eml") out.push_back(e.path());
        std::sort(out.begin(), out.end());
        return out;
    }

private:
    int m_port;
    fs::path m_dir;
    pid_t m_pid = -1;
};

fs::path freshDir() {
    std::random_device rd;
    auto dir = fs::temp_directory_path() / ("bhxh-smtp-" + std::to_string(rd()));
    fs::remove_all(dir);
    return dir;
}

json parseEml(const fs::path& eml) {
    const std::string cmd = std::string(BHXH_PYTHON) + " " + BHXH_NOTIFY_TEST_DIR + "/parse_eml.py " + eml.string();
    FILE* p = ::popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string out;
    char buf[4096];
    std::size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    REQUIRE(::pclose(p) == 0);
    return json::parse(out);
}

OutgoingMessage approvalMail(const std::string& to) {
    OutgoingMessage m;
    m.channel = Channel::Email;
    m.key = "outbox-31:email";
    m.to = to;
    m.toName = "Nguyễn Thành Biên";
    m.subject = "BHXH Việt Nam – tài khoản giao dịch điện tử của Nguyễn Thành Biên";
    m.text = "Kính gửi Ông/Bà Nguyễn Thành Biên,\n\nMật khẩu ban đầu: Xy7=kd9Q \n.\n"
             "Ông/Bà bắt buộc phải đổi mật khẩu ngay khi đăng nhập lần đầu trên ứng dụng VssID hoặc Cổng dịch vụ công.\n";
    m.html = "<p>Kính gửi Ông/Bà <strong>Nguyễn Thành Biên</strong>,</p>\n<p><code>Xy7=kd9Q</code></p>\n";
    return m;
}

SmtpEmailSender::Options options(int port) {
    SmtpEmailSender::Options o;
    o.url = "smtp://127.0.0.1:" + std::to_string(port);
    o.sender = {"no-reply@bhxh-q6.example.vn", "BHXH Quận 6"};
    o.connectTimeoutMs = 2000;
    o.timeoutMs = 10000;
    return o;
}

} // namespace

TEST_CASE("SMTP to a real aiosmtpd: Vietnamese subject, both parts and headers arrive intact", "[notify][smtp]") {
    const int port = freePort();
    const auto dir = freshDir();
    SmtpServer server(port, dir);
    SmtpEmailSender sender(options(port));
    sender.setClock([] { return std::time_t{1795321915}; });
    const auto message = approvalMail("biennt@example.vn");
    auto r = sender.send(message);
    INFO(r.detail);
    REQUIRE(r.outcome == DeliveryOutcome::Sent);
    CHECK(r.providerId == "<bhxh.outbox-31.email@bhxh-q6.example.vn>");

    const auto files = server.messages();
    REQUIRE(files.size() == 1);
    const json mail = parseEml(files[0]);
    CHECK(mail["subject"] == message.subject);
    CHECK(mail["from_name"] == "BHXH Quận 6");
    CHECK(mail["from_addr"] == "no-reply@bhxh-q6.example.vn");
    CHECK(mail["to_name"] == "Nguyễn Thành Biên");
    CHECK(mail["to_addr"] == "biennt@example.vn");
    CHECK(mail["message_id"] == "<bhxh.outbox-31.email@bhxh-q6.example.vn>");
    CHECK(mail["date_ok"] == true);
    CHECK(mail["content_type"] == "multipart/alternative");
    CHECK(mail["defects"] == 0);
    REQUIRE(mail["parts"].size() == 2);
    CHECK(mail["parts"][0]["type"] == "text/plain");
    CHECK(mail["parts"][0]["charset"] == "utf-8");
    CHECK(mail["parts"][0]["cte"] == "quoted-printable");
    CHECK(mail["parts"][0]["content"].get<std::string>() == message.text);  // trailing space and a lone "." survive
    CHECK(mail["parts"][1]["type"] == "text/html");
    CHECK(mail["parts"][1]["content"].get<std::string>() == message.html);
    fs::remove_all(dir);
}

TEST_CASE("SMTP: server down is a retry; once it is back the message is delivered once", "[notify][smtp]") {
    const int port = freePort();
    const auto dir = freshDir();
    SmtpEmailSender sender(options(port));
    auto down = sender.send(approvalMail("biennt@example.vn"));
    CHECK(down.outcome == DeliveryOutcome::Retry);
    {
        SmtpServer server(port, dir);
        auto up = sender.send(approvalMail("biennt@example.vn"));
        INFO(up.detail);
        CHECK(up.outcome == DeliveryOutcome::Sent);
        CHECK(server.messages().size() == 1);
    }
    fs::remove_all(dir);
}

TEST_CASE("SMTP: a 5xx reply is failed with the code, a 4xx reply is retried", "[notify][smtp]") {
    const int port = freePort();
    const auto dir = freshDir();
    SmtpServer server(port, dir);
    SmtpEmailSender sender(options(port));
    auto rejected = sender.send(approvalMail("reject@example.vn"));
    CHECK(rejected.outcome == DeliveryOutcome::Failed);
    CHECK(rejected.detail.find("550") != std::string::npos);
    auto busy = sender.send(approvalMail("busy@example.vn"));
    CHECK(busy.outcome == DeliveryOutcome::Retry);
    CHECK(busy.detail.find("451") != std::string::npos);
    CHECK(server.messages().empty());
    fs::remove_all(dir);
}

TEST_CASE("SMTP: a non-SMTP URL and a recipient with a line break fail unsent",
          "[notify][smtp]") {
    auto o = options(25);
    o.url = "ftp://127.0.0.1:21";
    CHECK(SmtpEmailSender(o).send(approvalMail("a@example.vn")).outcome == DeliveryOutcome::Failed);
    o.url = "smtp://127.0.0.1:25";
    CHECK(SmtpEmailSender(o).send(approvalMail("a@example.vn\r\nRCPT TO:<x@y>")).outcome == DeliveryOutcome::Failed);
}
