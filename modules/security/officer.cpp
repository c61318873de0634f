#include "security/officer.h"

#include "common/unicode_text.h"

namespace bhxh::security {

Result<void> validateOfficerId(std::string_view id) {
    auto bad = [&] {
        return makeError("security.bad_officer_id",
                         "an officer id is 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
    };
    if (id.empty() || id.size() > 64) return bad();
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool alnum = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-'))) return bad();
    }
    return {};
}

Result<void> validateDisplayName(std::string_view name) {
    if (!text::isValidUtf8(name)) return makeError("security.bad_name", "the display name is not valid UTF-8");
    const std::size_t length = text::codePointCount(name);
    if (length == 0 || length > 100) return makeError("security.bad_name", "the display name must be 1-100 characters");
    for (unsigned char c : name) {
        if (c < 0x20 || c == 0x7f) return makeError("security.bad_name", "the display name must not contain control characters");
    }
    return {};
}

} // namespace bhxh::security
