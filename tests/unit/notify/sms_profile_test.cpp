#include "notify/sms_profile.h"

#include <catch2/catch.hpp>

using namespace bhxh::notify;

namespace {

SmsProfile load(const std::string& name) {
    auto p = SmsProfile::loadFile(std::string(BHXH_SOURCE_DIR) + "/assets/sms-profiles/" + name + ".json");
    REQUIRE(p.ok());
    return std::move(p.value());
}

HttpResponse answer(long status, std::string body) {
    HttpResponse r;
    r.status = status;
    r.body = std::move(body);
    return r;
}

HttpResponse transport(HttpResponse::Transport t) {
    HttpResponse r;
    r.transport = t;
    r.transportDetail = "test";
    return r;
}

} // namespace

TEST_CASE("phone formats of the profiles", "[notify][profile]") {
    CHECK(load("esms").formatPhone("0983847986") == "0983847986");
    CHECK(load("esms").formatPhone("+84 983 847 986") == "0983847986");
    CHECK(load("speedsms").formatPhone("0983847986") == "84983847986");
    CHECK(load("twilio").formatPhone("84983847986") == "+84983847986");
    CHECK(load("twilio").formatPhone("098384798").empty());
    CHECK(load("twilio").formatPhone("0083847986").empty());
    CHECK(load("generic").formatPhone("09838x7986").empty());
}

TEST_CASE("a secret the profile names but the config lacks is an error naming it", "[notify][profile]") {
    OutgoingMessage m{Channel::Sms, "key-1", "0983847986", "", "", "hello", ""};
    auto r = load("esms").buildRequest(m, "BHXH", {{"api_key", "A"}});
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message.find("secret_key") != std::string::npos);
    auto bad = load("generic").buildRequest({Channel::Sms, "k", "12345", "", "", "x", ""}, "BHXH", {{"token", "t"}},
                                            "http://127.0.0.1:1/sms");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().code == "notify.bad_phone");
}

TEST_CASE("eSMS classification: 100 sent, 124 already sent, errors failed with reason", "[notify][profile]") {
    const auto p = load("esms");
    auto ok = p.classify(answer(200, R"({"CodeResult":"100","SMSID":"abc-1"})"));
    CHECK(ok.outcome == DeliveryOutcome::Sent);
    CHECK(ok.providerId == "abc-1");
    CHECK(p.classify(answer(200, R"({"CodeResult":"124","ErrorMessage":"Duplicate RequestId"})")).outcome ==
          DeliveryOutcome::Sent);
    auto bad = p.classify(answer(200, R"({"CodeResult":"108","ErrorMessage":"Phone invalid"})"));
    CHECK(bad.outcome == DeliveryOutcome::Failed);
    CHECK(bad.detail == "esms: HTTP 200 code 108: Phone invalid");
    // Idempotent (RequestId): unclear answers and timeouts are retried.
    CHECK(p.classify(answer(200, "<html>oops</html>")).outcome == DeliveryOutcome::Retry);
    CHECK(p.classify(transport(HttpResponse::Transport::Timeout)).outcome == DeliveryOutcome::Retry);
    CHECK(p.classify(answer(502, "")).outcome == DeliveryOutcome::Retry);
}

TEST_CASE("SpeedSMS has no idempotency: only clear refusals are retried", "[notify][profile]") {
    const auto p = load("speedsms");
    CHECK(p.classify(answer(200, R"({"status":"success","code":"00","data":{"tranId":7}})")).providerId == "7");
    CHECK(p.classify(answer(429, "")).outcome == DeliveryOutcome::Retry);
    CHECK(p.classify(answer(503, "")).outcome == DeliveryOutcome::Retry);
    CHECK(p.classify(transport(HttpResponse::Transport::ConnectFailed)).outcome == DeliveryOutcome::Retry);
    CHECK(p.classify(transport(HttpResponse::Transport::Timeout)).outcome == DeliveryOutcome::Unknown);
    CHECK(p.classify(answer(500, "")).outcome == DeliveryOutcome::Unknown);
    CHECK(p.classify(answer(200, "not json")).outcome == DeliveryOutcome::Unknown);
    CHECK(p.classify(answer(200, R"({"status":"error","code":"500","message":"internal"})")).outcome ==
          DeliveryOutcome::Unknown);
    auto bad = p.classify(answer(200, R"({"status":"error","code":"105","message":"phone invalid"})"));
    CHECK(bad.outcome == DeliveryOutcome::Failed);
    CHECK(bad.detail.find("105") != std::string::npos);
}

TEST_CASE("Twilio: 201 sent, 20429 retried, 400 failed with the message", "[notify][profile]") {
    const auto p = load("twilio");
    CHECK(p.classify(answer(201, R"({"sid":"SM123","status":"queued"})")).providerId == "SM123");
    CHECK(p.classify(answer(429, R"({"code":20429,"message":"Too Many Requests","status":429})")).outcome ==
          DeliveryOutcome::Retry);
    auto bad = p.classify(answer(400, R"({"code":21211,"message":"The 'To' number is not valid.","status":400})"));
    CHECK(bad.outcome == DeliveryOutcome::Failed);
    CHECK(bad.detail == "twilio: HTTP 400 code 21211: The 'To' number is not valid.");
    CHECK(p.classify(transport(HttpResponse::Transport::Other)).outcome == DeliveryOutcome::Unknown);
}

TEST_CASE("bad profiles are rejected with the field at fault", "[notify][profile]") {
    CHECK_FALSE(SmsProfile::fromJson("[]").ok());
    auto enc = SmsProfile::fromJson(R"({"name":"x","encoding":"xml","fields":{"to":"a","text":"b"}})");
    REQUIRE_FALSE(enc.ok());
    CHECK(enc.error().message.find("encoding") != std::string::npos);
    auto phone = SmsProfile::fromJson(R"({"name":"x","phone_format":"1","fields":{"to":"a","text":"b"}})");
    REQUIRE_FALSE(phone.ok());
    CHECK(phone.error().message.find("phone_format") != std::string::npos);
}

TEST_CASE("a profile naming its secrets with the old doubled braces is refused at load", "[notify][profile]") {
    auto old = SmsProfile::fromJson(R"({"name":"x","auth":{"type":"body","fields":{"ApiKey":"{{api_key}}"}},
                                        "fields":{"to":"a","text":"b"}})");
    REQUIRE_FALSE(old.ok());
    CHECK(old.error().message.find("auth.fields.ApiKey") != std::string::npos);
    CHECK(old.error().message.find("written {api_key}") != std::string::npos);
    auto url = SmsProfile::fromJson(R"({"name":"x","url":"https://g.example/{{sid}}/send","fields":{"to":"a","text":"b"}})");
    REQUIRE_FALSE(url.ok());
    CHECK(url.error().message.find("url") != std::string::npos);
    auto current = SmsProfile::fromJson(R"({"name":"x","auth":{"type":"bearer","token":"{token}"},"fields":{"to":"a","text":"b"}})");
    CHECK(current.ok());
}
