#pragma once
#include "common/bounded_json.h"
#include "common/result.h"
#include "declarations/declaration.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace bhxh::declarations {

/// What the desk accepts from the portal for one declaration (portal-api.md). A longer field,
/// more files or a larger file is refused with an error naming the field: the declaration is
/// then not stored at all.
namespace declaration_limits {
inline constexpr std::size_t kNameBytes = 300;      ///< full_name, contact_person, guardian.full_name (UTF-8)
inline constexpr std::size_t kAddressBytes = 1000;  ///< address.detail, address.text
inline constexpr std::size_t kPhoneBytes = 20;      ///< phone, adjust.phone
inline constexpr std::size_t kEmailBytes = 254;     ///< email, adjust.email (RFC 5321 path limit)
inline constexpr std::size_t kTextBytes = 1000;     ///< stop.reason, ivan_name, adjust.cert_issuer
inline constexpr std::size_t kShortBytes = 64;      ///< codes, numbers, dates, times, enumerations, sha256
inline constexpr std::size_t kFiles = 8;            ///< files[] entries (four kinds exist)
inline constexpr std::int64_t kFileBytes = 10 * 1024 * 1024;  ///< one photo or scan, as declared and as downloaded
} // namespace declaration_limits

/// The portal's JSON (portal-api.md) ⇄ Declaration.
class DeclarationJson {
public:
    /// Limits of the JSON text of one declaration or one page of them (parseBounded).
    static bhxh::json::Limits textLimits();
    /// Parses one declaration object; the text is kept in sourceJson. An Error names the field
    /// that is missing, of the wrong type or beyond declaration_limits.
    static Result<Declaration> parse(std::string_view json);
    /// The same, from a value already read with parseBounded (an item of a page).
    static Result<Declaration> fromJson(const nlohmann::json& object);
    /// The portal's JSON for a declaration (sourceJson is not consulted).
    static std::string serialize(const Declaration& declaration);
};

} // namespace bhxh::declarations
