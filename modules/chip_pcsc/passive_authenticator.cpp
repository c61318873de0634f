#include "chip_pcsc/passive_authenticator.h"

#include "chip/ber_tlv.h"
#include "chip/hex.h"

#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <ctime>
#include <fstream>
#include <optional>
#include <iterator>

namespace bhxh::chip {
namespace {

template <class T, void (*F)(T*)>
struct Free {
    void operator()(T* p) const { F(p); }
};
using BioPtr = std::unique_ptr<BIO, Free<BIO, BIO_free_all>>;
using CmsPtr = std::unique_ptr<CMS_ContentInfo, Free<CMS_ContentInfo, CMS_ContentInfo_free>>;
using X509Ptr = std::unique_ptr<X509, Free<X509, X509_free>>;
using CrlPtr = std::unique_ptr<X509_CRL, Free<X509_CRL, X509_CRL_free>>;
using StoreCtxPtr = std::unique_ptr<X509_STORE_CTX, Free<X509_STORE_CTX, X509_STORE_CTX_free>>;

void certStackFree(STACK_OF(X509)* s) { sk_X509_pop_free(s, X509_free); }

std::string subjectOf(X509* cert) {
    char buf[512] = {};
    X509_NAME_oneline(X509_get_subject_name(cert), buf, sizeof buf - 1);
    return buf;
}

std::string fingerprint(X509* cert) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int n = 0;
    if (X509_digest(cert, EVP_sha256(), md, &n) != 1) return {};
    return Hex::encode(ByteView(md, n));
}

PassiveAuthResult notGenuine(PassiveAuthResult r, std::string reason, std::string detail) {
    r.verdict.kind = ChipVerdictKind::NotGenuine;
    r.verdict.reason = std::move(reason);
    r.verdict.detail = std::move(detail);
    return r;
}

} // namespace

CscaStore::CscaStore() : m_store(X509_STORE_new()) {}
CscaStore::~CscaStore() { X509_STORE_free(static_cast<X509_STORE*>(m_store)); }

Result<std::unique_ptr<CscaStore>> CscaStore::load(const std::filesystem::path& dir) {
    auto store = std::make_unique<CscaStore>();
    if (dir.empty()) return store;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        return makeError("chip.csca_dir", "the CSCA folder " + dir.string() + " does not exist");
    std::size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (++files > 500) return makeError("chip.csca_dir", "more than 500 files in the CSCA folder");
        if (!entry.is_regular_file(ec)) continue;
        const std::string ext = entry.path().extension().string();
        const bool isCrl = ext == ".crl";
        if (!isCrl && ext != ".pem" && ext != ".crt" && ext != ".cer" && ext != ".der") continue;
        if (entry.file_size(ec) > 1024 * 1024)
            return makeError("chip.csca_dir", entry.path().filename().string() + " is larger than 1 MiB");
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        auto* s = static_cast<X509_STORE*>(store->m_store);
        bool added = false;
        BioPtr bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
        if (isCrl) {
            CrlPtr crl(PEM_read_bio_X509_CRL(bio.get(), nullptr, nullptr, nullptr));
            if (!crl) {
                const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
                crl.reset(d2i_X509_CRL(nullptr, &p, static_cast<long>(bytes.size())));
            }
            if (crl && X509_STORE_add_crl(s, crl.get()) == 1) {
                ++store->m_crls;
                added = true;
            }
        } else {
            while (X509Ptr cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
                if (X509_STORE_add_cert(s, cert.get()) == 1) {
                    ++store->m_certs;
                    store->m_subjects.push_back(subjectOf(cert.get()));
                    added = true;
                }
            }
            if (!added) {
                const unsigned char* p = reinterpret_cast<const unsigned char*>(bytes.data());
                X509Ptr cert(d2i_X509(nullptr, &p, static_cast<long>(bytes.size())));
                if (cert && X509_STORE_add_cert(s, cert.get()) == 1) {
                    ++store->m_certs;
                    store->m_subjects.push_back(subjectOf(cert.get()));
                    added = true;
                }
            }
        }
        if (!added)
            return makeError("chip.csca_dir", entry.path().filename().string() + " holds no certificate or CRL OpenSSL can read");
    }
    return store;
}

namespace {

/// The CMS signing-time attribute of the SOD's first signer (RFC 5652 §11.3), as time_t.
std::optional<std::time_t> signingTime(CMS_ContentInfo* cms) {
    STACK_OF(CMS_SignerInfo)* signers = CMS_get0_SignerInfos(cms);
    if (!signers || sk_CMS_SignerInfo_num(signers) < 1) return std::nullopt;
    CMS_SignerInfo* si = sk_CMS_SignerInfo_value(signers, 0);
    const int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
    if (at < 0) return std::nullopt;
    X509_ATTRIBUTE* attr = CMS_signed_get_attr(si, at);
    ASN1_TYPE* value = attr ? X509_ATTRIBUTE_get0_type(attr, 0) : nullptr;
    if (!value || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) return std::nullopt;
    std::tm tm{};
    if (ASN1_TIME_to_tm(reinterpret_cast<const ASN1_TIME*>(value->value.asn1_string), &tm) != 1) return std::nullopt;
    return timegm(&tm);
}

} // namespace

PassiveAuthResult PassiveAuthenticator::verify(ByteView efSod, const std::map<int, Bytes>& dataGroups,
                                               const CscaStore& cscas) {
    PassiveAuthResult result;
    auto outer = BerTlv::readOne(efSod);
    if (!outer || outer->tag != 0x77) return notGenuine(result, "bad_sod", "EF.SOD does not start with tag 77");
    const unsigned char* p = outer->value.data();
    CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(outer->value.size())));
    if (!cms) return notGenuine(result, "bad_sod", "EF.SOD is not a CMS structure");
    if (OBJ_obj2nid(CMS_get0_type(cms.get())) != NID_pkcs7_signed)
        return notGenuine(result, "bad_sod", "EF.SOD is not CMS SignedData");
    char oid[64] = {};
    OBJ_obj2txt(oid, sizeof oid, CMS_get0_eContentType(cms.get()), 1);
    if (std::string(oid) != "2.23.136.1.1.1") return notGenuine(result, "bad_sod", "EF.SOD does not sign an LDS security object");
    std::unique_ptr<STACK_OF(X509), Free<STACK_OF(X509), certStackFree>> certs(CMS_get1_certs(cms.get()));
    if (!certs || sk_X509_num(certs.get()) < 1) return notGenuine(result, "bad_sod", "EF.SOD carries no Document Signer certificate");
    X509* ds = sk_X509_value(certs.get(), 0);
    result.dsSubject = subjectOf(ds);
    result.verdict.dsFingerprint = fingerprint(ds);

    BioPtr content(BIO_new(BIO_s_mem()));
    if (CMS_verify(cms.get(), nullptr, nullptr, nullptr, content.get(), CMS_NO_SIGNER_CERT_VERIFY | CMS_BINARY) != 1)
        return notGenuine(result, "bad_signature", "the SOD's signature does not verify with its Document Signer certificate");
    char* data = nullptr;
    const long len = BIO_get_mem_data(content.get(), &data);
    auto lso = LdsSecurityObjectParser::parse(ByteView(reinterpret_cast<const std::uint8_t*>(data), static_cast<std::size_t>(len)));
    if (!lso) return notGenuine(result, "bad_sod", lso.error().message);
    result.securityObject = *lso;

    const EVP_MD* md = lso->hashAlgorithmName.empty() ? nullptr : EVP_get_digestbyname(lso->hashAlgorithmName.c_str());
    if (!md) return notGenuine(result, "bad_sod", "the SOD uses an unknown hash algorithm " + lso->hashAlgorithmOid);
    bool allOk = true;
    std::string firstBad;
    for (const auto& [dg, bytes] : dataGroups) {
        unsigned char h[EVP_MAX_MD_SIZE];
        unsigned int n = 0;
        EVP_Digest(bytes.data(), bytes.size(), h, &n, md, nullptr);
        const auto it = lso->dataGroupHashes.find(dg);
        const bool ok = it != lso->dataGroupHashes.end() && it->second.size() == n && CRYPTO_memcmp(it->second.data(), h, n) == 0;
        result.hashOk[dg] = ok;
        if (!ok && allOk) firstBad = "DG" + std::to_string(dg);
        allOk = allOk && ok;
    }
    if (!allOk) return notGenuine(result, "hash_mismatch", firstBad + "'s hash differs from the signed one");

    if (cscas.certificateCount() == 0) {
        result.verdict.kind = ChipVerdictKind::ReadNotVerified;
        result.verdict.detail = "no CSCA certificate configured";
        return result;
    }
    auto* store = static_cast<X509_STORE*>(cscas.nativeStore());
    StoreCtxPtr ctx(X509_STORE_CTX_new());
    if (!ctx || X509_STORE_CTX_init(ctx.get(), store, ds, nullptr) != 1)
        return notGenuine(result, "unknown_signer", "OpenSSL could not set up the chain check");
    if (cscas.crlCount() > 0) X509_STORE_CTX_set_flags(ctx.get(), X509_V_FLAG_CRL_CHECK);
    // The DS certificate's validity (docs/chip.md "The Document Signer's validity"): when the SOD
    // says when it was signed (CMS signing-time), the chain is checked at that moment — a DS
    // certificate that expired after signing the card still vouches for it — and a signing time
    // in the future is refused. Without one, the chain is checked today.
    const auto signedAt = signingTime(cms.get());
    if (signedAt) {
        if (*signedAt > std::time(nullptr) + 86400)
            return notGenuine(result, "expired_signer", "the SOD says it was signed in the future");
        X509_VERIFY_PARAM_set_time(X509_STORE_CTX_get0_param(ctx.get()), *signedAt);
        result.signedAt = *signedAt;
    }
    if (X509_verify_cert(ctx.get()) != 1) {
        const int err = X509_STORE_CTX_get_error(ctx.get());
        const std::string why = X509_verify_cert_error_string(err);
        if (err == X509_V_ERR_CERT_HAS_EXPIRED || err == X509_V_ERR_CERT_NOT_YET_VALID)
            return notGenuine(result, "expired_signer", std::string("the Document Signer certificate was not valid ") +
                                                            (signedAt ? "when it signed the SOD: " : "today: ") + why);
        if (err == X509_V_ERR_CERT_REVOKED) return notGenuine(result, "revoked_signer", "the Document Signer certificate is revoked");
        return notGenuine(result, "unknown_signer", "the Document Signer does not chain to an office CSCA: " + why);
    }
    result.verdict.kind = ChipVerdictKind::Genuine;
    return result;
}

} // namespace bhxh::chip
