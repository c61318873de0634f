#include "ui_model/masked_number.h"

namespace bhxh::ui {

std::string MaskedNumber::of(std::string_view value, std::size_t keepLast) {
    std::string out;
    const std::size_t keepFrom = value.size() > keepLast ? value.size() - keepLast : 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
        out += i < keepFrom ? "\xE2\x80\xA2" : std::string(1, value[i]);  // U+2022 bullet
    }
    return out;
}

} // namespace bhxh::ui
