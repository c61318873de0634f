#include "ui_model/lang_catalog.h"

#include "common/bounded_json.h"
#include "common/log.h"
#include "common/placeholders.h"
#include "common/unicode_text.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace bhxh::ui {

Result<LangCatalog> LangCatalog::loadDirectory(const std::filesystem::path& dir) {
    LangCatalog catalog;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) {
        return makeError("lang.missing_dir", "language folder not found: " + dir.string());
    }
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        if (entry.path().extension() != ".json") continue;
        std::ifstream in(entry.path(), std::ios::binary);
        std::stringstream buffer;
        buffer << in.rdbuf();
        if (!in) return makeError("lang.unreadable", "cannot read " + entry.path().string());
        auto added = catalog.addLanguage(entry.path().stem().string(), buffer.str(), entry.path().string());
        if (!added) return added.error();
    }
    if (catalog.m_tables.find("vi") == catalog.m_tables.end()) {
        return makeError("lang.no_vietnamese", "no vi.json in " + dir.string());
    }
    return catalog;
}

Result<void> LangCatalog::addLanguage(const std::string& code, std::string_view json, const std::string& source) {
    auto read = bhxh::json::parseBounded(json, {}, source, "lang.bad_json");
    if (!read) return read.error();
    const nlohmann::json& doc = *read;
    if (!doc.is_object()) return makeError("lang.bad_json", source + ": the top level must be an object");
    Table table;
    for (const auto& [key, value] : doc.items()) {
        if (!value.is_string()) return makeError("lang.bad_value", source + ": \"" + key + "\" is not a string");
        const auto& text = value.get_ref<const std::string&>();
        if (!text::isValidUtf8(text)) return makeError("lang.bad_utf8", source + ": \"" + key + "\" is not UTF-8");
        if (auto syntax = text::checkPlaceholderSyntax(text); !syntax)
            return makeError("lang.bad_placeholder", source + ": \"" + key + "\": " + syntax.error().message);
        table.emplace(key, text::nfc(text));
    }
    m_tables[code] = std::move(table);
    return {};
}

const char* LangCatalog::tr(std::string_view key) const {
    const std::string k(key);
    for (const std::string& code : {m_current, std::string("vi")}) {
        auto table = m_tables.find(code);
        if (table == m_tables.end()) continue;
        auto it = table->second.find(k);
        if (it != table->second.end()) return it->second.c_str();
    }
    auto [it, inserted] = m_reportedMissing.insert(k);
    if (inserted) log::warn("missing UI text for key " + k);
    return it->c_str();
}

bool LangCatalog::has(std::string_view key) const {
    auto table = m_tables.find("vi");
    return table != m_tables.end() && table->second.count(std::string(key)) > 0;
}

std::string LangCatalog::number(std::int64_t value) const {
    const std::uint64_t magnitude =
        value < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    const std::string digits = std::to_string(magnitude);
    const std::string separator = tr("number.thousands");
    std::string out = value < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

std::string LangCatalog::format(std::string_view key,
                                const std::vector<std::pair<std::string, std::string>>& args) const {
    return formatMap(key, std::map<std::string, std::string>(args.begin(), args.end()));
}

bool LangCatalog::setLanguage(const std::string& code) {
    if (m_tables.find(code) == m_tables.end()) return false;
    m_current = code;
    return true;
}

std::vector<std::string> LangCatalog::languages() const {
    std::vector<std::string> codes;
    for (const auto& entry : m_tables) codes.push_back(entry.first);
    // Vietnamese first, then the others in order.
    std::stable_partition(codes.begin(), codes.end(), [](const std::string& c) { return c == "vi"; });
    return codes;
}

std::string LangCatalog::nextLanguage() const {
    const auto codes = languages();
    auto it = std::find(codes.begin(), codes.end(), m_current);
    if (it == codes.end() || ++it == codes.end()) return codes.front();
    return *it;
}

std::vector<std::string> LangCatalog::missingKeys(const std::string& from, const std::string& to) const {
    std::vector<std::string> missing;
    auto a = m_tables.find(from);
    auto b = m_tables.find(to);
    if (a == m_tables.end()) return missing;
    for (const auto& entry : a->second) {
        if (b == m_tables.end() || b->second.find(entry.first) == b->second.end()) missing.push_back(entry.first);
    }
    std::sort(missing.begin(), missing.end());
    return missing;
}

void LangCatalog::forEachText(const std::function<void(const std::string&)>& fn) const {
    for (const auto& table : m_tables) {
        for (const auto& entry : table.second) fn(entry.second);
    }
}

std::string LangCatalog::formatMap(std::string_view key, const std::map<std::string, std::string>& args) const {
    // A placeholder without an argument stays as written, so a gap shows on screen; every text
    // passed the syntax check at load, so filling cannot fail.
    const char* text = tr(key);
    auto filled = text::fillPlaceholders(text, args, nullptr, text::MissingValue::Keep);
    return filled ? std::move(filled).value() : std::string(text);
}

} // namespace bhxh::ui
