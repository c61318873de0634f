#pragma once
#include "ui_model/lang_catalog.h"

#include <imgui.h>

#include <string>
#include <string_view>

namespace bhxh::ui {

/// An error as it reaches the clerk: the text of its code from assets/lang ("error.<code>", in
/// the chosen language) first, the stored detail (English, for the supervisor and the help desk)
/// on a second, grey line. Stored details carry the code where it is known ("portal.conflict:
/// …", "the portal refused the decision (not retried): portal.conflict: …").
/// (The key itself is ui_model's ErrorKey, which controllers use without a window.)
class ErrorText {
public:
    /// Draws the translated line in `color` (wrapped) and, when there is one, the detail below it.
    static void draw(const LangCatalog& lang, std::string_view detail, const char* fallbackKey, const ImVec4& color);
};

} // namespace bhxh::ui
