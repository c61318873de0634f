#include "notify/adapters/http_sms_sender.h"
#include "notify/mime_message.h"

#include <catch2/catch.hpp>
#include <httplib.h>
#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <mutex>
#include <thread>
#include <vector>
#include "loopback.h"

using namespace bhxh::notify;
using nlohmann::json;

namespace {

/// A loopback HTTP server that records every request and answers with a handler.
class Sink {
public:
    struct Seen {
        std::string path;
        std::string body;
        httplib::Headers headers;
    };
    using Answer = std::function<void(const httplib::Request&, httplib::Response&)>;

    explicit Sink(Answer answer) : m_answer(std::move(answer)) {
        m_server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
            {
                std::lock_guard lock(m_mutex);
                m_seen.push_back({req.path, req.body, req.headers});
            }
            m_answer(req, res);
        });
        m_port = m_server.bind_to_any_port("127.0.0.1");
        m_thread = std::thread([this] { m_server.listen_after_bind(); });
        while (!m_server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ~Sink() {
        m_server.stop();
        m_thread.join();
    }
    std::string url(const std::string& path) const { return "http://127.0.0.1:" + std::to_string(m_port) + path; }
    std::vector<Seen> seen() {
        std::lock_guard lock(m_mutex);
        return m_seen;
    }
    int port() const { return m_port; }

private:
    Answer m_answer;
    httplib::Server m_server;
    int m_port = 0;
    std::thread m_thread;
    std::mutex m_mutex;
    std::vector<Seen> m_seen;
};

SmsProfile profile(const std::string& name) {
    auto p = SmsProfile::loadFile(std::string(BHXH_SOURCE_DIR) + "/assets/sms-profiles/" + name + ".json");
    REQUIRE(p.ok());
    return std::move(p.value());
}

OutgoingMessage sms(const std::string& key) {
    return {Channel::Sms, key, "0983847986", "", "", "BHXH VN: Ten dang nhap: 0113098765. Mat khau: Xy7{kd}9&Q=", ""};
}

std::string header(const Sink::Seen& s, const std::string& name) {
    auto it = s.headers.find(name);
    return it == s.headers.end() ? std::string{} : it->second;
}

} // namespace

TEST_CASE("generic webhook: bearer, Idempotency-Key, client_ref; a repeated key gets the first answer",
          "[notify][http_sms]") {
    std::map<std::string, std::string> answered;
    int next = 1;
    Sink sink([&](const httplib::Request& req, httplib::Response& res) {
        const std::string key = req.get_header_value("Idempotency-Key");
        if (!answered.count(key)) answered[key] = json{{"id", "g-" + std::to_string(next++)}}.dump();
        res.set_content(answered[key], "application/json");
    });
    HttpSmsSender sender(profile("generic"), {sink.url("/sms/send"), "BHXH", {{"token", "tok-123"}}, {}, 2000, 5000, {}});
    auto r1 = sender.send(sms("outbox-1:sms"));
    REQUIRE(r1.outcome == DeliveryOutcome::Sent);
    CHECK(r1.providerId == "g-1");
    auto r2 = sender.send(sms("outbox-1:sms"));
    CHECK(r2.providerId == "g-1");

    const auto seen = sink.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].path == "/sms/send");
    CHECK(header(seen[0], "Authorization") == "Bearer tok-123");
    CHECK(header(seen[0], "Idempotency-Key") == "outbox-1:sms");
    CHECK(header(seen[0], "Content-Type") == "application/json; charset=utf-8");
    const auto body = json::parse(seen[0].body);
    CHECK(body == json{{"to", "0983847986"}, {"text", sms("x").text}, {"sender", "BHXH"}, {"client_ref", "outbox-1:sms"}});
}

TEST_CASE("generic webhook: 4xx is failed with the gateway's reason, 503 and 429 are retried",
          "[notify][http_sms]") {
    int status = 422;
    Sink sink([&](const httplib::Request&, httplib::Response& res) {
        res.status = status;
        res.set_content(R"({"error":{"code":"bad_to","message":"number not allowed"}})", "application/json");
    });
    HttpSmsSender sender(profile("generic"), {sink.url("/"), "BHXH", {{"token", "t"}}, {}, 2000, 5000, {}});
    auto r = sender.send(sms("k1"));
    CHECK(r.outcome == DeliveryOutcome::Failed);
    CHECK(r.detail == "generic: HTTP 422 code bad_to: number not allowed");
    status = 503;
    CHECK(sender.send(sms("k1")).outcome == DeliveryOutcome::Retry);
    status = 429;
    CHECK(sender.send(sms("k1")).outcome == DeliveryOutcome::Retry);
}

TEST_CASE("eSMS: keys and RequestId in the body; 100 sent; 124 on a resend counts as sent", "[notify][http_sms]") {
    std::set<std::string> requestIds;
    Sink sink([&](const httplib::Request& req, httplib::Response& res) {
        const auto b = json::parse(req.body);
        const std::string id = b.value("RequestId", "");
        if (requestIds.insert(id).second)
            res.set_content(R"({"CodeResult":"100","CountRegenerate":0,"SMSID":"e-77"})", "application/json");
        else
            res.set_content(R"({"CodeResult":"124","ErrorMessage":"RequestId da ton tai"})", "application/json");
    });
    HttpSmsSender sender(profile("esms"),
                         {sink.url("/MainService.svc/json/SendMultipleMessage_V4_post_json/"), "BHXH-Q6",
                          {{"api_key", "AK1"}, {"secret_key", "SK1"}}, {}, 2000, 5000, {}});
    auto r = sender.send(sms("outbox-9:sms"));
    REQUIRE(r.outcome == DeliveryOutcome::Sent);
    CHECK(r.providerId == "e-77");
    auto again = sender.send(sms("outbox-9:sms"));
    CHECK(again.outcome == DeliveryOutcome::Sent);
    CHECK(again.detail.find("already sent") != std::string::npos);

    const auto seen = sink.seen();
    REQUIRE(seen.size() == 2);
    CHECK(seen[0].path == "/MainService.svc/json/SendMultipleMessage_V4_post_json/");
    CHECK(header(seen[0], "Authorization").empty());
    const auto body = json::parse(seen[0].body);
    CHECK(body == json{{"ApiKey", "AK1"}, {"SecretKey", "SK1"}, {"Phone", "0983847986"}, {"Content", sms("x").text},
                       {"Brandname", "BHXH-Q6"}, {"SmsType", "2"}, {"IsUnicode", 0}, {"RequestId", "outbox-9:sms"}});
}

TEST_CASE("eSMS: a provider error code is failed with its message", "[notify][http_sms]") {
    Sink sink([](const httplib::Request&, httplib::Response& res) {
        res.set_content(R"({"CodeResult":"146","ErrorMessage":"Noi dung khong dung mau"})", "application/json");
    });
    HttpSmsSender sender(profile("esms"), {sink.url("/"), "BHXH", {{"api_key", "a"}, {"secret_key", "s"}}, {}, 2000, 5000, {}});
    auto r = sender.send(sms("k"));
    CHECK(r.outcome == DeliveryOutcome::Failed);
    CHECK(r.detail == "esms: HTTP 200 code 146: Noi dung khong dung mau");
}

TEST_CASE("SpeedSMS: Basic token:x, 'to' as an array of 84..., sms_type 3; a timeout is unknown",
          "[notify][http_sms]") {
    bool slow = false;
    Sink sink([&](const httplib::Request&, httplib::Response& res) {
        if (slow) std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        res.set_content(R"({"status":"success","code":"00","data":{"tranId":123456,"totalSMS":1}})", "application/json");
    });
    auto p = profile("speedsms");
    HttpSmsSender sender(p, {sink.url("/index.php/sms/send"), "BHXH", {{"token", "SPEEDTOKEN"}}, {}, 2000, 500, {}});
    auto r = sender.send(sms("k1"));
    REQUIRE(r.outcome == DeliveryOutcome::Sent);
    CHECK(r.providerId == "123456");
    const auto seen = sink.seen();
    REQUIRE(seen.size() == 1);
    CHECK(header(seen[0], "Authorization") == "Basic " + mime::base64("SPEEDTOKEN:x"));
    CHECK(json::parse(seen[0].body) ==
          json{{"to", {"84983847986"}}, {"content", sms("x").text}, {"sender", "BHXH"}, {"sms_type", 3}});

    slow = true;  // the answer comes after our timeout: it may have been sent, never resend blindly
    auto unclear = sender.send(sms("k2"));
    CHECK(unclear.outcome == DeliveryOutcome::Unknown);
}

TEST_CASE("Twilio: form-encoded, Basic SID:token, E.164; 201 sent; 400 failed with message", "[notify][http_sms]") {
    bool reject = false;
    Sink sink([&](const httplib::Request&, httplib::Response& res) {
        if (reject) {
            res.status = 400;
            res.set_content(R"({"code":21211,"message":"Invalid 'To' Phone Number","more_info":"x","status":400})",
                            "application/json");
            return;
        }
        res.status = 201;
        res.set_content(R"({"sid":"SM0123456789abcdef","status":"queued"})", "application/json");
    });
    HttpSmsSender sender(profile("twilio"),
                         {sink.url("/2010-04-01/Accounts/{account_sid}/Messages.json"), "+15005550006",
                          {{"account_sid", "AC42"}, {"auth_token", "tw-secret"}}, {}, 2000, 5000, {}});
    auto r = sender.send(sms("k1"));
    REQUIRE(r.outcome == DeliveryOutcome::Sent);
    CHECK(r.providerId == "SM0123456789abcdef");
    const auto seen = sink.seen();
    REQUIRE(seen.size() == 1);
    CHECK(seen[0].path == "/2010-04-01/Accounts/AC42/Messages.json");
    CHECK(header(seen[0], "Authorization") == "Basic " + mime::base64("AC42:tw-secret"));
    CHECK(header(seen[0], "Content-Type") == "application/x-www-form-urlencoded");
    CHECK(seen[0].body ==
          "To=%2B84983847986&Body=BHXH%20VN%3A%20Ten%20dang%20nhap%3A%200113098765.%20Mat%20khau%3A%20Xy7%7Bkd%7D9%26Q%3D"
          "&From=%2B15005550006");
    reject = true;
    auto bad = sender.send(sms("k2"));
    CHECK(bad.outcome == DeliveryOutcome::Failed);
    CHECK(bad.detail == "twilio: HTTP 400 code 21211: Invalid 'To' Phone Number");
}

TEST_CASE("connection refused is retried; plain http to a non-loopback host is refused unsent", "[notify][http_sms]") {
    const int port = bhxh::test::freePort();
    HttpSmsSender down(profile("speedsms"),
                       {"http://127.0.0.1:" + std::to_string(port) + "/", "BHXH", {{"token", "t"}}, {}, 2000, 2000, {}});
    auto r = down.send(sms("k"));
    CHECK(r.outcome == DeliveryOutcome::Retry);
    CHECK(r.detail.find("cannot connect") != std::string::npos);

    HttpSmsSender plain(profile("generic"), {"http://sms.example.vn/send", "BHXH", {{"token", "t"}}, {}, 2000, 2000, {}});
    auto p = plain.send(sms("k"));
    CHECK(p.outcome == DeliveryOutcome::Failed);
    CHECK(p.detail.find("only https") != std::string::npos);
}
