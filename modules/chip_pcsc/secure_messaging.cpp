#include "chip_pcsc/secure_messaging.h"

#include "chip/ber_tlv.h"
#include "chip_pcsc/des_cipher.h"

#include <openssl/crypto.h>

namespace bhxh::chip {
namespace {

Error smError(const std::string& m) { return makeError("chip.sm", m); }

void append(Bytes& out, ByteView more) { out.insert(out.end(), more.begin(), more.end()); }

} // namespace

Bytes SecureMessaging::sscBytes() const {
    Bytes b(8);
    for (int i = 0; i < 8; ++i) b[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(m_ssc >> (56 - 8 * i));
    return b;
}

Result<Bytes> SecureMessaging::wrap(ByteView c) {
    if (c.size() < 4) return smError("an APDU shorter than its header");
    ByteView data;
    bool hasLe = false;
    std::uint8_t le = 0;
    if (c.size() == 5) {
        hasLe = true;
        le = c[4];
    } else if (c.size() > 5) {
        const std::size_t lc = c[4];
        if (lc == 0 || c.size() < 5 + lc || c.size() > 6 + lc) return smError("an APDU whose Lc does not match");
        data = c.subspan(5, lc);
        if (c.size() == 6 + lc) {
            hasLe = true;
            le = c[5 + lc];
        }
    }
    ++m_ssc;
    const Bytes header = DesCipher::pad(Bytes{static_cast<std::uint8_t>(c[0] | 0x0C), c[1], c[2], c[3]});
    Bytes dos;
    if (!data.empty()) {
        auto enc = DesCipher::encrypt(m_enc, DesCipher::pad(data));
        if (!enc) return enc.error();
        Bytes v{0x01};
        append(v, *enc);
        append(dos, BerTlv::encode(0x87, v));
    }
    if (hasLe) append(dos, BerTlv::encode(0x97, Bytes{le}));
    Bytes macInput = sscBytes();
    append(macInput, header);
    append(macInput, dos);
    auto mac = DesCipher::retailMac(m_mac, DesCipher::pad(macInput));
    if (!mac) return mac.error();
    append(dos, BerTlv::encode(0x8E, *mac));
    if (dos.size() > 255) return smError("a protected APDU longer than 255 bytes of data");
    Bytes out{header[0], header[1], header[2], header[3], static_cast<std::uint8_t>(dos.size())};
    append(out, dos);
    out.push_back(0x00);
    return out;
}

Result<SmResponse> SecureMessaging::unwrap(ByteView r) {
    ++m_ssc;
    if (r.size() < 2) return smError("a response without a status word");
    const std::uint16_t outerSw = static_cast<std::uint16_t>(r[r.size() - 2] << 8 | r[r.size() - 1]);
    ByteView body = r.first(r.size() - 2);
    if (body.empty())
        return smError("the card answered " + std::to_string(outerSw >> 8) + "/" + std::to_string(outerSw & 0xFF) +
                       " without secure messaging");
    auto items = BerTlv::readAll(body);
    if (!items) return items.error();
    Bytes macInput = sscBytes();
    ByteView encrypted, mac;
    std::optional<std::uint16_t> status;
    std::size_t offset = 0;
    for (const auto& e : *items) {
        const ByteView raw = body.subspan(offset, e.encodedSize);
        offset += e.encodedSize;
        if (e.tag == 0x87) {
            encrypted = e.value;
            append(macInput, raw);
        } else if (e.tag == 0x99) {
            if (e.value.size() != 2) return smError("a status object of other than 2 bytes");
            status = static_cast<std::uint16_t>(e.value[0] << 8 | e.value[1]);
            append(macInput, raw);
        } else if (e.tag == 0x8E) {
            mac = e.value;
        }
    }
    if (mac.size() != 8) return smError("a response without its MAC");
    if (!status) return smError("a response without its status object");
    auto expected = DesCipher::retailMac(m_mac, DesCipher::pad(macInput));
    if (!expected) return expected.error();
    if (CRYPTO_memcmp(expected->data(), mac.data(), 8) != 0) return smError("the response's MAC is wrong");
    SmResponse out;
    out.status = *status;
    if (!encrypted.empty()) {
        if (encrypted[0] != 0x01) return smError("encrypted data without padding indicator 01");
        auto plain = DesCipher::decrypt(m_enc, encrypted.subspan(1));
        if (!plain) return plain.error();
        auto unpadded = DesCipher::unpad(*plain);
        if (!unpadded) return unpadded.error();
        out.data = std::move(*unpadded);
    }
    return out;
}

} // namespace bhxh::chip
