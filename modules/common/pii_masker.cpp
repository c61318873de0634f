#include "common/pii_masker.h"

#include <cctype>
#include <regex>
#include <vector>

namespace bhxh {
namespace {

constexpr std::size_t kLongestClearRun = 8;  // 8 digits (a date like 20261122) stay readable
constexpr std::size_t kKeptDigits = 3;

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isSeparator(char c) { return c == ' ' || c == '.' || c == '-'; }

struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::vector<std::pair<std::size_t, std::size_t>> groups;  // digit groups [b, e)
};

// Masks all digits in [b, e) of `out` but the last kKeptDigits of the whole set of ranges.
void maskRanges(std::string& out, const std::vector<std::pair<std::size_t, std::size_t>>& ranges) {
    std::size_t total = 0;
    for (auto [b, e] : ranges) total += e - b;
    std::size_t seen = 0;
    for (auto [b, e] : ranges) {
        for (std::size_t i = b; i < e; ++i, ++seen) {
            if (seen + kKeptDigits < total) out[i] = '*';
        }
    }
}

// A Vietnamese phone number: 0 + 9 digits, or 84 / +84 + 9 digits, grouped any way.
bool looksLikePhone(std::string_view text, const Span& span) {
    std::string digits;
    for (auto [b, e] : span.groups) digits.append(text.substr(b, e - b));
    if (digits.size() == 10 && digits[0] == '0') return true;
    return digits.size() == 11 && digits.rfind("84", 0) == 0;
}

} // namespace

std::string PiiMasker::mask(std::string_view text) {
    return maskEmails(maskSecrets(maskNumbers(text)));
}

std::string PiiMasker::maskNumbers(std::string_view text) {
    std::string out(text);
    std::size_t i = 0;
    while (i < text.size()) {
        if (!isDigit(text[i])) { ++i; continue; }
        Span span;
        span.begin = i;
        std::size_t j = i;
        while (true) {
            const std::size_t groupBegin = j;
            while (j < text.size() && isDigit(text[j])) ++j;
            span.groups.emplace_back(groupBegin, j);
            // One separator between two digit groups continues the number.
            if (j + 1 < text.size() && isSeparator(text[j]) && isDigit(text[j + 1])) { ++j; continue; }
            break;
        }
        span.end = j;

        if (span.groups.size() > 1 && looksLikePhone(text, span)) {
            maskRanges(out, span.groups);
        } else {
            for (const auto& group : span.groups) {
                if (group.second - group.first > kLongestClearRun) maskRanges(out, {group});
            }
        }
        i = span.end;
    }
    return out;
}

std::string PiiMasker::maskSecrets(const std::string& text) {
    static const std::regex keyValue(
        R"(((?:password|passwd|pwd|mat_khau|initial_password|token|secret|api_?key|secret_?key|auth_?token)["']?\s*[:=]\s*["']?)[^\s"',;&}]+)",
        std::regex::icase | std::regex::optimize);
    static const std::regex bearer(R"((Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+)", std::regex::optimize);
    std::string out = std::regex_replace(text, keyValue, "$1***");
    return std::regex_replace(out, bearer, "$1 ***");
}

std::string PiiMasker::maskEmails(const std::string& text) {
    static const std::regex email(R"(([A-Za-z0-9])[A-Za-z0-9._%+-]*(@[A-Za-z0-9.-]+\.[A-Za-z]{2,}))",
                                  std::regex::optimize);
    return std::regex_replace(text, email, "$1***$2");
}

} // namespace bhxh
