#include "chip_pcsc/chip_document_reader.h"

#include "chip/ber_tlv.h"
#include "chip/dg14.h"
#include "chip_pcsc/bac_session.h"

namespace bhxh::chip {
namespace {

using Clock = std::chrono::steady_clock;
double msSince(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

Result<SmResponse> smCommand(ApduChannel& channel, SecureMessaging& sm, const Bytes& command) {
    auto wrapped = sm.wrap(command);
    if (!wrapped) return wrapped.error();
    auto r = channel.transmit(*wrapped);
    if (!r) return r.error();
    return sm.unwrap(*r);
}

Result<Bytes> readFile(ApduChannel& channel, SecureMessaging& sm, std::uint16_t fid, int dg, const ChipReadOptions& opt) {
    auto sel = smCommand(channel, sm, Bytes{0x00, 0xA4, 0x02, 0x0C, 0x02, static_cast<std::uint8_t>(fid >> 8),
                                            static_cast<std::uint8_t>(fid & 0xFF)});
    if (!sel) return sel.error();
    if (sel->status == 0x6A82) return makeError("chip.no_file", "the chip has no file " + std::to_string(fid));
    if (sel->status != 0x9000) return makeError("chip.read_failed", "the chip refused to select a file");
    Bytes data;
    std::size_t total = 0;
    while (total == 0 || data.size() < total) {
        if (opt.stop.stop_requested()) return makeError("chip.cancelled", "reading the chip was cancelled");
        const std::size_t offset = data.size();
        const std::size_t want = total == 0 ? 8 : std::min<std::size_t>(0xDF, total - offset);
        auto r = smCommand(channel, sm, Bytes{0x00, 0xB0, static_cast<std::uint8_t>(offset >> 8),
                                              static_cast<std::uint8_t>(offset & 0xFF), static_cast<std::uint8_t>(want)});
        if (!r) return r.error();
        if (r->status != 0x9000 || r->data.empty()) return makeError("chip.read_failed", "the chip stopped answering READ BINARY");
        if (r->data.size() > want) return makeError("chip.read_failed", "the chip sent more bytes than asked");
        data.insert(data.end(), r->data.begin(), r->data.end());
        if (total == 0) {
            // Length from the TLV header: tag (1 byte) + length (1..4 bytes).
            if (data.size() < 2) return makeError("chip.read_failed", "a file shorter than its header");
            std::size_t len = 0, header = 2;
            if (data[1] < 0x80) {
                len = data[1];
            } else {
                const std::size_t n = data[1] & 0x7F;
                if (n == 0 || n > 3 || data.size() < 2 + n) return makeError("chip.read_failed", "a file with a bad length");
                for (std::size_t i = 0; i < n; ++i) len = len << 8 | data[2 + i];
                header += n;
            }
            total = header + len;
            if (total > ChipDocumentReader::kMaxFileBytes)
                return makeError("chip.read_failed", "a chip file larger than 32 767 bytes");
            if (data.size() > total) data.resize(total);
        }
        if (opt.progress) opt.progress(dg, data.size(), total);
    }
    return data;
}

std::uint16_t fileIdOf(int dg) { return dg == 0 ? 0x011E : dg == 99 ? 0x011D : static_cast<std::uint16_t>(0x0100 + dg); }

} // namespace

Result<ChipReading> ChipDocumentReader::read(ApduChannel& channel, const BacKeys& keys, const CscaStore& cscas,
                                             const ChipReadOptions& options) {
    ChipReading out;
    const std::size_t apdus0 = channel.commands, out0 = channel.bytesOut, in0 = channel.bytesIn;
    auto t = Clock::now();
    auto sm = BacSession::authenticate(channel, keys);
    if (!sm) return sm.error();
    out.bacMilliseconds = msSince(t);
    t = Clock::now();

    const auto readOne = [&](int dg) -> Result<Bytes> {
        const auto t0 = Clock::now();
        const std::size_t a0 = channel.commands;
        auto bytes = readFile(channel, *sm, fileIdOf(dg), dg, options);
        if (!bytes) return bytes;
        out.files.push_back({dg, bytes->size(), channel.commands - a0, msSince(t0)});
        return bytes;
    };
    auto com = readOne(0);
    if (!com) return com.error();
    auto parsedCom = EfComParser::parse(*com);
    if (!parsedCom) return parsedCom.error();
    out.com = *parsedCom;
    for (int dg : {1, 2, 13, 14, 15}) {
        const bool listed = std::find(out.com.dataGroups.begin(), out.com.dataGroups.end(), dg) != out.com.dataGroups.end();
        if (!listed) {
            if (dg == 1) return makeError("chip.read_failed", "EF.COM lists no DG1");
            continue;
        }
        auto bytes = readOne(dg);
        if (!bytes) return bytes.error();
        out.dataGroups[dg] = *bytes;
    }
    auto sod = readOne(99);
    if (!sod) return sod.error();
    out.readMilliseconds = msSince(t);
    t = Clock::now();

    auto mrz = MrzTd1Parser::parseDg1(out.dataGroups[1]);
    if (!mrz) return mrz.error();
    out.mrz = *mrz;
    if (out.dataGroups.count(2)) {
        auto face = FaceImageParser::parseDg2(out.dataGroups[2]);
        if (face) out.face = std::move(*face);
    }
    if (out.dataGroups.count(13)) {
        auto d = Dg13Parser::parse(out.dataGroups[13]);
        if (d) out.dg13 = std::move(*d);
    }
    const auto finish = [&]() -> Result<ChipReading> {
        out.verifyMilliseconds = msSince(t);
        out.apdus = channel.commands - apdus0;
        out.bytesOut = channel.bytesOut - out0;
        out.bytesIn = channel.bytesIn - in0;
        return out;
    };
    out.passive = PassiveAuthenticator::verify(*sod, out.dataGroups, cscas);
    // EF.COM is not signed: a copy of a card could leave DG15 (and with it active
    // authentication) out of it. What the SOD signs decides: DG14 and DG15 are read when the
    // SOD has their hash, whatever EF.COM says, and a chip that does not give them is no copy
    // the desk accepts.
    bool readMore = false;
    for (int dg : {14, 15}) {
        if (out.dataGroups.count(dg) || !out.passive.securityObject.dataGroupHashes.count(dg)) continue;
        auto bytes = readOne(dg);
        if (!bytes && bytes.error().code != "chip.no_file") return bytes.error();
        if (!bytes) {
            out.verdict = out.passive.verdict;
            out.verdict.kind = ChipVerdictKind::NotGenuine;
            out.verdict.reason = "hash_mismatch";
            out.verdict.detail = "DG" + std::to_string(dg) + " is signed in the SOD but the chip does not give it";
            return finish();
        }
        out.dataGroups[dg] = *bytes;
        readMore = true;
    }
    if (readMore) out.passive = PassiveAuthenticator::verify(*sod, out.dataGroups, cscas);
    out.verdict = out.passive.verdict;
    std::string ecdsaHash;
    if (out.dataGroups.count(14)) {
        auto dg14 = Dg14Parser::parse(out.dataGroups[14]);
        if (dg14) ecdsaHash = dg14->activeAuthHashName;
    }
    if (out.dataGroups.count(15)) {
        out.active = ActiveAuthenticator::run(channel, *sm, out.dataGroups[15], ecdsaHash);
        if (out.active.outcome == ActiveAuthOutcome::Failed && out.verdict.kind != ChipVerdictKind::NotGenuine) {
            out.verdict.kind = ChipVerdictKind::NotGenuine;
            out.verdict.reason = "active_auth_failed";
            out.verdict.detail = out.active.detail;
        }
    }
    return finish();
}

} // namespace bhxh::chip
