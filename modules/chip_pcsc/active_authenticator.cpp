#include "chip_pcsc/active_authenticator.h"

#include "chip/ber_tlv.h"
#include "chip_pcsc/bac_session.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

#include <memory>

namespace bhxh::chip {
namespace {

ActiveAuthResult outcome(ActiveAuthOutcome o, std::string d) { return {o, std::move(d)}; }

struct KeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct PctxFree {
    void operator()(EVP_PKEY_CTX* c) const { EVP_PKEY_CTX_free(c); }
};

} // namespace

ActiveAuthResult ActiveAuthenticator::check(ByteView dg15, ByteView challenge, ByteView signature) {
    auto outer = BerTlv::readOne(dg15);
    if (!outer || outer->tag != 0x6F) return outcome(ActiveAuthOutcome::Failed, "DG15 does not start with tag 6F");
    const unsigned char* p = outer->value.data();
    std::unique_ptr<EVP_PKEY, KeyFree> key(d2i_PUBKEY(nullptr, &p, static_cast<long>(outer->value.size())));
    if (!key) return outcome(ActiveAuthOutcome::Failed, "DG15 holds no public key OpenSSL can read");
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return outcome(ActiveAuthOutcome::Unsupported, "active authentication with a non-RSA key is not checked yet");
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

ActiveAuthResult ActiveAuthenticator::run(ApduChannel& channel, SecureMessaging& sm, ByteView dg15) {
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
    return check(dg15, challenge, plain->data);
}

} // namespace bhxh::chip
