#include "notify/sms_text.h"

#include <catch2/catch.hpp>

#include <string>

using namespace bhxh::notify;

TEST_CASE("GSM-7 septets count escape characters twice", "[notify][sms]") {
    CHECK(sms::septets("abc") == 3u);
    CHECK(sms::septets("a{b}") == 6u);
    CHECK(sms::septets("[]~|^\\") == 12u);
    CHECK_FALSE(sms::septets("a`b").has_value());
    CHECK_FALSE(sms::septets("Biên").has_value());
}

TEST_CASE("SMS parts: 160 single, 153 per concatenated part, escapes never split", "[notify][sms]") {
    CHECK(sms::parts("") == 1u);
    CHECK(sms::parts(std::string(160, 'a')) == 1u);
    CHECK(sms::parts(std::string(161, 'a')) == 2u);
    CHECK(sms::parts(std::string(306, 'a')) == 2u);
    CHECK(sms::parts(std::string(307, 'a')) == 3u);
    CHECK(sms::parts(std::string(80, '{')) == 1u);  // 160 septets
    CHECK(sms::parts(std::string(81, '{')) == 2u);
    // 152 plain + one escape pair: the pair moves to part two.
    CHECK(sms::parts(std::string(152, 'a') + "{" + std::string(152, 'a')) == 3u);
}

TEST_CASE("toGsmText transliterates Vietnamese and typography", "[notify][sms]") {
    CHECK(sms::toGsmText("Nguyễn Thành Biên") == "Nguyen Thanh Bien");
    CHECK(sms::toGsmText("Đỗ Đức Được") == "Do Duc Duoc");
    CHECK(sms::toGsmText("“Hồ sơ” – số 1…") == "\"Ho so\" - so 1...");
    CHECK(sms::toGsmText("a\tb`c 😀") == "a b?c ?");
    CHECK(sms::septets(sms::toGsmText("Thủ Đức, TP. Hồ Chí Minh")).has_value());
}
