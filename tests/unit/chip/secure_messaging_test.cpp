// Secure messaging and the 3DES pieces against ICAO 9303-11 Appendix D's worked example.
#include "chip/hex.h"
#include "chip_pcsc/des_cipher.h"
#include "chip_pcsc/secure_messaging.h"

#include <catch2/catch.hpp>

using namespace bhxh::chip;

namespace {
Bytes hex(const char* s) { return *Hex::decode(s); }
} // namespace

TEST_CASE("the BAC EXTERNAL AUTHENTICATE cryptogram matches ICAO 9303-11 D.3", "[chip][sm]") {
    // S = RND.IFD ‖ RND.ICC ‖ K.IFD, encrypted with K_enc and MACed with K_mac.
    const Bytes s = hex("781723860c06c226 4608f91988702212 0b795240cb7049b01c19b33e32804f0b");
    const auto e = DesCipher::encrypt(hex("ab94fdecf2674fdfb9b391f85d7f76f2"), s);
    REQUIRE(e.ok());
    CHECK(Hex::encode(*e) == "72c29c2371cc9bdb65b779b8e8d37b29ecc154aa56a8799fae2f498f76ed92f2");
    const auto m = DesCipher::retailMac(hex("7962d9ece03d1acd4c76089dce131543"), DesCipher::pad(*e));
    REQUIRE(m.ok());
    CHECK(Hex::encode(*m) == "5f1448eea8ad90a7");
}

TEST_CASE("SELECT EF.COM under secure messaging matches ICAO 9303-11 D.4", "[chip][sm]") {
    SecureMessaging sm(hex("979ec13b1cbfe9dcd01ab0fed307eae5"), hex("f1cb1f1fb5adf208806b89dc579dc1f8"),
                       0x887022120C06C226ull);
    const auto wrapped = sm.wrap(hex("00a4020c02011e"));
    REQUIRE(wrapped.ok());
    CHECK(Hex::encode(*wrapped) == "0ca4020c158709016375432908c044f68e08bf8b92d635ff24f800");
    const auto answer = sm.unwrap(hex("990290008e08fa855a5d4c50a8ed9000"));
    REQUIRE(answer.ok());
    CHECK(answer->status == 0x9000);
    CHECK(answer->data.empty());
    CHECK(sm.ssc() == 0x887022120C06C228ull);
}

TEST_CASE("a response with a wrong MAC or without one is refused", "[chip][sm]") {
    SecureMessaging sm(hex("979ec13b1cbfe9dcd01ab0fed307eae5"), hex("f1cb1f1fb5adf208806b89dc579dc1f8"),
                       0x887022120C06C226ull);
    REQUIRE(sm.wrap(hex("00a4020c02011e")).ok());
    auto bad = sm.unwrap(hex("990290008e08fa855a5d4c50a8ee9000"));
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message == "the response's MAC is wrong");
    CHECK(sm.unwrap(hex("9000")).error().code == "chip.sm");
    CHECK(sm.unwrap(hex("99029000 9000")).error().message == "a response without its MAC");
}

TEST_CASE("method-2 padding round-trips and is required", "[chip][sm]") {
    CHECK(Hex::encode(DesCipher::pad(hex("0102"))) == "0102800000000000");
    CHECK(Hex::encode(DesCipher::pad(hex("0102030405060708"))) == "01020304050607088000000000000000");
    CHECK(DesCipher::unpad(hex("0102800000000000")).value() == hex("0102"));
    CHECK_FALSE(DesCipher::unpad(hex("0102000000000000")).ok());
}
