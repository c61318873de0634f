#include "chip/face_image.h"

#include "chip/ber_tlv.h"

#include <string>

namespace bhxh::chip {
namespace {

Error faceError(const std::string& message) { return makeError("chip.bad_dg2", message); }

std::uint32_t be(ByteView d, std::size_t at, int n) {
    std::uint32_t v = 0;
    for (int i = 0; i < n; ++i) v = v << 8 | d[at + static_cast<std::size_t>(i)];
    return v;
}

bool isJpeg(ByteView d) { return d.size() >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF; }
bool isJpeg2000(ByteView d) {
    static constexpr std::uint8_t kJp2[] = {0x00, 0x00, 0x00, 0x0C, 0x6A, 0x50, 0x20, 0x20};
    static constexpr std::uint8_t kJ2c[] = {0xFF, 0x4F, 0xFF, 0x51};
    if (d.size() >= 8 && std::equal(std::begin(kJp2), std::end(kJp2), d.begin())) return true;
    return d.size() >= 4 && std::equal(std::begin(kJ2c), std::end(kJ2c), d.begin());
}

} // namespace

Result<FaceImage> FaceImageParser::parseFacialRecord(ByteView r) {
    // General header (14 bytes): "FAC\0", version (4), record length (4), number of faces (2).
    if (r.size() < 14) return faceError("the facial record is shorter than its header");
    if (!(r[0] == 'F' && r[1] == 'A' && r[2] == 'C' && r[3] == 0)) return faceError("the facial record does not start with FAC");
    const std::uint32_t recordLength = be(r, 8, 4);
    if (recordLength > r.size() || recordLength < 14) return faceError("the facial record's length is wrong");
    if (be(r, 12, 2) == 0) return faceError("the facial record holds no face");
    ByteView rest = r.subspan(14, recordLength - 14);
    // Facial information (20 bytes), feature points (8 each), image information (12 bytes).
    if (rest.size() < 20) return faceError("the facial information block is cut short");
    const std::uint32_t blockLength = be(rest, 0, 4);
    const std::uint32_t points = be(rest, 4, 2);
    if (blockLength > rest.size()) return faceError("the face block is longer than the record");
    const std::size_t header = 20 + 8 * static_cast<std::size_t>(points) + 12;
    if (blockLength < header) return faceError("the face block is shorter than its headers");
    const std::size_t info = 20 + 8 * static_cast<std::size_t>(points);
    FaceImage face;
    const std::uint8_t dataType = rest[info + 1];
    face.width = static_cast<std::uint16_t>(be(rest, info + 2, 2));
    face.height = static_cast<std::uint16_t>(be(rest, info + 4, 2));
    ByteView image = rest.subspan(header, blockLength - header);
    if (image.empty()) return faceError("the face block holds no image");
    if (image.size() > kMaxImageBytes) return faceError("the portrait is larger than 256 KiB");
    if (dataType == 0 && isJpeg(image)) face.format = FaceImageFormat::Jpeg;
    else if (dataType == 1 && isJpeg2000(image)) face.format = FaceImageFormat::Jpeg2000;
    else return faceError("the portrait is neither a JPEG nor a JPEG 2000 image as its header says");
    face.data.assign(image.begin(), image.end());
    return face;
}

Result<FaceImage> FaceImageParser::parseDg2(ByteView dg2) {
    auto outer = BerTlv::readOne(dg2);
    if (!outer) return outer.error();
    if (outer->tag != 0x75) return faceError("DG2 does not start with tag 75");
    auto group = BerTlv::find(outer->value, 0x7F61);
    if (!group) return faceError("DG2 holds no biometric information group (7F61)");
    auto tmpl = BerTlv::find(group->value, 0x7F60);
    if (!tmpl) return faceError("DG2 holds no biometric information template (7F60)");
    auto block = BerTlv::find(tmpl->value, 0x5F2E);
    if (!block) block = BerTlv::find(tmpl->value, 0x7F2E);
    if (!block) return faceError("DG2 holds no biometric data block (5F2E)");
    return parseFacialRecord(block->value);
}

} // namespace bhxh::chip
