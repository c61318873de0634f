#include "chip_pcsc/bac_session.h"

#include "chip_pcsc/des_cipher.h"

#include <openssl/crypto.h>
#include <openssl/rand.h>

namespace bhxh::chip {
namespace {

std::uint16_t sw(const Bytes& r) { return static_cast<std::uint16_t>(r[r.size() - 2] << 8 | r[r.size() - 1]); }

std::string hexSw(std::uint16_t s) {
    static constexpr char d[] = "0123456789ABCDEF";
    std::string out;
    for (int shift = 12; shift >= 0; shift -= 4) out.push_back(d[(s >> shift) & 0xF]);
    return out;
}

} // namespace

Bytes BacSession::secureRandom(std::size_t n) {
    Bytes b(n);
    if (RAND_bytes(b.data(), static_cast<int>(n)) != 1) b.clear();
    return b;
}

Result<SecureMessaging> BacSession::authenticate(ApduChannel& channel, const BacKeys& keys, const Random& random) {
    const Bytes select{0x00, 0xA4, 0x04, 0x0C, 0x07, 0xA0, 0x00, 0x00, 0x02, 0x47, 0x10, 0x01};
    auto r = channel.transmit(select);
    if (!r) return r.error();
    if (sw(*r) != 0x9000)
        return makeError("chip.not_emrtd", "the card has no ICAO eMRTD application (status " + hexSw(sw(*r)) + ")");
    r = channel.transmit(Bytes{0x00, 0x84, 0x00, 0x00, 0x08});
    if (!r) return r.error();
    if (sw(*r) != 0x9000 || r->size() != 10)
        return makeError("chip.bac_failed", "GET CHALLENGE failed (status " + hexSw(sw(*r)) + ")");
    const Bytes rndIcc(r->begin(), r->begin() + 8);
    const Bytes rndIfd = random(8), kIfd = random(16);
    if (rndIfd.size() != 8 || kIfd.size() != 16) return makeError("chip.crypto", "no random bytes");
    Bytes s = rndIfd;
    s.insert(s.end(), rndIcc.begin(), rndIcc.end());
    s.insert(s.end(), kIfd.begin(), kIfd.end());
    auto eIfd = DesCipher::encrypt(keys.enc, s);
    if (!eIfd) return eIfd.error();
    auto mIfd = DesCipher::retailMac(keys.mac, DesCipher::pad(*eIfd));
    if (!mIfd) return mIfd.error();
    Bytes cmd{0x00, 0x82, 0x00, 0x00, 0x28};
    cmd.insert(cmd.end(), eIfd->begin(), eIfd->end());
    cmd.insert(cmd.end(), mIfd->begin(), mIfd->end());
    cmd.push_back(0x28);
    r = channel.transmit(cmd);
    if (!r) return r.error();
    if (sw(*r) != 0x9000)
        return makeError("chip.bac_refused",
                         "the chip refused the access key (status " + hexSw(sw(*r)) + "): the MRZ data is wrong");
    if (r->size() != 42) return makeError("chip.bac_failed", "EXTERNAL AUTHENTICATE answered with a wrong length");
    const ByteView eIcc(r->data(), 32), mIcc(r->data() + 32, 8);
    auto mac = DesCipher::retailMac(keys.mac, DesCipher::pad(eIcc));
    if (!mac) return mac.error();
    if (CRYPTO_memcmp(mac->data(), mIcc.data(), 8) != 0) return makeError("chip.bac_failed", "the chip's BAC answer has a wrong MAC");
    auto plain = DesCipher::decrypt(keys.enc, eIcc);
    if (!plain) return plain.error();
    if (!std::equal(rndIcc.begin(), rndIcc.end(), plain->begin()) || !std::equal(rndIfd.begin(), rndIfd.end(), plain->begin() + 8))
        return makeError("chip.bac_failed", "the chip's BAC answer does not echo the challenges");
    Bytes seed(16);
    for (std::size_t i = 0; i < 16; ++i) seed[i] = kIfd[i] ^ (*plain)[16 + i];
    std::uint64_t ssc = 0;
    for (std::size_t i = 4; i < 8; ++i) ssc = ssc << 8 | rndIcc[i];
    for (std::size_t i = 4; i < 8; ++i) ssc = ssc << 8 | rndIfd[i];
    return SecureMessaging(BacKeyDerivation::deriveKey(seed, 1), BacKeyDerivation::deriveKey(seed, 2), ssc);
}

} // namespace bhxh::chip
