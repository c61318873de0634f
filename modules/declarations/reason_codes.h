#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::declarations {

/// One rejection reason of portal-api.md.
struct ReasonCode {
    std::string code;         ///< sent to the portal as reason_code
    std::string langKey;      ///< "reason.<code>" in assets/lang, for the UI
    std::string textVi;       ///< the Vietnamese text the contract shows and sends; empty for "other"
    bool needsFreeText = false;  ///< "other": the clerk writes the reason
};

/// The rejection reasons, in the order the contract lists them: the one list the recorder, the
/// UI (through the lang keys) and the tests read, so a code cannot exist in one place only.
class ReasonCodes {
public:
    /// Every reason, "other" last.
    static const std::vector<ReasonCode>& all();
    /// The reason of a code, or nullopt for a code the contract does not have.
    static std::optional<ReasonCode> find(std::string_view code);
};

} // namespace bhxh::declarations
