#include "common/bounded_json.h"

#include <optional>
#include <vector>

namespace bhxh::json {
namespace {

using nlohmann::json;

std::string bytes(std::size_t n) {
    if (n >= 1024u * 1024u && n % (1024u * 1024u) == 0) return std::to_string(n / (1024u * 1024u)) + " MB";
    if (n >= 1024u && n % 1024u == 0) return std::to_string(n / 1024u) + " KB";
    return std::to_string(n) + " bytes";
}

// Builds the value through nlohmann's own DOM builder, refusing depth, string size and value
// count beyond the limits at the event that would pass them, so a refused text never becomes
// a deep value (whose dump() and older destructors recurse once per level).
class BoundedSax {
public:
    BoundedSax(json& root, const Limits& limits) : m_dom(root, /*allow_exceptions=*/false), m_limits(limits) {}

    bool null() { return scalar() && done(m_dom.null()); }
    bool boolean(bool v) { return scalar() && done(m_dom.boolean(v)); }
    bool number_integer(json::number_integer_t v) { return scalar() && done(m_dom.number_integer(v)); }
    bool number_unsigned(json::number_unsigned_t v) { return scalar() && done(m_dom.number_unsigned(v)); }
    bool number_float(json::number_float_t v, const json::string_t& s) {
        return scalar() && done(m_dom.number_float(v, s));
    }
    bool string(json::string_t& s) {
        if (s.size() > m_limits.maxStringBytes) return fail("is a string longer than " + bytes(m_limits.maxStringBytes));
        return scalar() && done(m_dom.string(s));
    }
    bool binary(json::binary_t& b) { return scalar() && done(m_dom.binary(b)); }
    bool start_object(std::size_t n) { return open(false) && m_dom.start_object(n); }
    bool key(json::string_t& s) {
        if (s.size() > m_limits.maxStringBytes) return fail("has a key longer than " + bytes(m_limits.maxStringBytes));
        if (!m_path.empty()) m_path.back().key = s.size() <= 64 ? s : s.substr(0, 64) + "...";
        return m_dom.key(s);
    }
    bool end_object() { return close() && done(m_dom.end_object()); }
    bool start_array(std::size_t n) { return open(true) && m_dom.start_array(n); }
    bool end_array() { return close() && done(m_dom.end_array()); }
    bool parse_error(std::size_t position, const std::string& /*token*/, const nlohmann::detail::exception& /*e*/) {
        if (!m_error) m_error = "is not valid JSON (at byte " + std::to_string(position) + ")";
        return false;
    }

    [[nodiscard]] const std::optional<std::string>& error() const { return m_error; }
    [[nodiscard]] const std::string& where() const { return m_where; }

private:
    struct Level {
        bool array = false;
        std::size_t index = 0;
        std::string key;
    };

    // "items[3].adjust.email": where the event happened (the first levels only).
    std::string path() const {
        constexpr std::size_t kShown = 6;
        std::string out;
        for (std::size_t i = 0; i < m_path.size(); ++i) {
            if (i == kShown) return out + "...";
            const auto& level = m_path[i];
            if (level.array) {
                out += "[" + std::to_string(level.index) + "]";
            } else if (!level.key.empty()) {
                if (!out.empty()) out += ".";
                out += level.key;
            }
        }
        return out;
    }

    bool fail(const std::string& message) {
        if (!m_error) {
            m_where = path();
            m_error = message;
        }
        return false;
    }

    // A value is about to be added at the current place.
    bool scalar() {
        if (++m_values > m_limits.maxValues) return fail("holds more than " + std::to_string(m_limits.maxValues) + " values");
        return true;
    }
    // A value was added: the enclosing array's index moves on.
    bool done(bool ok) {
        if (ok && !m_path.empty() && m_path.back().array) ++m_path.back().index;
        return ok;
    }
    bool open(bool array) {
        if (!scalar()) return false;
        if (m_path.size() >= m_limits.maxDepth) {
            return fail("is nested deeper than " + std::to_string(m_limits.maxDepth) + " levels");
        }
        m_path.push_back(Level{array, 0, {}});
        return true;
    }
    bool close() {
        if (!m_path.empty()) m_path.pop_back();
        return true;
    }

    nlohmann::detail::json_sax_dom_parser<json> m_dom;
    const Limits& m_limits;
    std::vector<Level> m_path;
    std::size_t m_values = 0;
    std::optional<std::string> m_error;
    std::string m_where;
};

} // namespace

Result<nlohmann::json> parseBounded(std::string_view text, const Limits& limits, std::string_view what,
                                    const std::string& errorCode) {
    const std::string prefix(what);
    if (text.size() > limits.maxBytes) {
        return Error{errorCode, prefix + ": the text is larger than " + bytes(limits.maxBytes)};
    }
    json root;
    BoundedSax sax(root, limits);
    const bool ok = json::sax_parse(text.begin(), text.end(), &sax, nlohmann::detail::input_format_t::json,
                                    /*strict=*/true);
    if (!ok || sax.error()) {
        const std::string where = sax.where().empty() ? std::string("the text") : sax.where();
        const std::string why = sax.error() ? *sax.error() : std::string("is not valid JSON");
        // The partial value is at most maxDepth deep: destroying it is bounded.
        return Error{errorCode, prefix + ": " + where + " " + why};
    }
    return root;
}

} // namespace bhxh::json
