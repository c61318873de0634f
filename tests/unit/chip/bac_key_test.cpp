#include "chip/bac_key.h"
#include "chip/hex.h"
#include "chip/sha1.h"

#include <catch2/catch.hpp>

using namespace bhxh::chip;

namespace {
std::string sha1Hex(std::string_view s) {
    const auto d = Sha1::of(bytesOf(s));
    return Hex::encode(d);
}
} // namespace

TEST_CASE("SHA-1 matches the FIPS 180 examples", "[chip][sha1]") {
    CHECK(sha1Hex("") == "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    CHECK(sha1Hex("abc") == "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK(sha1Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
    CHECK(sha1Hex(std::string(1000000, 'a')) == "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
}

TEST_CASE("BAC keys match ICAO 9303-11 Appendix D's worked example", "[chip][bac]") {
    const BacInput in{"L898902C", "690806", "940623"};
    CHECK(BacKeyDerivation::mrzInformation(in).value() == "L898902C<369080619406236");
    const auto keys = BacKeyDerivation::derive(in);
    REQUIRE(keys.ok());
    CHECK(Hex::encode(keys->seed) == "239ab9cb282daf66231dc5a4df6bfbae");
    CHECK(Hex::encode(keys->enc) == "ab94fdecf2674fdfb9b391f85d7f76f2");
    CHECK(Hex::encode(keys->mac) == "7962d9ece03d1acd4c76089dce131543");
}

TEST_CASE("BAC session keys from K.IFD xor K.ICC (ICAO 9303-11 Appendix D.3)", "[chip][bac]") {
    const auto kifd = *Hex::decode("0b795240cb7049b01c19b33e32804f0b");
    const auto kicc = *Hex::decode("0b4f80323eb3191cb04970cb4052790b");
    Bytes seed(16);
    for (std::size_t i = 0; i < 16; ++i) seed[i] = kifd[i] ^ kicc[i];
    CHECK(Hex::encode(BacKeyDerivation::deriveKey(seed, 1)) == "979ec13b1cbfe9dcd01ab0fed307eae5");
    CHECK(Hex::encode(BacKeyDerivation::deriveKey(seed, 2)) == "f1cb1f1fb5adf208806b89dc579dc1f8");
}

TEST_CASE("BAC input is refused with a reason", "[chip][bac]") {
    CHECK(BacKeyDerivation::derive({"", "690806", "940623"}).error().code == "chip.bad_bac_input");
    CHECK(BacKeyDerivation::derive({"1234567890", "690806", "940623"}).error().message ==
          "the document number has 1 to 9 characters");
    CHECK(BacKeyDerivation::derive({"l898902c", "690806", "940623"}).error().code == "chip.bad_bac_input");
    CHECK(BacKeyDerivation::derive({"L898902C", "691306", "940623"}).error().message == "the birth date is not YYMMDD");
    CHECK(BacKeyDerivation::derive({"L898902C", "690806", "9406"}).error().message == "the expiry date is not YYMMDD");
}

TEST_CASE("DES parity adjustment sets odd parity", "[chip][bac]") {
    const auto k = BacKeyDerivation::adjustParity({0x00, 0x01, 0xFE, 0xFF, 0x80});
    CHECK(Hex::encode(k) == "0101fefe80");
}
