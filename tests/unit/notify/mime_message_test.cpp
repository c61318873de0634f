#include "notify/mime_message.h"

#include <catch2/catch.hpp>

using namespace bhxh::notify;

TEST_CASE("base64 of the RFC 4648 vectors", "[notify][mime]") {
    CHECK(mime::base64("") == "");
    CHECK(mime::base64("f") == "Zg==");
    CHECK(mime::base64("fo") == "Zm8=");
    CHECK(mime::base64("foo") == "Zm9v");
    CHECK(mime::base64("foobar") == "Zm9vYmFy");
}

TEST_CASE("quoted-printable keeps UTF-8 sequences whole and lines short", "[notify][mime]") {
    CHECK(mime::quotedPrintable("Biên = ok") == "Bi=C3=AAn =3D ok\r\n");
    CHECK(mime::quotedPrintable("a \nb") == "a=20\r\nb\r\n");
    std::string longLine;
    for (int i = 0; i < 40; ++i) longLine += "Nguyễn ";
    const std::string qp = mime::quotedPrintable(longLine);
    std::size_t start = 0;
    while (start < qp.size()) {
        const std::size_t end = qp.find("\r\n", start);
        REQUIRE(end != std::string::npos);
        const std::string line = qp.substr(start, end - start);
        CHECK(line.size() <= 76);
        // A soft break never falls inside an =XX escape.
        if (line.size() >= 3) CHECK(line[line.size() - 2] != '=');
        start = end + 2;
    }
}

TEST_CASE("RFC 2047 encoded words stay under 75 characters and split between characters", "[notify][mime]") {
    CHECK(mime::encodeHeaderText("Plain subject") == "Plain subject");
    CHECK(mime::encodeHeaderText("Bad\r\nBcc: x@y") == "Bad  Bcc: x@y");
    const std::string subject = "BHXH Việt Nam – tài khoản giao dịch điện tử của Nguyễn Thành Biên";
    const std::string enc = mime::encodeHeaderText(subject);
    CHECK(enc.rfind("=?UTF-8?B?", 0) == 0);
    std::size_t start = 0;
    int words = 0;
    while (start < enc.size()) {
        std::size_t end = enc.find("\r\n ", start);
        if (end == std::string::npos) end = enc.size();
        CHECK(end - start <= 75);
        ++words;
        start = end == enc.size() ? end : end + 3;
    }
    CHECK(words >= 2);
}

TEST_CASE("addresses, date and a stable Message-ID", "[notify][mime]") {
    CHECK(mime::formatAddress("", "a@b.vn") == "<a@b.vn>");
    CHECK(mime::formatAddress("BHXH Q6", "a@b.vn") == "\"BHXH Q6\" <a@b.vn>");
    CHECK(mime::formatAddress("Bảo hiểm", "a@b.vn").rfind("=?UTF-8?B?", 0) == 0);
    CHECK(mime::formatDate(0) == "Thu, 01 Jan 1970 00:00:00 +0000");
    CHECK(mime::formatDate(1795321915) == "Sun, 22 Nov 2026 04:31:55 +0000");
    CHECK(mime::messageIdFor("outbox:42/email", "no-reply@bhxh-q6.vn") == "<bhxh.outbox.42.email@bhxh-q6.vn>");
    CHECK(mime::messageIdFor("k", "x") == "<bhxh.k@localhost>");
}

TEST_CASE("build gives multipart/alternative with both parts", "[notify][mime]") {
    OutgoingMessage m;
    m.channel = Channel::Email;
    m.key = "k-1";
    m.to = "biennt@example.vn";
    m.toName = "Nguyễn Thành Biên";
    m.subject = "Tài khoản";
    m.text = "Xin chào";
    m.html = "<p>Xin chào</p>";
    const std::string mail = mime::build(m, {"no-reply@bhxh.local", "BHXH Quận 6"}, 0);
    CHECK(mail.find("Content-Type: multipart/alternative; boundary=\"=_bhxh_") != std::string::npos);
    CHECK(mail.find("Content-Type: text/plain; charset=UTF-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nXin ch=C3=A0o\r\n") != std::string::npos);
    CHECK(mail.find("<p>Xin ch=C3=A0o</p>") != std::string::npos);
    CHECK(mail.find("Message-ID: <bhxh.k-1@bhxh.local>\r\n") != std::string::npos);
    CHECK(mail.find("Subject: =?UTF-8?B?") != std::string::npos);
    for (unsigned char c : mail) CHECK(c < 0x80);
}
