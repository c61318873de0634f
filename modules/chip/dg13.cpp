#include "chip/dg13.h"

#include "chip/ber_tlv.h"
#include "common/unicode_text.h"

#include <vector>

namespace bhxh::chip {
namespace {

Error dg13Error(const std::string& message) { return makeError("chip.bad_dg13", message); }

bool isTextTag(std::uint32_t tag) { return tag == 0x0C || tag == 0x13 || tag == 0x16; }

Result<std::string> textValue(const TlvElement& e) {
    if (e.value.size() > Dg13Parser::kMaxTextBytes) return dg13Error("a DG13 text longer than 1024 bytes");
    const std::string raw = textOf(e.value);
    if (!text::isValidUtf8(raw)) return dg13Error("a DG13 text is not valid UTF-8");
    for (unsigned char c : raw)
        if (c < 0x20 || c == 0x7F) return dg13Error("a DG13 text holds a control character");
    return text::nfc(raw);
}

// The strings of one entry (after its INTEGER): texts, or texts inside one nested SEQUENCE.
Result<std::vector<std::string>> entryTexts(const std::vector<TlvElement>& items) {
    std::vector<std::string> out;
    for (std::size_t i = 1; i < items.size(); ++i) {
        const auto& e = items[i];
        if (isTextTag(e.tag)) {
            auto t = textValue(e);
            if (!t) return t.error();
            out.push_back(*t);
        } else if (e.tag == 0x30) {
            auto inner = BerTlv::readAll(e.value);
            if (!inner) return inner.error();
            for (const auto& s : *inner) {
                if (!isTextTag(s.tag)) continue;
                auto t = textValue(s);
                if (!t) return t.error();
                out.push_back(*t);
            }
        }
    }
    return out;
}

void assign(Dg13& d, int n, const std::vector<std::string>& texts) {
    const std::string first = texts.empty() ? std::string() : texts[0];
    switch (n) {
    case 1: d.idNumber = first; break;
    case 2: d.fullName = first; break;
    case 3: d.birthDate = first; break;
    case 4: d.gender = first; break;
    case 5: d.nationality = first; break;
    case 6: d.ethnicity = first; break;
    case 7: d.religion = first; break;
    case 8: d.placeOfOrigin = first; break;
    case 9: d.residence = first; break;
    case 10: d.identifyingMarks = first; break;
    case 11: d.issueDate = first; break;
    case 12: d.expiryDate = first; break;
    case 13:
        d.fatherName = first;
        if (texts.size() > 1) d.motherName = texts[1];
        break;
    case 16: d.oldIdNumber = first; break;
    default: {
        std::string joined;
        for (const auto& t : texts) joined += (joined.empty() ? "" : "; ") + t;
        d.other[n] = joined;
    }
    }
}

Result<void> walk(ByteView data, int depth, Dg13& out, int& entries) {
    if (depth > Dg13Parser::kMaxDepth) return dg13Error("DG13 nests deeper than 4 levels");
    auto items = BerTlv::readAll(data);
    if (!items) return items.error();
    for (const auto& e : *items) {
        if (e.tag != 0x30) continue;
        auto inner = BerTlv::readAll(e.value);
        if (!inner) return inner.error();
        if (!inner->empty() && (*inner)[0].tag == 0x02 && (*inner)[0].value.size() == 1) {
            const int n = (*inner)[0].value[0];
            if (n < 1 || n > 64) return dg13Error("a DG13 entry number outside 1..64");
            auto texts = entryTexts(*inner);
            if (!texts) return texts.error();
            assign(out, n, *texts);
            ++entries;
            continue;
        }
        auto r = walk(e.value, depth + 1, out, entries);
        if (!r) return r;
    }
    return {};
}

} // namespace

Result<Dg13> Dg13Parser::parse(ByteView dg13) {
    auto outer = BerTlv::readOne(dg13);
    if (!outer) return outer.error();
    if (outer->tag != 0x6D) return dg13Error("DG13 does not start with tag 6D");
    Dg13 d;
    int entries = 0;
    auto r = walk(outer->value, 1, d, entries);
    if (!r) return r.error();
    if (entries == 0) return dg13Error("DG13 holds no entry");
    return d;
}

} // namespace bhxh::chip
