#pragma once
#include <string_view>

namespace bhxh::idcard {

/// The two values both cards can carry (CCCD "Nam"/"Nữ", BHYT "1"/"2").
enum class Gender { Male, Female };

/// "Nam" / "Nữ", as printed on the cards.
[[nodiscard]] constexpr std::string_view genderLabelVi(Gender g) {
    return g == Gender::Male ? std::string_view("Nam") : std::string_view("N\u1EEF");
}

} // namespace bhxh::idcard
