#pragma once
#include <cstddef>
#include <string>
#include <string_view>

namespace bhxh::ui {

/// A personal number (CCCD, BHXH code, phone) as the screen shows it until the clerk reveals it.
class MaskedNumber {
public:
    /// "•••••••••234": every character but the last `keepLast` hidden.
    [[nodiscard]] static std::string of(std::string_view value, std::size_t keepLast = 3);
};

} // namespace bhxh::ui
