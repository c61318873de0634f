#include "seed_lists.h"

#include <array>

namespace portal::lists {

namespace {
constexpr std::array<std::string_view, 16> kFamily{
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ",
    "Võ",     "Đặng", "Bùi", "Đỗ",  "Hồ",    "Ngô",   "Dương", "Lý"};
constexpr std::array<std::string_view, 10> kMiddleMale{
    "Văn", "Hữu", "Đức", "Minh", "Quốc", "Thành", "Công", "Gia", "Hoàng", "Trọng"};
constexpr std::array<std::string_view, 10> kMiddleFemale{
    "Thị", "Ngọc", "Thanh", "Thu", "Kim", "Mỹ", "Phương", "Bảo", "Thùy", "Hồng"};
constexpr std::array<std::string_view, 24> kGivenMale{
    "An",   "Bình", "Cường", "Dũng",  "Duy",   "Hải",  "Hiếu",  "Hoàng",
    "Huy",  "Khang", "Khoa", "Long",  "Minh",  "Nam",  "Phúc",  "Quân",
    "Sơn",  "Tài",  "Thắng", "Trung", "Tuấn",  "Việt", "Vinh",  "Biên"};
constexpr std::array<std::string_view, 24> kGivenFemale{
    "Anh",  "Chi",  "Diệp", "Giang", "Hà",    "Hạnh", "Hoa",   "Hương",
    "Lan",  "Linh", "Mai",  "My",    "Ngân",  "Nhung", "Oanh", "Phương",
    "Quỳnh", "Thảo", "Trang", "Tuyết", "Vân",  "Yến",  "Nhi",   "Thư"};
// Quận 6 is home to many born elsewhere in the south and centre; TP.HCM dominates.
constexpr std::array<Province, 16> kProvinces{{{"079", "TP. Hồ Chí Minh"}, {"079", "TP. Hồ Chí Minh"},
                                               {"079", "TP. Hồ Chí Minh"}, {"079", "TP. Hồ Chí Minh"},
                                               {"079", "TP. Hồ Chí Minh"}, {"080", "Long An"},
                                               {"082", "Tiền Giang"},      {"083", "Bến Tre"},
                                               {"086", "Vĩnh Long"},       {"087", "Đồng Tháp"},
                                               {"092", "Cần Thơ"},         {"052", "Bình Định"},
                                               {"040", "Nghệ An"},         {"036", "Nam Định"},
                                               {"001", "Hà Nội"},          {"048", "Đà Nẵng"}}};
constexpr std::array<std::string_view, 24> kPrefixes{
    "032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078",
    "079", "081", "082", "083", "084", "085", "086", "088", "090", "091", "097", "098"};

// Quận 6, TP. Hồ Chí Minh (district 775): its 14 wards with their GSO codes.
constexpr std::array<Ward, 14> kQuan6Wards{{{"27343", "Phường 14"}, {"27346", "Phường 13"},
                                            {"27349", "Phường 9"},  {"27352", "Phường 6"},
                                            {"27355", "Phường 12"}, {"27358", "Phường 5"},
                                            {"27361", "Phường 11"}, {"27364", "Phường 2"},
                                            {"27367", "Phường 1"},  {"27370", "Phường 4"},
                                            {"27373", "Phường 8"},  {"27376", "Phường 3"},
                                            {"27379", "Phường 7"},  {"27382", "Phường 10"}}};
constexpr std::array<std::string_view, 20> kQuan6Streets{
    "Hậu Giang",  "Hồng Bàng",  "Kinh Dương Vương", "Bình Phú",       "Bà Hom",
    "Minh Phụng", "Lò Gốm",     "Phạm Văn Chí",     "Nguyễn Văn Luông", "Tân Hóa",
    "Bãi Sậy",    "Chợ Lớn",    "Văn Thân",         "Tháp Mười",      "Lê Quang Sung",
    "An Dương Vương", "Mai Xuân Thưởng", "Bình Tiên", "Cao Văn Lầu",   "Phan Văn Khỏe"};

constexpr std::array<Ward, 5> kGenericWards{{{"00001", "Phường 1"}, {"00002", "Phường 2"},
                                             {"00003", "Phường 3"}, {"00004", "Phường 4"},
                                             {"00005", "Phường 5"}}};
constexpr std::array<std::string_view, 4> kGenericStreets{"Số 1", "Số 2", "Số 3", "Số 4"};
} // namespace

std::span<const std::string_view> familyNames() { return kFamily; }
std::span<const std::string_view> middleNames(bool male) {
    return male ? std::span<const std::string_view>(kMiddleMale) : kMiddleFemale;
}
std::span<const std::string_view> givenNames(bool male) {
    return male ? std::span<const std::string_view>(kGivenMale) : kGivenFemale;
}
std::span<const Province> birthProvinces() { return kProvinces; }
std::span<const std::string_view> mobilePrefixes() { return kPrefixes; }

District districtFor(std::string_view officeCode) {
    if (officeCode == "07916") {
        return {officeCode, "775", "Quận 6", "TP. Hồ Chí Minh", kQuan6Wards, kQuan6Streets};
    }
    return {officeCode, officeCode.substr(2), "Quận/Huyện " , "Tỉnh/Thành phố", kGenericWards,
            kGenericStreets};
}

} // namespace portal::lists
