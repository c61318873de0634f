#pragma once
#include "common/result.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bhxh::text {

/// The one placeholder syntax of the project: `{name}`, where a name is ASCII letters, digits and
/// `_` (the language files, the notification templates, the SMS profiles' secrets). A `{` that
/// does not open such a name (`{ `, `{}`) is plain text. The doubled `{{name}}` of bhxh-desk
/// before issue #22 is refused everywhere (it would otherwise come out as "{value}"), with an
/// error that says what to write instead.
enum class MissingValue {
    Refuse,  ///< a placeholder without a value is an error naming it (letters to citizens)
    Keep,    ///< the placeholder stays as written (screen texts: a gap shows, never a hole)
};

/// Turns one value into what the output needs (HTML-escaping, GSM-7 transliteration).
using EscapeFn = std::string (*)(const std::string&);

/// Replaces every `{name}` by escape(vars[name]) in one pass (a value is never read again for
/// placeholders). Errors: "placeholder.old_syntax" for `{{`, "placeholder.missing" for a name
/// without a value under MissingValue::Refuse.
Result<std::string> fillPlaceholders(std::string_view tmpl, const std::map<std::string, std::string>& vars,
                                     EscapeFn escape = nullptr, MissingValue missing = MissingValue::Refuse);

/// The placeholder names of a template, in order of appearance (repeats kept).
[[nodiscard]] std::vector<std::string> placeholderNames(std::string_view tmpl);

/// An error ("placeholder.old_syntax") when the template uses the old `{{name}}` form.
Result<void> checkPlaceholderSyntax(std::string_view tmpl);

} // namespace bhxh::text
