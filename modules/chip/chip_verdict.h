#pragma once
#include <string>

namespace bhxh::chip {

/// The one verdict the desk shows about a chip (issue #19).
enum class ChipVerdictKind {
    Genuine,         ///< SOD signature, DS chain to an office CSCA, every read group's hash
    ReadNotVerified, ///< read, hashes match, but no CSCA is configured to check the signer
    NotGenuine,      ///< reason says why
};

/// Why a chip is not genuine (machine codes, also the lang keys' suffixes chip.reason.*).
struct ChipVerdict {
    ChipVerdictKind kind = ChipVerdictKind::ReadNotVerified;
    std::string reason;     ///< "hash_mismatch", "unknown_signer", "expired_signer", "revoked_signer",
                            ///< "bad_signature", "active_auth_failed", "bad_sod"; empty unless NotGenuine
    std::string detail;     ///< English detail for logs (never personal data)
    std::string dsFingerprint; ///< SHA-256 of the Document Signer certificate (hex), when known

    [[nodiscard]] static const char* kindName(ChipVerdictKind k) {
        switch (k) {
        case ChipVerdictKind::Genuine: return "genuine";
        case ChipVerdictKind::ReadNotVerified: return "read_not_verified";
        case ChipVerdictKind::NotGenuine: return "not_genuine";
        }
        return "?";
    }
};

} // namespace bhxh::chip
