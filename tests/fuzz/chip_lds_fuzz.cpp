// libFuzzer target: every parser of the chip's files (modules/chip) on the same bytes — EF.COM,
// DG1, DG2, DG13, DG14, the LDS security object, and the BER-TLV reader under them — plus what must
// hold of what they accept.
#include "chip/ber_tlv.h"
#include "chip/dg13.h"
#include "chip/dg14.h"
#include "chip/ef_com.h"
#include "chip/face_image.h"
#include "chip/lds_security_object.h"
#include "chip/mrz_td1.h"
#include "common/unicode_text.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace {
void require(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what);
        std::abort();
    }
}
bool chipCode(const bhxh::Error& e) { return e.code.rfind("chip.", 0) == 0 && !e.message.empty(); }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bhxh::chip;
    const ByteView in(data, size);
    if (auto all = BerTlv::readAll(in)) {
        std::size_t total = 0;
        for (const auto& e : *all) total += e.encodedSize;
        require(total == size, "TLV elements cover the input exactly");
    } else {
        require(chipCode(all.error()), "TLV error has a chip code");
    }
    if (auto com = EfComParser::parse(in)) {
        for (int dg : com->dataGroups) require(dg >= 1 && dg <= 16, "EF.COM data groups in 1..16");
    } else {
        require(chipCode(com.error()), "EF.COM error has a chip code");
    }
    if (auto mrz = MrzTd1Parser::parseDg1(in)) {
        require(mrz->birthDate.size() == 6 && mrz->expiryDate.size() == 6, "MRZ dates are 6 characters");
    } else {
        require(chipCode(mrz.error()), "DG1 error has a chip code");
    }
    if (auto face = FaceImageParser::parseDg2(in)) {
        require(!face->data.empty() && face->data.size() <= FaceImageParser::kMaxImageBytes, "portrait bounded");
        require(face->data.size() < size, "portrait inside DG2");
    } else {
        require(chipCode(face.error()), "DG2 error has a chip code");
    }
    if (auto d = Dg13Parser::parse(in)) {
        for (const auto* s : {&d->idNumber, &d->fullName, &d->residence, &d->fatherName, &d->motherName})
            require(bhxh::text::isValidUtf8(*s) && bhxh::text::isNfc(*s), "DG13 text is NFC UTF-8");
    } else {
        require(chipCode(d.error()), "DG13 error has a chip code");
    }
    if (auto dg14 = Dg14Parser::parse(in)) {
        require(dg14->activeAuthHashName.empty() || !dg14->activeAuthSignatureOid.empty(), "a hash only with its OID");
    } else {
        require(chipCode(dg14.error()), "DG14 error has a chip code");
    }
    if (auto sod = LdsSecurityObjectParser::parse(in)) {
        require(!sod->dataGroupHashes.empty() && sod->dataGroupHashes.size() <= 16, "1..16 hashes");
        for (const auto& [dg, h] : sod->dataGroupHashes) require(dg >= 1 && dg <= 16 && !h.empty(), "hash entries sane");
    } else {
        require(chipCode(sod.error()), "SOD error has a chip code");
    }
    return 0;
}
