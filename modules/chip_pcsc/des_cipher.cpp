#include "chip_pcsc/des_cipher.h"

#include <openssl/evp.h>

#include <memory>

namespace bhxh::chip {
namespace {

struct CtxFree {
    void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};

Result<Bytes> run(const EVP_CIPHER* cipher, ByteView key, ByteView data, bool encrypt) {
    if (key.size() != 16) return makeError("chip.crypto", "a 3DES key of other than 16 bytes");
    if (data.size() % 8 != 0) return makeError("chip.crypto", "3DES data not a multiple of 8 bytes");
    std::unique_ptr<EVP_CIPHER_CTX, CtxFree> ctx(EVP_CIPHER_CTX_new());
    const unsigned char iv[8] = {};
    if (!ctx || EVP_CipherInit_ex(ctx.get(), cipher, nullptr, key.data(), iv, encrypt ? 1 : 0) != 1)
        return makeError("chip.crypto", "OpenSSL refused 3DES");
    EVP_CIPHER_CTX_set_padding(ctx.get(), 0);
    Bytes out(data.size() + 8);
    int n = 0, m = 0;
    if (EVP_CipherUpdate(ctx.get(), out.data(), &n, data.data(), static_cast<int>(data.size())) != 1 ||
        EVP_CipherFinal_ex(ctx.get(), out.data() + n, &m) != 1)
        return makeError("chip.crypto", "3DES failed");
    out.resize(static_cast<std::size_t>(n + m));
    return out;
}

} // namespace

Result<Bytes> DesCipher::encrypt(ByteView key16, ByteView data) { return run(EVP_des_ede_cbc(), key16, data, true); }
Result<Bytes> DesCipher::decrypt(ByteView key16, ByteView data) { return run(EVP_des_ede_cbc(), key16, data, false); }

Result<Bytes> DesCipher::retailMac(ByteView key16, ByteView padded) {
    if (key16.size() != 16) return makeError("chip.crypto", "a MAC key of other than 16 bytes");
    if (padded.empty() || padded.size() % 8 != 0) return makeError("chip.crypto", "MAC data not padded");
    Bytes ka(key16.begin(), key16.begin() + 8);
    ka.insert(ka.end(), key16.begin(), key16.begin() + 8);
    Bytes kb(key16.begin() + 8, key16.end());
    kb.insert(kb.end(), key16.begin() + 8, key16.end());
    auto cbc = run(EVP_des_ede_cbc(), ka, padded, true); // single DES (K1 = K2), CBC
    if (!cbc) return cbc;
    const Bytes last(cbc->end() - 8, cbc->end());
    auto d = run(EVP_des_ede_ecb(), kb, last, false);
    if (!d) return d;
    return run(EVP_des_ede_ecb(), ka, *d, true);
}

Bytes DesCipher::pad(ByteView data) {
    Bytes out(data.begin(), data.end());
    out.push_back(0x80);
    while (out.size() % 8 != 0) out.push_back(0x00);
    return out;
}

Result<Bytes> DesCipher::unpad(ByteView data) {
    std::size_t end = data.size();
    while (end > 0 && data[end - 1] == 0x00) --end;
    if (end == 0 || data[end - 1] != 0x80) return makeError("chip.sm", "decrypted data without its padding");
    return Bytes(data.begin(), data.begin() + static_cast<std::ptrdiff_t>(end - 1));
}

} // namespace bhxh::chip
