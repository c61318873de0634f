#pragma once
#include <string>

namespace bhxh::receipt {

/// The fixed texts of the receipt, in the clerk's chosen language (assets/lang keys receipt.*);
/// the receipt module holds no clerk-facing text of its own.
struct ReceiptLabels {
    std::string mottoLine1;  ///< "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    std::string mottoLine2;  ///< "Độc lập – Tự do – Hạnh phúc"
    std::string title;       ///< "GIẤY BIÊN NHẬN KẾT QUẢ XỬ LÝ HỒ SƠ"
    std::string officeCode;
    std::string dossierNo;
    std::string fullName;
    std::string request;
    std::string decision;
    std::string reason;
    std::string officer;
    std::string decidedAt;
    std::string qrCaption;   ///< under the QR code
    std::string footer;      ///< bottom of the page; may hold several sentences, wrapped
};

/// What one receipt shows, as display text (the caller formats times and translates kinds).
/// Every text is NFC-normalised when drawn.
struct ReceiptData {
    std::string officeName;     ///< "BHXH Quận 6"
    std::string officeCode;     ///< "07916"
    std::string dossierNo;      ///< also the QR code's content
    std::string fullName;       ///< with diacritics, as declared
    std::string requestText;    ///< "Đăng ký giao dịch điện tử"
    std::string decisionText;   ///< "Đã duyệt" | "Từ chối"
    std::string reasonText;     ///< empty → the reason line is left out
    std::string officerId;
    std::string decidedAtText;  ///< local time, already formatted
    ReceiptLabels labels;
};

} // namespace bhxh::receipt
