#include "declarations/reason_codes.h"

namespace bhxh::declarations {

const std::vector<ReasonCode>& ReasonCodes::all() {
    // The texts are the contract's (portal-api.md "Rejection reason codes"); a unit test holds
    // assets/lang and the notification templates to the same words.
    static const std::vector<ReasonCode> reasons{
        {"photo_mismatch", "reason.photo_mismatch", "Ảnh chân dung không khớp với người nộp hồ sơ", false},
        {"id_mismatch", "reason.id_mismatch", "Thông tin CCCD không khớp với tờ khai", false},
        {"name_no_diacritics", "reason.name_no_diacritics", "Họ tên phải viết đầy đủ, có dấu", false},
        {"bhxh_code_wrong", "reason.bhxh_code_wrong", "Mã số BHXH không đúng", false},
        {"phone_in_use", "reason.phone_in_use", "Số điện thoại đã đăng ký cho mã số BHXH khác", false},
        {"email_in_use", "reason.email_in_use", "Địa chỉ thư điện tử đã đăng ký cho tài khoản khác", false},
        {"image_unreadable", "reason.image_unreadable", "Ảnh giấy tờ không rõ, không đọc được", false},
        {"guardian_invalid", "reason.guardian_invalid", "Thông tin cha/mẹ/người giám hộ không hợp lệ", false},
        {"other", "reason.other", "", true},
    };
    return reasons;
}

std::optional<ReasonCode> ReasonCodes::find(std::string_view code) {
    for (const auto& r : all()) {
        if (r.code == code) return r;
    }
    return std::nullopt;
}

} // namespace bhxh::declarations
