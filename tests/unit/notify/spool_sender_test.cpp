#include "notify/spool_sender.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

using namespace bhxh::notify;
namespace fs = std::filesystem;

namespace {

fs::path freshDir(const std::string& tag) {
    std::random_device rd;
    auto dir = fs::temp_directory_path() / ("bhxh-notify-" + tag + "-" + std::to_string(rd()));
    fs::remove_all(dir);
    return dir;
}

std::string readAll(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

} // namespace

TEST_CASE("SMS spool writes one JSON file per message, once per key", "[notify][spool]") {
    const auto dir = freshDir("sms");
    SpoolSender spool(dir, Channel::Sms);
    OutgoingMessage m{Channel::Sms, "outbox/7:sms", "0983847986", "", "", "BHXH VN: xin chao", ""};
    auto r = spool.send(m);
    REQUIRE(r.outcome == DeliveryOutcome::Sent);
    const auto file = spool.pathFor(m.key);
    CHECK(file.filename() == "outbox_7_sms.sms.json");
    const auto j = nlohmann::json::parse(readAll(file));
    CHECK(j["to"] == "0983847986");
    CHECK(j["text"] == "BHXH VN: xin chao");
    m.text = "changed";
    CHECK(spool.send(m).outcome == DeliveryOutcome::Sent);
    CHECK(nlohmann::json::parse(readAll(file))["text"] == "BHXH VN: xin chao");
    std::size_t files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
    CHECK(files == 1);
    fs::remove_all(dir);
}

TEST_CASE("e-mail spool writes a MIME .eml", "[notify][spool]") {
    const auto dir = freshDir("eml");
    SpoolSender spool(dir, Channel::Email, {"no-reply@bhxh-q6.vn", "BHXH Quận 6"});
    OutgoingMessage m{Channel::Email, "k9", "biennt@example.vn", "Nguyễn Thành Biên", "Tài khoản", "Xin chào", "<p>x</p>"};
    REQUIRE(spool.send(m).outcome == DeliveryOutcome::Sent);
    const std::string eml = readAll(dir / "k9.eml");
    CHECK(eml.find("Message-ID: <bhxh.k9@bhxh-q6.vn>\r\n") != std::string::npos);
    CHECK(eml.find("multipart/alternative") != std::string::npos);
    fs::remove_all(dir);
}

TEST_CASE("a spool folder that cannot be created is a retry, not a loss", "[notify][spool]") {
    const auto base = freshDir("blocked");
    fs::create_directories(base.parent_path());
    { std::ofstream(base) << "a file, not a folder"; }
    SpoolSender spool(base / "sub", Channel::Sms);
    CHECK(spool.send({Channel::Sms, "k", "0983847986", "", "", "x", ""}).outcome == DeliveryOutcome::Retry);
    fs::remove(base);
}
