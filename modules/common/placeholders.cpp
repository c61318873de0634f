#include "common/placeholders.h"

namespace bhxh::text {
namespace {

bool isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The length of the name after the `{` at `open`, when `{name}` follows; 0 when it is plain text.
std::size_t nameLength(std::string_view tmpl, std::size_t open) {
    std::size_t end = open + 1;
    while (end < tmpl.size() && isNameChar(tmpl[end])) ++end;
    if (end == open + 1 || end >= tmpl.size() || tmpl[end] != '}') return 0;
    return end - open - 1;
}

Error oldSyntax(std::string_view tmpl, std::size_t at) {
    std::size_t end = tmpl.find("}}", at);
    const std::string written(tmpl.substr(at, end == std::string_view::npos ? 12 : end + 2 - at));
    const std::string name = written.size() > 4 && end != std::string_view::npos ? written.substr(2, written.size() - 4)
                                                                                 : std::string("name");
    return Error{"placeholder.old_syntax", "the old placeholder \"" + written + "\" at offset " + std::to_string(at) +
                                               ": placeholders are written {" + name + "} (one brace each side)"};
}

} // namespace

Result<void> checkPlaceholderSyntax(std::string_view tmpl) {
    const std::size_t at = tmpl.find("{{");
    if (at != std::string_view::npos) return oldSyntax(tmpl, at);
    return {};
}

Result<std::string> fillPlaceholders(std::string_view tmpl, const std::map<std::string, std::string>& vars,
                                     EscapeFn escape, MissingValue missing) {
    if (auto syntax = checkPlaceholderSyntax(tmpl); !syntax) return syntax.error();
    std::string out;
    out.reserve(tmpl.size() + 64);
    std::size_t pos = 0;
    for (std::size_t open = tmpl.find('{'); open != std::string_view::npos; open = tmpl.find('{', open + 1)) {
        const std::size_t length = nameLength(tmpl, open);
        if (length == 0) continue;
        const std::string name(tmpl.substr(open + 1, length));
        const auto it = vars.find(name);
        if (it == vars.end() && missing == MissingValue::Refuse)
            return Error{"placeholder.missing", "the placeholder {" + name + "} has no value"};
        out.append(tmpl, pos, open - pos);
        if (it == vars.end()) out.append(tmpl, open, length + 2);
        else out += escape ? escape(it->second) : it->second;
        pos = open + length + 2;
        open = pos - 1;
    }
    out.append(tmpl, pos, std::string_view::npos);
    return out;
}

std::vector<std::string> placeholderNames(std::string_view tmpl) {
    std::vector<std::string> names;
    for (std::size_t open = tmpl.find('{'); open != std::string_view::npos; open = tmpl.find('{', open + 1)) {
        if (const std::size_t length = nameLength(tmpl, open)) {
            names.emplace_back(tmpl.substr(open + 1, length));
            open += length + 1;
        }
    }
    return names;
}

} // namespace bhxh::text
