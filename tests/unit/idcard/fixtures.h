#pragma once
// Fictional payloads (card-formats.md examples and variations of them). No real person.
#include "common/calendar_date.h"

#include <string>

namespace idcard_test {

/// The "today" every test pins.
inline bhxh::CalendarDate today() { return *bhxh::CalendarDate::make(2025, 6, 1); }

inline const std::string kCccd7 =
    "079090001234|025123456|Nguy\u1EC5n V\u0103n An|15031990|Nam|"
    "12 \u0110\u01B0\u1EDDng S\u1ED1 1, Ph\u01B0\u1EDDng 10, Qu\u1EADn 6, TP. H\u1ED3 Ch\u00ED Minh|10052021";
inline const std::string kCccd11 =
    "001305012345||Tr\u1EA7n Th\u1ECB B\u00ECnh|02022005|N\u1EEF|5 Ph\u1ED1 Hu\u1EBF, H\u00E0 N\u1ED9i|01072024||||";

/// "Nguyễn Văn An" in hex.
inline const std::string kNameHex = "4e677579e1bb856e2056c4836e20416e";
/// "Quận 6, Thành phố Hồ Chí Minh" in hex.
inline const std::string kPlaceHex =
    "5175e1baad6e20362c205468c3a06e68207068e1bb912048e1bb93204368c3ad204d696e68";

inline const std::string kBhytNew = "7912345678|" + kNameHex +
    "|15/03/1990|1|-|79 - 001|01/01/2025|-|20/01/2025|79167912345678|-|4|01/01/2030|0123456789abcdef-1202|4|" +
    kPlaceHex + "|$";
/// "12 Đường Số 1, Quận 6" in hex.
inline const std::string kAddressHex = "313220c490c6b0e1bb9d6e672053e1bb9120312c205175e1baad6e2036";
inline const std::string kBhytOld = "DN4797912345678|" + kNameHex + "|15/03/1990|1|" + kAddressHex +
    "|79 - 001|01/01/2025|31/12/2025|20/01/2025|79167912345678|-|4| 01/01/2030|0123456789abcde-1202|$";

/// Replaces field i (split on '|') of a payload.
inline std::string withField(const std::string& payload, std::size_t i, const std::string& value) {
    std::size_t start = 0;
    for (std::size_t k = 0; k < i; ++k) start = payload.find('|', start) + 1;
    const std::size_t end = payload.find('|', start);
    return payload.substr(0, start) + value + (end == std::string::npos ? std::string() : payload.substr(end));
}

} // namespace idcard_test
