// The reference portal's generated ID card images carry a QR code that a real reader (ZXing)
// decodes to exactly the CCCD payload that `bhxh-portal --print-qr` prints for that dossier:
// the demo can show the card image to the camera and land on the right declaration.
#include <catch2/catch.hpp>
#include "portal_process.h"
#include "temp_folder.h"

#include <ZXing/ReadBarcode.h>
#include <ZXing/TextUtfEncoding.h>
#include <httplib.h>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr const char* kToken = "tok-card-test-5b2e9c1a7d3f";

/// bhxh-portal on a free loopback port with its state in a temp folder.
struct CardPortal {
    bhxh::test::TempFolder dir{"bhxh-portal-card-"};
    bhxh::test::PortalProcess process;
    explicit CardPortal(const std::vector<std::string>& extra)
        : process(BHXH_PORTAL_BIN, dir.path(), {{"07916-D01", kToken}}, extra) {}
    ~CardPortal() { process.stop(); }  // before the folder goes
    [[nodiscard]] int port() const { return process.port(); }
};

std::vector<nlohmann::json> printQr(const std::string& seedArgs) {
    const std::string cmd = std::string(BHXH_PORTAL_BIN) + " --print-qr " + seedArgs;
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(cmd.c_str(), "r"), pclose);
    REQUIRE(pipe);
    std::vector<nlohmann::json> lines;
    std::string line;
    int ch;
    while ((ch = std::fgetc(pipe.get())) != EOF) {
        if (ch == '\n') {
            lines.push_back(nlohmann::json::parse(line));
            line.clear();
        } else {
            line.push_back(static_cast<char>(ch));
        }
    }
    return lines;
}

std::string decodeQr(const std::string& jpeg) {
    const std::vector<uchar> bytes(jpeg.begin(), jpeg.end());
    cv::Mat img = cv::imdecode(bytes, cv::IMREAD_GRAYSCALE);
    REQUIRE_FALSE(img.empty());
    const ZXing::ImageView view(img.data, img.cols, img.rows, ZXing::ImageFormat::Lum);
    const auto result = ZXing::ReadBarcode(view);
    REQUIRE(result.isValid());
    return ZXing::TextUtfEncoding::ToUtf8(result.text());
}

} // namespace

TEST_CASE("portal ID card images carry the CCCD QR that --print-qr prints", "[portal][integration]") {
    const std::vector<std::string> seed{"--seed", "12", "--seed-value", "5", "--office", "07916"};
    CardPortal portal(seed);
    std::map<std::string, nlohmann::json> qr;
    for (auto& line : printQr("--seed 12 --seed-value 5 --office 07916")) qr[line["dossier_no"]] = line;
    REQUIRE(qr.size() == 12);

    httplib::Client client("127.0.0.1", portal.port());
    const httplib::Headers headers{{"Authorization", std::string("Bearer ") + kToken}, {"X-Desk-Id", "07916-D01"}};
    auto list = client.Get("/api/desk/v1/offices/07916/declarations?limit=500", headers);
    REQUIRE(list);
    REQUIRE(list->status == 200);
    const auto items = nlohmann::json::parse(list->body)["items"];
    REQUIRE(items.size() == 12);
    for (const auto& d : items) {
        const std::string no = d["dossier_no"];
        INFO(no);
        REQUIRE(qr.count(no) == 1);
        auto front = client.Get("/api/desk/v1/declarations/" + no + "/files/id_front", headers);
        REQUIRE(front);
        REQUIRE(front->status == 200);
        // A minor's card is the guardian's: the person standing at the desk.
        const bool minor = d["kind"] == "minor_via_guardian";
        const std::string expected = minor ? qr[no]["guardian_cccd"] : qr[no]["cccd"];
        CHECK(decodeQr(front->body) == expected);
        CHECK(expected.substr(0, 12) == (minor ? d["guardian"]["id_number"] : d["id_number"]).get<std::string>());
    }
}
