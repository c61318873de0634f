#include "chip/check_digit.h"

namespace bhxh::chip {

std::optional<int> CheckDigit::of(std::string_view text) {
    static constexpr int kWeights[] = {7, 3, 1};
    int sum = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        int v = 0;
        if (c >= '0' && c <= '9') v = c - '0';
        else if (c >= 'A' && c <= 'Z') v = c - 'A' + 10;
        else if (c == '<') v = 0;
        else return std::nullopt;
        sum = (sum + v * kWeights[i % 3]) % 10;
    }
    return sum;
}

std::optional<char> CheckDigit::charOf(std::string_view text) {
    const auto d = of(text);
    if (!d) return std::nullopt;
    return static_cast<char>('0' + *d);
}

bool CheckDigit::matches(std::string_view text, char check) {
    const auto c = charOf(text);
    return c && *c == check;
}

} // namespace bhxh::chip
