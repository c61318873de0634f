// Active authentication's ECDSA check (ICAO 9303-11 §6.1, BSI TR-03111 plain signatures) against
// keys and signatures made here with OpenSSL; the RSA path and the whole exchange with a chip are
// tested on the rig (integration.chip_cli).
#include "chip/ber_tlv.h"
#include "chip_pcsc/active_authenticator.h"

#include <catch2/catch.hpp>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <memory>

using namespace bhxh::chip;

namespace {

struct Key {
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> pkey{EVP_EC_gen("brainpoolP256r1"), &EVP_PKEY_free};

    Bytes dg15() const {
        unsigned char* der = nullptr;
        const int n = i2d_PUBKEY(pkey.get(), &der);
        REQUIRE(n > 0);
        const Bytes spki(der, der + n);
        OPENSSL_free(der);
        return BerTlv::encode(0x6F, spki);
    }
    /// The chip's answer: ECDSA over `message` with `md`, as r ‖ s of 32 bytes each.
    Bytes sign(const Bytes& message, const EVP_MD* md) const {
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
        REQUIRE(EVP_DigestSignInit(ctx.get(), nullptr, md, nullptr, pkey.get()) == 1);
        std::size_t len = 0;
        REQUIRE(EVP_DigestSign(ctx.get(), nullptr, &len, message.data(), message.size()) == 1);
        Bytes der(len);
        REQUIRE(EVP_DigestSign(ctx.get(), der.data(), &len, message.data(), message.size()) == 1);
        const unsigned char* p = der.data();
        std::unique_ptr<ECDSA_SIG, decltype(&ECDSA_SIG_free)> sig(d2i_ECDSA_SIG(nullptr, &p, static_cast<long>(len)),
                                                                  &ECDSA_SIG_free);
        REQUIRE(sig);
        Bytes plain(64);
        REQUIRE(BN_bn2binpad(ECDSA_SIG_get0_r(sig.get()), plain.data(), 32) == 32);
        REQUIRE(BN_bn2binpad(ECDSA_SIG_get0_s(sig.get()), plain.data() + 32, 32) == 32);
        return plain;
    }
};

} // namespace

TEST_CASE("an ECDSA answer to the challenge passes with DG14's hash or with none named", "[chip][aa]") {
    const Key key;
    REQUIRE(key.pkey);
    const Bytes challenge{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};
    const Bytes answer = key.sign(challenge, EVP_sha256());

    CHECK(ActiveAuthenticator::check(key.dg15(), challenge, answer, "sha256").outcome == ActiveAuthOutcome::Passed);
    CHECK(ActiveAuthenticator::check(key.dg15(), challenge, answer, "").outcome == ActiveAuthOutcome::Passed);
    const Bytes sha384 = key.sign(challenge, EVP_sha384());
    CHECK(ActiveAuthenticator::check(key.dg15(), challenge, sha384, "").outcome == ActiveAuthOutcome::Passed);
    const Bytes ripemd = key.sign(challenge, EVP_ripemd160());  // ecdsa-plain-RIPEMD160, TR-03111's sixth
    CHECK(ActiveAuthenticator::check(key.dg15(), challenge, ripemd, "ripemd160").outcome == ActiveAuthOutcome::Passed);
    CHECK(ActiveAuthenticator::check(key.dg15(), challenge, ripemd, "").outcome == ActiveAuthOutcome::Passed);
}

TEST_CASE("an ECDSA answer that is not the chip's signature of our challenge fails", "[chip][aa]") {
    const Key key, other;
    const Bytes challenge{0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF};
    const Bytes answer = key.sign(challenge, EVP_sha256());
    Bytes otherChallenge = challenge;
    otherChallenge[7] ^= 1;

    const auto fails = [](const ActiveAuthResult& r) {
        INFO(r.detail);
        CHECK(r.outcome == ActiveAuthOutcome::Failed);
        CHECK_FALSE(r.detail.empty());
    };
    fails(ActiveAuthenticator::check(key.dg15(), challenge, answer, "sha1"));           // another hash than DG14's
    fails(ActiveAuthenticator::check(key.dg15(), otherChallenge, answer, "sha256"));    // a replayed answer
    fails(ActiveAuthenticator::check(other.dg15(), challenge, answer, "sha256"));       // a copy's key
    fails(ActiveAuthenticator::check(key.dg15(), challenge, other.sign(challenge, EVP_sha256()), "sha256"));
    fails(ActiveAuthenticator::check(key.dg15(), challenge, Bytes(answer.begin(), answer.end() - 1), "sha256"));
    fails(ActiveAuthenticator::check(key.dg15(), challenge, Bytes(130, 0x01), "sha256"));  // longer than the key
    fails(ActiveAuthenticator::check(key.dg15(), challenge, Bytes(), "sha256"));
    fails(ActiveAuthenticator::check(key.dg15(), challenge, answer, "md5-or-what"));
}
