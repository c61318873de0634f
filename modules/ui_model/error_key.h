#pragma once
#include "ui_model/lang_catalog.h"

#include <string>
#include <string_view>

namespace bhxh::ui {

/// Which language-file text an error gets when it reaches the clerk. Stored details carry the
/// error code where it is known ("portal.conflict: …", "the portal refused the decision (not
/// retried): portal.conflict: …"); the clerk reads the text of that code ("error.<code>"), the
/// detail (English, for the supervisor and the help desk) stays below it.
class ErrorKey {
public:
    /// The lang key for `detail`: "error.<code>" of the first error code it names that has a
    /// text, else `fallbackKey`.
    [[nodiscard]] static std::string keyFor(const LangCatalog& lang, std::string_view detail, const char* fallbackKey);
};

} // namespace bhxh::ui
