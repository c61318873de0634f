#include "chip_pcsc/active_authenticator.h"

#include "chip/ber_tlv.h"
#include "chip_pcsc/bac_session.h"

#include <openssl/bn.h>
#include <openssl/crypto.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>
#include <vector>

namespace bhxh::chip {
namespace {

ActiveAuthResult outcome(ActiveAuthOutcome o, std::string d) { return {o, std::move(d)}; }

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PctxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct SigFree {
    void operator()(ECDSA_SIG* s) const { ECDSA_SIG_free(s); }
};
struct OpenSslFree {
    void operator()(unsigned char* p) const { OPENSSL_free(p); }
};

// ECDSA (ICAO 9303-11 §6.1.2): the plain signature r ‖ s (BSI TR-03111 §5.2.1), each half the
// size of the curve's order, over the challenge with DG14's hash.
ActiveAuthResult checkEcdsa(EVP_PKEY* key, ByteView challenge, ByteView signature, const std::string& ecdsaHash) {
    const std::size_t half = signature.size() / 2;
    const std::size_t orderBytes = (static_cast<std::size_t>(EVP_PKEY_get_bits(key)) + 7) / 8;
    if (signature.empty() || signature.size() % 2 != 0 || half > orderBytes)
        return outcome(ActiveAuthOutcome::Failed, "the chip's ECDSA signature is not r ‖ s of the key's size");
    std::unique_ptr<ECDSA_SIG, SigFree> sig(ECDSA_SIG_new());
    BIGNUM* r = BN_bin2bn(signature.data(), static_cast<int>(half), nullptr);
    BIGNUM* s = BN_bin2bn(signature.data() + half, static_cast<int>(half), nullptr);
    if (!sig || !r || !s || ECDSA_SIG_set0(sig.get(), r, s) != 1) {
        BN_free(r);
        BN_free(s);
        return outcome(ActiveAuthOutcome::Failed, "OpenSSL could not hold the ECDSA signature");
    }
    unsigned char* der = nullptr;
    const int derLen = i2d_ECDSA_SIG(sig.get(), &der);
    if (derLen <= 0) return outcome(ActiveAuthOutcome::Failed, "OpenSSL could not encode the ECDSA signature");
    const std::unique_ptr<unsigned char, OpenSslFree> derOwner(der);
    std::vector<const EVP_MD*> hashes;
    if (!ecdsaHash.empty()) {
        const EVP_MD* md = EVP_get_digestbyname(ecdsaHash.c_str());
        if (!md) return outcome(ActiveAuthOutcome::Failed, "DG14 names an unknown hash for active authentication");
        hashes.push_back(md);
    } else {
        hashes = {EVP_sha1(), EVP_sha224(), EVP_sha256(), EVP_sha384(), EVP_sha512(), EVP_ripemd160()};
    }
    for (const EVP_MD* md : hashes) {
        std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
        if (md && ctx && EVP_DigestVerifyInit(ctx.get(), nullptr, md, nullptr, key) == 1 &&
            EVP_DigestVerify(ctx.get(), der, static_cast<std::size_t>(derLen), challenge.data(), challenge.size()) == 1)
            return outcome(ActiveAuthOutcome::Passed, {});
    }
    return outcome(ActiveAuthOutcome::Failed, "the chip's ECDSA signature does not verify with DG15's key: a cloned chip");
}

} // namespace

ActiveAuthResult ActiveAuthenticator::check(ByteView dg15, ByteView challenge, ByteView signature,
                                            const std::string& ecdsaHash) {
    auto outer = BerTlv::readOne(dg15);
    if (!outer || outer->tag != 0x6F) return outcome(ActiveAuthOutcome::Failed, "DG15 does not start with tag 6F");
    const unsigned char* p = outer->value.data();
    std::unique_ptr<EVP_PKEY, KeyFree> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(outer->value.size())));
    if (!key) return outcome(ActiveAuthOutcome::Failed, "DG15 holds no public key OpenSSL can read");
    if (EVP_PKEY_get_base_id(key.get()) == EVP_PKEY_EC) return checkEcdsa(key.get(), challenge, signature, ecdsaHash);
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return outcome(ActiveAuthOutcome::Unsupported, "active authentication with a key neither RSA nor EC is not checked");
    std::unique_ptr<EVP_PKEY_CTX, PctxFree> ctx(EVP_PKEY_CTX_new(key.get(), nullptr));
    if (!ctx || EVP_PKEY_verify_recover_init(ctx.get()) != 1 ||
        EVP_PKEY_CTX_set_rsa_padding(ctx.get(), RSA_NO_PADDING) != 1)
        return outcome(ActiveAuthOutcome::Failed, "OpenSSL refused the RSA key");
    Bytes f(static_cast<std::size_t>(EVP_PKEY_get_size(key.get())));
    std::size_t n = f.size();
    if (signature.size() != f.size() ||
        EVP_PKEY_verify_recover(ctx.get(), f.data(), &n, signature.data(), signature.size()) != 1)
        return outcome(ActiveAuthOutcome::Failed, "the chip's signature does not open with DG15's key");
    f.resize(n);
    if (f.size() < 24 || (f[0] & 0xC0) != 0x40) return outcome(ActiveAuthOutcome::Failed, "the recovered message has no 9796-2 header");
    const EVP_MD* md = nullptr;
    std::size_t trailer = 1;
    if (f.back() == 0xBC) {
        md = EVP_sha1();
    } else if (f.back() == 0xCC) {
        trailer = 2;
        const std::uint8_t id = f[f.size() - 2];
        md = id == 0x33 ? EVP_sha1() : id == 0x34 ? EVP_sha256() : id == 0x36 ? EVP_sha384() : id == 0x35 ? EVP_sha512() : nullptr;
    }
    if (!md) return outcome(ActiveAuthOutcome::Failed, "the recovered message has an unknown trailer");
    const std::size_t hashLen = static_cast<std::size_t>(EVP_MD_get_size(md));
    if (f.size() < 1 + hashLen + trailer) return outcome(ActiveAuthOutcome::Failed, "the recovered message is too short");
    Bytes m(f.begin() + 1, f.end() - static_cast<std::ptrdiff_t>(hashLen + trailer));
    m.insert(m.end(), challenge.begin(), challenge.end());
    unsigned char h[EVP_MAX_MD_SIZE];
    unsigned int hn = 0;
    EVP_Digest(m.data(), m.size(), h, &hn, md, nullptr);
    if (CRYPTO_memcmp(h, f.data() + f.size() - hashLen - trailer, hashLen) != 0)
        return outcome(ActiveAuthOutcome::Failed, "the chip's signature does not cover our challenge: a cloned chip");
    return outcome(ActiveAuthOutcome::Passed, {});
}

ActiveAuthResult ActiveAuthenticator::run(ApduChannel& channel, SecureMessaging& sm, ByteView dg15,
                                          const std::string& ecdsaHash) {
    const Bytes challenge = BacSession::secureRandom(8);
    if (challenge.size() != 8) return outcome(ActiveAuthOutcome::Failed, "no random challenge");
    Bytes cmd{0x00, 0x88, 0x00, 0x00, 0x08};
    cmd.insert(cmd.end(), challenge.begin(), challenge.end());
    cmd.push_back(0x00);
    auto wrapped = sm.wrap(cmd);
    if (!wrapped) return outcome(ActiveAuthOutcome::Failed, wrapped.error().message);
    auto r = channel.transmit(*wrapped);
    if (!r) return outcome(ActiveAuthOutcome::Failed, r.error().message);
    auto plain = sm.unwrap(*r);
    if (!plain) return outcome(ActiveAuthOutcome::Failed, plain.error().message);
    if (plain->status != 0x9000) return outcome(ActiveAuthOutcome::Failed, "the chip refused INTERNAL AUTHENTICATE");
    return check(dg15, challenge, plain->data, ecdsaHash);
}

} // namespace bhxh::chip
