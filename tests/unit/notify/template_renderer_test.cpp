#include "common/unicode_text.h"
#include "notify/sms_text.h"
#include "notify/template_renderer.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace bhxh::notify;

namespace {

TemplateRenderer loadRenderer() {
    auto r = TemplateRenderer::loadDirectory(std::string(BHXH_SOURCE_DIR) + "/assets/templates/notify");
    INFO((r.ok() ? std::string() : r.error().describe()));
    REQUIRE(r.ok());
    return std::move(r.value());
}

Notification approval(const std::string& lang, const std::string& password) {
    Notification n;
    n.kind = NotificationKind::Approval;
    n.language = lang;
    n.vars = {{"full_name", "Tôn Nữ Hoàng Phương Thảo"}, {"username", "0113098765"},
              {"initial_password", password}, {"dossier_no", "07916-2026-000123"},
              {"office_name", "BHXH Quận 6"}};
    return n;
}

Notification rejection(const std::string& lang, const std::string& code, const std::string& text = {}) {
    Notification n;
    n.kind = NotificationKind::Rejection;
    n.language = lang;
    n.vars = {{"full_name", "Nguyễn Thành Biên"}, {"dossier_no", "07916-2026-000123"},
              {"office_name", "BHXH Quận 6"}, {"reason_code", code}};
    if (!text.empty()) n.vars["reason_text"] = text;
    return n;
}

std::size_t partsOf(const std::string& s) {
    auto p = sms::parts(s);
    REQUIRE(p.has_value());
    return *p;
}

} // namespace

TEST_CASE("approval SMS carries login and password, unaccented, in one part", "[notify][templates]") {
    const auto r = loadRenderer();
    auto sms = r.render(approval("vi", "Xy7kd9Q2mPa4"), Channel::Sms);
    REQUIRE(sms.ok());
    CHECK(sms->text.find("Ten dang nhap: 0113098765") != std::string::npos);
    CHECK(sms->text.find("Mat khau: Xy7kd9Q2mPa4") != std::string::npos);
    CHECK(sms->text.find("doi mat khau khi dang nhap lan dau") != std::string::npos);
    CHECK(partsOf(sms->text) == 1);
    for (unsigned char c : sms->text) CHECK(c < 0x80);
}

TEST_CASE("approval SMS with the longest password full of escape characters fits two parts", "[notify][templates]") {
    const auto r = loadRenderer();
    for (const char* lang : {"vi", "en"}) {
        auto sms = r.render(approval(lang, "{[Ab3~9|Qz^]}\\x{y}#&"), Channel::Sms);
        REQUIRE(sms.ok());
        CHECK(partsOf(sms->text) <= 2);
        CHECK(sms->text.find("{[Ab3~9|Qz^]}\\x{y}#&") != std::string::npos);
    }
}

TEST_CASE("rejection SMS has the reason text of the code without diacritics", "[notify][templates]") {
    const auto r = loadRenderer();
    auto sms = r.render(rejection("vi", "phone_in_use"), Channel::Sms);
    REQUIRE(sms.ok());
    CHECK(sms->text.find("Ly do: So dien thoai da dang ky cho ma so BHXH khac.") != std::string::npos);
    CHECK(partsOf(sms->text) <= 2);
    // Every code, both languages, with the longest dossier number, within two parts.
    for (const char* lang : {"vi", "en"})
        for (const char* code : {"photo_mismatch", "id_mismatch", "name_no_diacritics", "bhxh_code_wrong", "phone_in_use",
                                 "email_in_use", "image_unreadable", "guardian_invalid"}) {
            auto s = r.render(rejection(lang, code), Channel::Sms);
            REQUIRE(s.ok());
            CHECK(partsOf(s->text) <= 2);
        }
}

TEST_CASE("rejection e-mail keeps the Vietnamese reason with diacritics", "[notify][templates]") {
    const auto r = loadRenderer();
    auto mail = r.render(rejection("vi", "email_in_use"), Channel::Email);
    REQUIRE(mail.ok());
    CHECK(mail->text.find("Lý do: Địa chỉ thư điện tử đã đăng ký cho tài khoản khác.") != std::string::npos);
    CHECK(mail->subject == "BHXH Việt Nam – hồ sơ 07916-2026-000123 chưa được chấp nhận");
    CHECK(mail->html.find("<strong>Địa chỉ thư điện tử đã đăng ký cho tài khoản khác</strong>") != std::string::npos);
}

TEST_CASE("free-text reason 'other' is required and shortened to fit two SMS parts", "[notify][templates]") {
    const auto r = loadRenderer();
    auto missing = r.render(rejection("vi", "other"), Channel::Sms);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "notify.reason_code");

    std::string longText;
    while (longText.size() < 600) longText += "Giấy khai sinh của cháu bị mờ, đề nghị mang bản chính đến bộ phận một cửa. ";
    auto sms = r.render(rejection("vi", "other", longText), Channel::Sms);
    REQUIRE(sms.ok());
    CHECK(partsOf(sms->text) == 2);
    CHECK(sms->text.find("Ly do: Giay khai sinh cua chau bi mo, de nghi") != std::string::npos);
    CHECK(sms->text.find("...") != std::string::npos);

    // The e-mail keeps the whole text.
    auto mail = r.render(rejection("vi", "other", longText), Channel::Email);
    REQUIRE(mail.ok());
    CHECK(mail->text.find(bhxh::text::nfc("Giấy khai sinh của cháu bị mờ, đề nghị mang bản chính")) != std::string::npos);
}

TEST_CASE("unknown reason code and missing variables are errors naming them", "[notify][templates]") {
    const auto r = loadRenderer();
    auto bad = r.render(rejection("vi", "no_such_code"), Channel::Email);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("no_such_code") != std::string::npos);

    auto n = approval("vi", "abc");
    n.vars.erase("initial_password");
    auto missing = r.render(n, Channel::Sms);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().code == "placeholder.missing");
    CHECK(missing.error().message.find("initial_password") != std::string::npos);
}

TEST_CASE("approval e-mail has diacritics, the first-login rule and escaped HTML", "[notify][templates]") {
    const auto r = loadRenderer();
    auto n = approval("vi", "p<&>\"'1");
    n.vars["full_name"] = "Nguyễn Thành Biên <script>";
    auto mail = r.render(n, Channel::Email);
    REQUIRE(mail.ok());
    CHECK(mail->subject == "BHXH Việt Nam – tài khoản giao dịch điện tử của Nguyễn Thành Biên <script>");
    CHECK(mail->text.find("Mật khẩu ban đầu: p<&>\"'1") != std::string::npos);
    CHECK(mail->text.find("bắt buộc phải đổi mật khẩu ngay khi đăng nhập lần đầu") != std::string::npos);
    CHECK(mail->html.find("Nguyễn Thành Biên &lt;script&gt;") != std::string::npos);
    CHECK(mail->html.find("<script>") == std::string::npos);
    CHECK(mail->html.find("<code>p&lt;&amp;&gt;&quot;&#39;1</code>") != std::string::npos);
}

TEST_CASE("adjustment and stop confirmations, with dates in DD/MM/YYYY", "[notify][templates]") {
    const auto r = loadRenderer();
    Notification adj;
    adj.kind = NotificationKind::Adjustment;
    adj.vars = {{"full_name", "Nguyễn Thành Biên"}, {"username", "0113098765"}, {"dossier_no", "07916-2026-000124"},
                {"office_name", "BHXH Quận 6"}, {"changed_field", "email"},
                {"new_value", "nguyen.thanh.bien.phuc.tho.ha.noi.1984@dichvucong-example.gov.vn"}};
    auto sms = r.render(adj, Channel::Sms);
    REQUIRE(sms.ok());
    CHECK(sms->text.find("da duoc cap nhat dia chi thu dien tu moi: nguyen.thanh.bien.phuc.tho.ha.noi.1984@") !=
          std::string::npos);
    CHECK(partsOf(sms->text) <= 2);
    auto mail = r.render(adj, Channel::Email);
    REQUIRE(mail.ok());
    CHECK(mail->text.find("địa chỉ thư điện tử của tài khoản 0113098765 đã được cập nhật") != std::string::npos);

    Notification stop;
    stop.kind = NotificationKind::Stop;
    stop.vars = {{"full_name", "Nguyễn Thành Biên"}, {"username", "0113098765"}, {"dossier_no", "07916-2026-000125"},
                 {"office_name", "BHXH Quận 6"}, {"from_date", "2026-12-01"}};
    auto stopSms = r.render(stop, Channel::Sms);
    REQUIRE(stopSms.ok());
    CHECK(stopSms->text.find("ngung hoat dong tu ngay 01/12/2026") != std::string::npos);
    CHECK(partsOf(stopSms->text) <= 2);
    stop.language = "en";
    auto stopMail = r.render(stop, Channel::Email);
    REQUIRE(stopMail.ok());
    CHECK(stopMail->subject == "Vietnam Social Security – account 0113098765 closed from 01/12/2026");
}

TEST_CASE("an unknown language falls back to Vietnamese; a bad template file is an error", "[notify][templates]") {
    const auto r = loadRenderer();
    auto sms = r.render(approval("fr", "abc123"), Channel::Sms);
    REQUIRE(sms.ok());
    CHECK(sms->text.rfind("BHXH VN:", 0) == 0);

    TemplateRenderer t;
    CHECK_FALSE(t.addLanguage("xx", "{not json").ok());
    auto noStop = t.addLanguage("xx", R"({"templates":{"approval":{"sms":"a","email_subject":"b","email_text":"c","email_html":"d"}}})");
    REQUIRE_FALSE(noStop.ok());
    CHECK(noStop.error().message.find("rejection") != std::string::npos);
}

TEST_CASE("a template folder still written with the old doubled placeholders is refused at load", "[notify][templates]") {
    // An operator's copy of the templates from before issue #22: {{full_name}} would otherwise
    // come out as "{Biên}" in a letter; the load names the file, the template and the new form.
    const auto dir = std::filesystem::temp_directory_path() / ("bhxh-old-templates-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ifstream in(std::string(BHXH_SOURCE_DIR) + "/assets/templates/notify/vi.json", std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    const std::string current = "Kính gửi Ông/Bà {full_name},";
    const auto at = text.find(current);
    REQUIRE(at != std::string::npos);
    text.replace(at, current.size(), "Kính gửi Ông/Bà {{full_name}},");
    std::ofstream(dir / "vi.json", std::ios::binary) << text;

    auto loaded = TemplateRenderer::loadDirectory(dir);
    std::filesystem::remove_all(dir);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().code == "notify.templates");
    CHECK(loaded.error().message.find("vi.json") != std::string::npos);
    CHECK(loaded.error().message.find("templates.approval.email_text") != std::string::npos);
    CHECK(loaded.error().message.find("{{full_name}}") != std::string::npos);
    CHECK(loaded.error().message.find("written {full_name}") != std::string::npos);
}
