#pragma once
#include "common/result.h"
#include "declarations/declaration.h"

#include <string>
#include <string_view>

namespace bhxh::declarations {

/// The portal's JSON (portal-api.md) ⇄ Declaration.
class DeclarationJson {
public:
    /// Parses one declaration object; the text is kept in sourceJson. An Error names the field
    /// that is missing or of the wrong type.
    static Result<Declaration> parse(std::string_view json);
    /// The portal's JSON for a declaration (sourceJson is not consulted).
    static std::string serialize(const Declaration& declaration);
};

} // namespace bhxh::declarations
