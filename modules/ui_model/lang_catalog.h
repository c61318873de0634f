#pragma once
#include "common/result.h"

#include <filesystem>
#include <functional>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

namespace bhxh::ui {

/// Every string a clerk sees, per language, from assets/lang/<code>.json (a flat object of
/// "key": "text"). Texts are NFC-normalised at load. Vietnamese ("vi") is the first language
/// and the fallback.
class LangCatalog {
public:
    /// Loads every <code>.json in `dir`. Fails naming the file and key on bad JSON, a value that
    /// is not a string, invalid UTF-8 or the old doubled "{{name}}" placeholder.
    static Result<LangCatalog> loadDirectory(const std::filesystem::path& dir);

    /// Adds (or replaces) one language from a JSON text; `source` names it in errors.
    Result<void> addLanguage(const std::string& code, std::string_view json, const std::string& source);

    /// The text of `key` in the current language, else Vietnamese, else the key itself
    /// (a missing key shows up on screen and in the log rather than as an empty label).
    /// The pointer stays valid for the catalog's lifetime.
    [[nodiscard]] const char* tr(std::string_view key) const;
    /// True when `key` has a text (in Vietnamese, the language every key must have).
    [[nodiscard]] bool has(std::string_view key) const;
    /// tr() with "{name}" placeholders replaced (common/placeholders.h, the syntax of the
    /// notification templates too); a placeholder without an argument stays as written.
    [[nodiscard]] std::string format(std::string_view key,
                                     const std::vector<std::pair<std::string, std::string>>& args) const;
    /// format() with the arguments in a map (snapshots carry them so).
    [[nodiscard]] std::string formatMap(std::string_view key, const std::map<std::string, std::string>& args) const;

    /// A count as the current language writes it: thousands grouped with the language's
    /// "number.thousands" separator (6.000 in Vietnamese, 6,000 in English).
    [[nodiscard]] std::string number(std::int64_t value) const;

    /// Switches the language; false (and no change) when it is not loaded.
    bool setLanguage(const std::string& code);
    [[nodiscard]] const std::string& language() const { return m_current; }
    [[nodiscard]] std::vector<std::string> languages() const;
    /// The next loaded language after the current one, wrapping around.
    [[nodiscard]] std::string nextLanguage() const;

    /// Keys present in `from` and absent from `to`, sorted.
    [[nodiscard]] std::vector<std::string> missingKeys(const std::string& from, const std::string& to) const;
    /// Calls `fn` on every text of every language (to build the font's glyph set).
    void forEachText(const std::function<void(const std::string&)>& fn) const;

private:
    using Table = std::unordered_map<std::string, std::string>;
    std::map<std::string, Table> m_tables;
    std::string m_current = "vi";
    mutable std::unordered_set<std::string> m_reportedMissing;
};

} // namespace bhxh::ui
