#include "card_images.h"

#include "common/log.h"
#include "common/unicode_text.h"
#include "qr_payloads.h"

#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cstdio>

namespace portal {

namespace {
std::string encodeJpeg(const cv::Mat& img) {
    std::vector<uchar> buf;
    cv::imencode(".jpg", img, buf, {cv::IMWRITE_JPEG_QUALITY, 88});
    return std::string(buf.begin(), buf.end());
}

void text(cv::Mat& img, const std::string& utf8, cv::Point at, double scale, cv::Scalar color = {30, 30, 30},
          int thickness = 1) {
    cv::putText(img, bhxh::text::stripDiacritics(utf8), at, cv::FONT_HERSHEY_SIMPLEX, scale, color, thickness, cv::LINE_AA);
}

/// The card's own QR code (the CCCD payload, UTF-8), as printed at the top right of a real card.
void drawQr(cv::Mat& card, const std::string& payload, cv::Rect where) {
    const auto bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                          .setEncoding(ZXing::CharacterSet::UTF8)
                          .setMargin(2)
                          .encode(payload, where.width, where.height);
    const auto matrix = ZXing::ToMatrix<std::uint8_t>(bits);
    cv::Mat qr(matrix.height(), matrix.width(), CV_8UC1, const_cast<std::uint8_t*>(matrix.data()));
    cv::Mat bgr;
    cv::cvtColor(qr, bgr, cv::COLOR_GRAY2BGR);
    cv::resize(bgr, bgr, where.size(), 0, 0, cv::INTER_NEAREST);
    bgr.copyTo(card(where));
}

std::string dmy(const Person& p) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d/%02d/%04d", p.birthDay, p.birthMonth, p.birthYear);
    return buf;
}
} // namespace

CardImages::CardImages(const std::vector<std::string>& facePhotoPaths) {
    for (const auto& spec : facePhotoPaths) {
        std::string path = spec;
        cv::Rect crop;
        if (const auto at = spec.rfind('@'); at != std::string::npos &&
            std::sscanf(spec.c_str() + at + 1, "%d,%d,%d,%d", &crop.x, &crop.y, &crop.width, &crop.height) == 4) {
            path = spec.substr(0, at);
        }
        cv::Mat img = cv::imread(path, cv::IMREAD_COLOR);
        if (img.empty()) {
            bhxh::log::warn("face photo " + path + " cannot be read; skipped");
            continue;
        }
        if (crop.area() <= 0 || (crop & cv::Rect(0, 0, img.cols, img.rows)) != crop) {
            // The 3:4 portrait shape around the upper centre, where a portrait's face is.
            const int w = std::min(img.cols, img.rows * 3 / 4);
            crop = cv::Rect(std::max(0, (img.cols - w) / 2), 0, w, std::min(img.rows, w * 4 / 3));
        }
        cv::Mat face;
        cv::resize(img(crop), face, cv::Size(360, 480), 0, 0, cv::INTER_AREA);
        m_faces.push_back(face);
    }
}

cv::Mat CardImages::portrait(std::size_t index, bool male) const {
    if (!m_faces.empty()) return m_faces[index % m_faces.size()].clone();
    // No redistributable photo: a plain stand-in (head-and-shoulders silhouette). Face scoring
    // finds no face in it, which the demo shows as such.
    cv::Mat img(480, 360, CV_8UC3, cv::Scalar(235, 225, 215));
    const cv::Scalar tone = male ? cv::Scalar(120, 110, 100) : cv::Scalar(140, 120, 150);
    cv::ellipse(img, {180, 190}, {80, 100}, 0, 0, 360, tone, cv::FILLED);
    cv::ellipse(img, {180, 480}, {160, 130}, 0, 180, 360, tone, cv::FILLED);
    return img;
}

std::string CardImages::portraitJpeg(std::size_t index, bool male) const {
    return encodeJpeg(portrait(index, male));
}

std::string CardImages::idFrontJpeg(const Person& p, std::size_t index) const {
    cv::Mat card(540, 856, CV_8UC3, cv::Scalar(228, 236, 240));
    cv::rectangle(card, {0, 0}, {855, 539}, cv::Scalar(150, 120, 60), 6);
    text(card, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {180, 50}, 0.75, {40, 40, 160}, 2);
    text(card, "Độc lập - Tự do - Hạnh phúc", {280, 82}, 0.6);
    text(card, "CĂN CƯỚC CÔNG DÂN", {240, 130}, 1.0, {40, 40, 160}, 2);
    drawQr(card, cccdPayload(p), cv::Rect(668, 14, 172, 172));
    cv::Mat face;
    cv::resize(portrait(index, p.male), face, cv::Size(180, 240), 0, 0, cv::INTER_AREA);
    face.copyTo(card(cv::Rect(40, 170, 180, 240)));
    const int x = 250;
    text(card, "Số / No.: " + p.idNumber, {x, 180}, 0.8, {20, 20, 20}, 2);
    text(card, "Họ và tên / Full name:", {x, 225}, 0.55);
    text(card, bhxh::text::toUpper(p.fullName), {x, 258}, 0.85, {20, 20, 20}, 2);
    text(card, "Ngày sinh / Date of birth: " + dmy(p), {x, 300}, 0.6);
    text(card, std::string("Giới tính / Sex: ") + (p.male ? "Nam" : "Nữ") + "    Quốc tịch: Việt Nam", {x, 335}, 0.6);
    text(card, "Quê quán: " + p.birthProvince, {x, 370}, 0.6);
    text(card, "Nơi thường trú:", {x, 405}, 0.6);
    text(card, p.addressText, {x, 435}, 0.5);
    text(card, "Dữ liệu mẫu - không phải giấy tờ thật", {250, 505}, 0.55, {0, 0, 200}, 1);
    return encodeJpeg(card);
}

std::string CardImages::idBackJpeg(const Person& p) const {
    cv::Mat card(540, 856, CV_8UC3, cv::Scalar(232, 232, 226));
    cv::rectangle(card, {0, 0}, {855, 539}, cv::Scalar(150, 120, 60), 6);
    text(card, "Đặc điểm nhân dạng: Nốt ruồi cách 1 cm trên đuôi mắt trái", {40, 70}, 0.6);
    text(card, "Ngày, tháng, năm: " + p.cardIssued.substr(0, 2) + "/" + p.cardIssued.substr(2, 2) + "/" +
                   p.cardIssued.substr(4),
         {40, 120}, 0.6);
    text(card, "CỤC TRƯỞNG CỤC CẢNH SÁT QUẢN LÝ HÀNH CHÍNH VỀ TRẬT TỰ XÃ HỘI", {40, 165}, 0.5);
    cv::rectangle(card, {40, 360}, {816, 510}, cv::Scalar(250, 250, 250), cv::FILLED);
    const std::string yy = std::to_string(p.birthYear).substr(2);
    char dob[8];
    std::snprintf(dob, sizeof dob, "%s%02d%02d", yy.c_str(), p.birthMonth, p.birthDay);
    std::string name = bhxh::text::toUpper(bhxh::text::stripDiacritics(p.fullName));
    std::replace(name.begin(), name.end(), ' ', '<');
    cv::putText(card, "IDVNM" + p.idNumber.substr(3) + "<<<<<<<<<<", {55, 400}, cv::FONT_HERSHEY_PLAIN, 2.0,
                {20, 20, 20}, 2);
    cv::putText(card, std::string(dob) + (p.male ? "M" : "F") + "<<<<<<<VNM<<<<<<<<<<<", {55, 445},
                cv::FONT_HERSHEY_PLAIN, 2.0, {20, 20, 20}, 2);
    cv::putText(card, name + "<<<<<<<<<<", {55, 490}, cv::FONT_HERSHEY_PLAIN, 2.0, {20, 20, 20}, 2);
    return encodeJpeg(card);
}

std::string CardImages::birthCertificateJpeg(const Person& child, const Person& parent) const {
    cv::Mat page(1100, 780, CV_8UC3, cv::Scalar(240, 248, 250));
    cv::rectangle(page, {20, 20}, {759, 1079}, cv::Scalar(60, 60, 140), 3);
    text(page, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", {160, 90}, 0.7, {40, 40, 160}, 2);
    text(page, "GIẤY KHAI SINH", {270, 170}, 1.1, {40, 40, 160}, 2);
    int y = 260;
    auto line = [&](const std::string& s) { text(page, s, {70, y}, 0.65); y += 50; };
    line("Họ, chữ đệm, tên: " + child.fullName);
    line("Ngày, tháng, năm sinh: " + dmy(child));
    line(std::string("Giới tính: ") + (child.male ? "Nam" : "Nữ") + "   Dân tộc: Kinh   Quốc tịch: Việt Nam");
    line("Số định danh cá nhân: " + child.idNumber);
    line("Nơi sinh: " + child.birthProvince);
    y += 30;
    line(std::string(parent.male ? "Họ, chữ đệm, tên cha: " : "Họ, chữ đệm, tên mẹ: ") + parent.fullName);
    line("Năm sinh: " + std::to_string(parent.birthYear) + "   Số định danh: " + parent.idNumber);
    line("Nơi cư trú: " + parent.addressText.substr(0, std::min<std::size_t>(parent.addressText.size(), 60)));
    text(page, "Dữ liệu mẫu - không phải giấy tờ thật", {200, 1040}, 0.6, {0, 0, 200}, 1);
    return encodeJpeg(page);
}

} // namespace portal
