#pragma once
#include "ui/lang_catalog.h"

#include <imgui.h>

#include <string>
#include <string_view>

namespace bhxh::ui {

/// An error as it reaches the clerk: the text of its code from assets/lang ("error.<code>", in
/// the chosen language) first, the stored detail (English, for the supervisor and the help desk)
/// on a second, grey line. Stored details carry the code where it is known ("portal.conflict:
/// …", "the portal refused the decision (not retried): portal.conflict: …").
class ErrorText {
public:
    /// The lang key for `detail`: "error.<code>" of the first error code it names that has a
    /// text, else `fallbackKey`.
    [[nodiscard]] static std::string keyFor(const LangCatalog& lang, std::string_view detail, const char* fallbackKey);
    /// Draws the translated line in `color` (wrapped) and, when there is one, the detail below it.
    static void draw(const LangCatalog& lang, std::string_view detail, const char* fallbackKey, const ImVec4& color);
};

} // namespace bhxh::ui
