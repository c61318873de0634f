// bhxh-demo-video: the demo's stand-in for a webcam. Reads the QR payloads that
// `bhxh-portal --seed N --print-qr` prints (one JSON object per line) and writes an MJPEG video in
// which each citizen holds a card up to the camera for a few seconds, with empty desk between.
// The console plays it as [camera] source and opens each declaration as its card appears.
#include "common/unicode_text.h"

#include <CLI/CLI.hpp>
#include <ZXing/BitMatrix.h>
#include <ZXing/CharacterSet.h>
#include <ZXing/MultiFormatWriter.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/videoio.hpp>

#include <fstream>
#include <iostream>
#include <cmath>
#include <string>
#include <vector>

namespace {

struct Card {
    std::string kind;     // cccd | bhyt
    std::string payload;
    std::string label;    // dossier number, for the caption
};

cv::Mat qrImage(const std::string& payload, int side) {
    const auto bits = ZXing::MultiFormatWriter(ZXing::BarcodeFormat::QRCode)
                          .setEncoding(ZXing::CharacterSet::UTF8)
                          .setMargin(2)
                          .encode(payload, side, side);
    const auto matrix = ZXing::ToMatrix<std::uint8_t>(bits);
    cv::Mat qr(matrix.height(), matrix.width(), CV_8UC1, const_cast<std::uint8_t*>(matrix.data()));
    cv::Mat bgr;
    cv::cvtColor(qr, bgr, cv::COLOR_GRAY2BGR);
    cv::resize(bgr, bgr, cv::Size(side, side), 0, 0, cv::INTER_NEAREST);
    return bgr;
}

cv::Mat desk(cv::Size size) {
    cv::Mat frame(size, CV_8UC3, cv::Scalar(92, 104, 112));
    cv::rectangle(frame, cv::Rect(0, size.height * 3 / 4, size.width, size.height / 4), cv::Scalar(60, 80, 100), cv::FILLED);
    return frame;
}

void caption(cv::Mat& frame, const std::string& text) {
    cv::putText(frame, bhxh::text::stripDiacritics(text), cv::Point(24, 40), cv::FONT_HERSHEY_SIMPLEX, 0.9,
                cv::Scalar(240, 240, 240), 2, cv::LINE_AA);
}

cv::Mat cardFrame(cv::Size size, const Card& card, double t) {
    cv::Mat frame = desk(size);
    const int cardW = size.width * 11 / 20;
    const int cardH = cardW * 54 / 86;
    // The hand moves the card a little, as at a real counter.
    const int dx = static_cast<int>(std::sin(t * 2.1) * size.width * 0.02);
    const int dy = static_cast<int>(std::cos(t * 1.7) * size.height * 0.015);
    const cv::Rect where((size.width - cardW) / 2 + dx, (size.height - cardH) / 2 + dy, cardW, cardH);
    const cv::Scalar paper = card.kind == "bhyt" ? cv::Scalar(235, 245, 250) : cv::Scalar(225, 238, 245);
    cv::rectangle(frame, where, paper, cv::FILLED);
    cv::rectangle(frame, where, cv::Scalar(120, 120, 120), 2);
    const int side = cardH * 3 / 4;
    const cv::Rect qrAt(where.x + cardW - side - cardH / 10, where.y + (cardH - side) / 2, side, side);
    qrImage(card.payload, side).copyTo(frame(qrAt));
    cv::putText(frame, card.kind == "bhyt" ? "THE BAO HIEM Y TE" : "CAN CUOC CONG DAN",
                cv::Point(where.x + 20, where.y + 40), cv::FONT_HERSHEY_SIMPLEX, 0.8, cv::Scalar(40, 40, 140), 2, cv::LINE_AA);
    cv::Mat noise(size, CV_8UC3);
    cv::randn(noise, cv::Scalar::all(0), cv::Scalar::all(3));
    cv::add(frame, noise, frame);
    caption(frame, "Demo camera - " + card.label);
    return frame;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App cli{"bhxh-demo-video: a webcam stand-in showing the seeded citizens' CCCD/BHYT QR codes"};
    std::string qrFile;
    std::string out;
    std::string kind = "alternate";
    std::string onlyFile;
    int cards = 4;
    double seconds = 4.0;
    double gap = 3.0;
    int fps = 15;
    int width = 1280;
    int height = 720;
    cli.add_option("--qr", qrFile, "Output of bhxh-portal --print-qr (JSON lines)")->required()->check(CLI::ExistingFile);
    cli.add_option("--out", out, "Video file to write (.avi, MJPEG)")->required();
    cli.add_option("--only", onlyFile, "Show only these dossiers (one number per line), in this file's order")
        ->check(CLI::ExistingFile);
    cli.add_option("--cards", cards, "How many citizens appear")->check(CLI::Range(1, 1000));
    cli.add_option("--kind", kind, "cccd | bhyt | alternate")->check(CLI::IsMember({"cccd", "bhyt", "alternate"}));
    cli.add_option("--seconds", seconds, "Seconds each card is shown")->check(CLI::Range(0.5, 60.0));
    cli.add_option("--gap", gap, "Seconds of empty desk before each card")->check(CLI::Range(0.0, 60.0));
    cli.add_option("--fps", fps)->check(CLI::Range(1, 60));
    cli.add_option("--width", width)->check(CLI::Range(320, 3840));
    cli.add_option("--height", height)->check(CLI::Range(240, 2160));
    CLI11_PARSE(cli, argc, argv);

    std::vector<std::string> only;
    if (!onlyFile.empty()) {
        std::ifstream names(onlyFile);
        for (std::string n; std::getline(names, n);) {
            if (!n.empty()) only.push_back(n);
        }
    }
    std::ifstream in(qrFile);
    std::vector<nlohmann::json> citizens;
    for (std::string line; std::getline(in, line);) {
        auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded() || !j.is_object() || !j.contains("cccd") || !j.contains("bhyt")) {
            std::cerr << "bhxh-demo-video: " << qrFile << ": a line is not a --print-qr object\n";
            return 1;
        }
        citizens.push_back(std::move(j));
    }
    if (!only.empty()) {
        std::vector<nlohmann::json> picked;
        for (const auto& n : only) {
            for (const auto& c : citizens) {
                if (c.value("dossier_no", "") == n) picked.push_back(c);
            }
        }
        citizens = std::move(picked);
    }
    std::vector<Card> list;
    for (const auto& j : citizens) {
        if (static_cast<int>(list.size()) >= cards) break;
        const bool bhyt = kind == "bhyt" || (kind == "alternate" && list.size() % 2 == 1);
        list.push_back({bhyt ? "bhyt" : "cccd", j.at(bhyt ? "bhyt" : "cccd").get<std::string>(),
                        j.value("dossier_no", "")});
    }
    if (list.empty()) {
        std::cerr << "bhxh-demo-video: no payloads in " << qrFile << '\n';
        return 1;
    }
    const cv::Size size(width, height);
    cv::VideoWriter writer(out, cv::VideoWriter::fourcc('M', 'J', 'P', 'G'), fps, size);
    if (!writer.isOpened()) {
        std::cerr << "bhxh-demo-video: cannot write " << out << '\n';
        return 1;
    }
    for (const Card& card : list) {
        cv::Mat empty = desk(size);
        caption(empty, "Demo camera - next citizen");
        for (int i = 0; i < static_cast<int>(gap * fps); ++i) writer.write(empty);
        for (int i = 0; i < static_cast<int>(seconds * fps); ++i) writer.write(cardFrame(size, card, i / double(fps)));
    }
    std::cout << out << ": " << list.size() << " cards\n";
    return 0;
}
