#pragma once
#include "chip/bytes.h"
#include "chip/chip_verdict.h"
#include "chip/lds_security_object.h"
#include "common/result.h"

#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

namespace bhxh::chip {

/// The CSCA certificates (and CRLs) an office trusts, from `[chip] csca_dir`: every *.pem,
/// *.crt, *.cer, *.der (certificates) and *.crl file, PEM or DER. Bounded: 500 files of 1 MiB.
class CscaStore {
public:
    CscaStore();
    ~CscaStore();
    CscaStore(const CscaStore&) = delete;
    CscaStore& operator=(const CscaStore&) = delete;
    /// An empty path gives an empty store (chips are then "read but not verified").
    [[nodiscard]] static Result<std::unique_ptr<CscaStore>> load(const std::filesystem::path& dir);
    [[nodiscard]] std::size_t certificateCount() const { return m_certs; }
    [[nodiscard]] std::size_t crlCount() const { return m_crls; }
    /// Subjects of the certificates, for `doctor`.
    [[nodiscard]] const std::vector<std::string>& subjects() const { return m_subjects; }
    [[nodiscard]] void* nativeStore() const { return m_store; } ///< X509_STORE*

private:
    void* m_store = nullptr;
    std::size_t m_certs = 0;
    std::size_t m_crls = 0;
    std::vector<std::string> m_subjects;
};

/// What passive authentication found.
struct PassiveAuthResult {
    ChipVerdict verdict;
    LdsSecurityObject securityObject;
    std::map<int, bool> hashOk; ///< data group → its hash matched
    std::string dsSubject;
    /// The SOD's CMS signing-time, when it has one: the moment the DS chain is checked at.
    std::optional<std::time_t> signedAt;
};

/// Passive authentication (ICAO 9303-11 §5.1) with OpenSSL CMS: the SOD's signature by the
/// Document Signer certificate inside it, that certificate's chain to a CSCA of the store (with
/// CRLs when the store has any) at the SOD's signing time when it carries one (else today), and
/// every read data group's hash.
class PassiveAuthenticator {
public:
    [[nodiscard]] static PassiveAuthResult verify(ByteView efSod, const std::map<int, Bytes>& dataGroups,
                                                  const CscaStore& cscas);
};

} // namespace bhxh::chip
