#pragma once
#include <span>
#include <string_view>

namespace portal::lists {

/// A ward of the office's district with its official code (GSO list, before the 2025 merger).
struct Ward {
    std::string_view code;
    std::string_view name;
};

/// A receiving office: its district as written on addresses, and its wards and streets.
struct District {
    std::string_view officeCode;   // 5 digits: province + district
    std::string_view districtCode; // 3-digit GSO district code
    std::string_view name;         // "Quận 6"
    std::string_view provinceName; // "TP. Hồ Chí Minh"
    std::span<const Ward> wards;
    std::span<const std::string_view> streets;
};

/// A province of birth: CCCD 3-digit code and its name.
struct Province {
    std::string_view code;
    std::string_view name;
};

std::span<const std::string_view> familyNames();
std::span<const std::string_view> middleNames(bool male);
std::span<const std::string_view> givenNames(bool male);
std::span<const Province> birthProvinces();
/// Vietnamese mobile prefixes in use (Viettel, Vinaphone, Mobifone, Vietnamobile, Gmobile).
std::span<const std::string_view> mobilePrefixes();
/// The district of an office; offices we have no street list for get a generic one.
District districtFor(std::string_view officeCode);

} // namespace portal::lists
