#include "chip/ber_tlv.h"
#include "chip/hex.h"

#include <catch2/catch.hpp>

using namespace bhxh::chip;

namespace {
Bytes hex(const char* s) { return *Hex::decode(s); }
} // namespace

TEST_CASE("BER-TLV reads short, long and multi-byte tags", "[chip][tlv]") {
    const auto data = hex("5f1f 03 414243 7f61 81 02 0201 01 82 0001 ff");
    auto all = BerTlv::readAll(data);
    REQUIRE(all.ok());
    REQUIRE(all->size() == 3);
    CHECK((*all)[0].tag == 0x5F1F);
    CHECK_FALSE((*all)[0].constructed);
    CHECK(textOf((*all)[0].value) == "ABC");
    CHECK((*all)[1].tag == 0x7F61);
    CHECK((*all)[1].constructed);
    CHECK((*all)[1].value.size() == 2);
    CHECK((*all)[2].tag == 0x01);
    CHECK((*all)[2].value.size() == 1);
    CHECK((*all)[2].encodedSize == 5);
}

TEST_CASE("BER-TLV refuses what it cannot bound", "[chip][tlv]") {
    const auto reason = [](const char* h) {
        auto r = BerTlv::readAll(hex(h));
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().code == "chip.bad_tlv");
        return r.error().message;
    };
    CHECK(reason("30 80 0000") == "the indefinite length is not allowed");
    CHECK(reason("04 05 0102") == "a TLV value longer than the data holding it");
    CHECK(reason("04 85 0000000001 00") == "a TLV length of more than 4 bytes");
    CHECK(reason("5f") == "a TLV tag cut short");
    CHECK(reason("5f 9f 9f 01 00") == "a TLV tag longer than 3 bytes");
    CHECK(reason("04") == "a TLV length missing");
    CHECK(reason("04 82 01") == "a TLV length cut short");
    CHECK(reason("04 84 ffffffff") == "a TLV value longer than the data holding it");
    CHECK(reason("00 00") == "a TLV element starts with a padding byte");
    Bytes many;
    for (int i = 0; i < 5000; ++i) many.insert(many.end(), {0x04, 0x00});
    auto r = BerTlv::readAll(many);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().message == "more than 4096 TLV elements in one level");
}

TEST_CASE("BER-TLV readOne allows trailing padding; find looks one level", "[chip][tlv]") {
    auto one = BerTlv::readOne(hex("60 02 0500 ffff"));
    REQUIRE(one.ok());
    CHECK(one->encodedSize == 4);
    CHECK(BerTlv::find(hex("01 00 5c 01 61"), 0x5C).has_value());
    CHECK_FALSE(BerTlv::find(hex("01 00 5c 01 61"), 0x5D).has_value());
}

TEST_CASE("BER-TLV encodes DER lengths", "[chip][tlv]") {
    CHECK(Hex::encode(BerTlv::encodeLength(0x7F)) == "7f");
    CHECK(Hex::encode(BerTlv::encodeLength(0x80)) == "8180");
    CHECK(Hex::encode(BerTlv::encodeLength(0x1234)) == "821234");
    const Bytes v(300, 0xAB);
    const auto e = BerTlv::encode(0x5F2E, v);
    CHECK(Hex::encode(ByteView(e).first(5)) == "5f2e82012c");
    auto back = BerTlv::readOne(e);
    REQUIRE(back.ok());
    CHECK(back->tag == 0x5F2E);
    CHECK(back->value.size() == 300);
}
