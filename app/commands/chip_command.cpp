// bhxh-desk chip readers | chip read: the CCCD chip over PC/SC (docs/chip.md). `chip read`
// prints the chip's fields (that is its purpose, like `scan`); nothing personal goes to the log.
#include "app/commands/commands.h"
#include "chip/bac_key.h"
#include "chip/cccd_bac_key.h"
#include "chip/hex.h"
#include "chip/mrz_td1.h"
#include "chip_pcsc/chip_document_reader.h"
#include "chip_pcsc/passive_authenticator.h"
#include "chip_pcsc/pcsc_context.h"
#include "common/calendar_date.h"
#include "common/unicode_text.h"

#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

namespace bhxh::app::commands {
namespace {

using nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

struct ChipOptions {
    bool json = false;
    std::string reader;
    std::string idNumber;
    std::string birth;
    std::string expiry;
    std::string issue;
    std::string mrzFile;
    std::string portraitOut;
    int waitS = 0;  // 0 → [chip] card_wait_s
};

struct KeyAttempt {
    std::string source; // "mrz", "derived", "typed"
    chip::BacInput input;
};

double round2(double v) { return std::round(v * 100) / 100; }

void fail(const ChipOptions& o, const Error& e) {
    if (o.json) {
        ordered_json j;
        j["ok"] = false;
        j["error"] = {{"code", e.code}, {"message", e.message}};
        std::cout << j.dump(2) << '\n';
    } else {
        std::cerr << "chip: " << e.describe() << '\n';
    }
}

Result<std::vector<KeyAttempt>> keysFrom(const ChipOptions& o) {
    std::vector<KeyAttempt> out;
    if (!o.mrzFile.empty()) {
        std::ifstream in(o.mrzFile, std::ios::binary);
        if (!in) return makeError("chip.mrz_file", "cannot read " + o.mrzFile);
        std::string text(512, '\0');
        in.read(text.data(), static_cast<std::streamsize>(text.size()));
        text.resize(static_cast<std::size_t>(in.gcount()));
        auto mrz = chip::MrzTd1Parser::parse(text);
        if (!mrz) return mrz.error();
        if (!mrz->checksOk()) return makeError("chip.bad_mrz", "a check digit of the MRZ is wrong: check the three lines");
        out.push_back({"mrz", {mrz->documentNumber, mrz->birthDate, mrz->expiryDate}});
        return out;
    }
    if (o.idNumber.empty() || o.birth.empty() || (o.expiry.empty() && o.issue.empty()))
        return makeError("chip.no_key", "give --mrz FILE, or --id-number and --birth with --issue and/or --expiry");
    const auto birth = CalendarDate::parseSlashed(o.birth);
    if (!birth) return makeError("chip.bad_date", "--birth is not a dd/mm/yyyy date");
    if (!o.issue.empty()) {
        const auto issue = CalendarDate::parseSlashed(o.issue);
        if (!issue) return makeError("chip.bad_date", "--issue is not a dd/mm/yyyy date");
        auto derived = chip::CccdBacKey::derive(o.idNumber, *birth, *issue);
        if (derived) out.push_back({"derived", *derived});
        else if (derived.error().code != "chip.no_derived_expiry" || o.expiry.empty()) return derived.error();
    }
    if (!o.expiry.empty()) {
        const auto expiry = CalendarDate::parseSlashed(o.expiry);
        if (!expiry) return makeError("chip.bad_date", "--expiry is not a dd/mm/yyyy date");
        auto typed = chip::CccdBacKey::fromDates(o.idNumber, *birth, *expiry);
        if (!typed) return typed.error();
        out.push_back({"typed", *typed});
    }
    return out;
}

Result<std::string> chooseReader(chip::PcscContext& ctx, const std::string& wanted) {
    auto readers = ctx.readers();
    if (!readers) return readers.error();
    if (readers->empty()) return makeError("chip.no_reader", "no PC/SC reader is connected");
    if (!wanted.empty()) {
        for (const auto& r : *readers)
            if (r == wanted) return r;
        return makeError("chip.no_reader", "no reader named \"" + wanted + "\"");
    }
    for (const auto& r : *readers) {
        auto present = ctx.cardPresent(r);
        if (present && *present) return r;
    }
    return readers->front();
}

ordered_json describe(const chip::ChipReading& r, const std::string& reader, const std::string& keySource,
                      std::size_t refusedKeys, double totalMs) {
    ordered_json j;
    j["ok"] = true;
    j["reader"] = reader;
    j["key"] = keySource;
    j["refused_keys"] = refusedKeys;
    j["verdict"] = {{"kind", chip::ChipVerdict::kindName(r.verdict.kind)},
                    {"reason", r.verdict.reason},
                    {"detail", r.verdict.detail},
                    {"ds_fingerprint", r.verdict.dsFingerprint}};
    j["passive"] = {{"hash_algorithm", r.passive.securityObject.hashAlgorithmName}, {"ds_subject", r.passive.dsSubject}};
    ordered_json hashes = ordered_json::object();
    for (const auto& [dg, ok] : r.passive.hashOk) hashes["DG" + std::to_string(dg)] = ok;
    j["passive"]["hashes"] = hashes;
    const char* aa = "not_offered";
    switch (r.active.outcome) {
    case chip::ActiveAuthOutcome::Passed: aa = "passed"; break;
    case chip::ActiveAuthOutcome::Failed: aa = "failed"; break;
    case chip::ActiveAuthOutcome::Unsupported: aa = "unsupported"; break;
    case chip::ActiveAuthOutcome::NotOffered: break;
    }
    j["active"] = {{"outcome", aa}, {"detail", r.active.detail}};
    ordered_json dgs = ordered_json::array();
    for (int dg : r.com.dataGroups) dgs.push_back(dg);
    j["lds"] = {{"version", r.com.ldsVersion}, {"data_groups", dgs}};
    j["mrz"] = {{"document_code", r.mrz.documentCode},   {"issuing_state", r.mrz.issuingState},
                {"document_number", r.mrz.documentNumber}, {"optional_data", r.mrz.optionalData1},
                {"birth", r.mrz.birthDate},               {"sex", std::string(1, r.mrz.sex)},
                {"expiry", r.mrz.expiryDate},             {"nationality", r.mrz.nationality},
                {"name", r.mrz.primaryName + (r.mrz.secondaryName.empty() ? "" : " " + r.mrz.secondaryName)},
                {"check_digits_ok", r.mrz.checksOk()}};
    if (r.dg13) {
        const auto& d = *r.dg13;
        j["fields"] = {{"id_number", d.idNumber},     {"full_name", d.fullName},       {"birth_date", d.birthDate},
                       {"gender", d.gender},          {"nationality", d.nationality},  {"ethnicity", d.ethnicity},
                       {"religion", d.religion},      {"place_of_origin", d.placeOfOrigin},
                       {"residence", d.residence},    {"identifying_marks", d.identifyingMarks},
                       {"issue_date", d.issueDate},   {"expiry_date", d.expiryDate},   {"father_name", d.fatherName},
                       {"mother_name", d.motherName}, {"old_id_number", d.oldIdNumber}};
    } else {
        j["fields"] = nullptr;
    }
    if (r.face) {
        j["portrait"] = {{"format", r.face->format == chip::FaceImageFormat::Jpeg ? "jpeg" : "jpeg2000"},
                         {"width", r.face->width},
                         {"height", r.face->height},
                         {"bytes", r.face->data.size()}};
    } else {
        j["portrait"] = nullptr;
    }
    j["timings_ms"] = {{"bac", round2(r.bacMilliseconds)},
                       {"read", round2(r.readMilliseconds)},
                       {"verify", round2(r.verifyMilliseconds)},
                       {"total", round2(totalMs)}};
    j["apdus"] = r.apdus;
    j["bytes_out"] = r.bytesOut;
    j["bytes_in"] = r.bytesIn;
    ordered_json files = ordered_json::array();
    for (const auto& f : r.files) {
        const std::string name = f.dataGroup == 0 ? "EF.COM" : f.dataGroup == 99 ? "EF.SOD" : "DG" + std::to_string(f.dataGroup);
        files.push_back({{"file", name}, {"bytes", f.bytes}, {"apdus", f.apdus}, {"ms", round2(f.milliseconds)}});
    }
    j["files"] = files;
    return j;
}

void printReadable(const ordered_json& j) {
    const auto s = [](const ordered_json& v) { return v.is_string() ? text::escapeForTerminal(v.get<std::string>()) : v.dump(); };
    std::cout << "reader: " << s(j["reader"]) << "\nverdict: " << s(j["verdict"]["kind"]);
    if (!j["verdict"]["reason"].get<std::string>().empty()) std::cout << " (" << s(j["verdict"]["reason"]) << ": " << s(j["verdict"]["detail"]) << ")";
    std::cout << "\nkey: " << s(j["key"]) << "\nactive authentication: " << s(j["active"]["outcome"]) << '\n';
    if (j["fields"].is_object())
        for (const auto& [k, v] : j["fields"].items())
            if (!v.get<std::string>().empty()) std::cout << k << ": " << s(v) << '\n';
    std::cout << "timings (ms): bac " << j["timings_ms"]["bac"] << ", read " << j["timings_ms"]["read"] << ", verify "
              << j["timings_ms"]["verify"] << "; " << j["apdus"] << " APDUs, " << j["bytes_in"] << " bytes in\n";
}

int runRead(const ChipOptions& o, const AppConfig& config) {
    const auto started = Clock::now();
    auto keys = keysFrom(o);
    if (!keys) {
        fail(o, keys.error());
        return kExitUsage;
    }
    auto cscas = chip::CscaStore::load(config.chip.cscaDir);
    if (!cscas) {
        fail(o, cscas.error());
        return kExitFailure;
    }
    auto ctx = chip::PcscContext::open();
    if (!ctx) {
        fail(o, ctx.error());
        return kExitFailure;
    }
    auto reader = chooseReader(**ctx, o.reader);
    if (!reader) {
        fail(o, reader.error());
        return kExitFailure;
    }
    const int waitS = o.waitS > 0 ? o.waitS : config.chip.cardWaitS;
    std::stop_source stop;
    auto present = (*ctx)->waitForCard(*reader, std::chrono::seconds(waitS), stop.get_token());
    if (!present) {
        fail(o, present.error());
        return kExitFailure;
    }
    if (!*present) {
        fail(o, makeError("chip.no_card", "no card on the reader after " + std::to_string(waitS) + " s"));
        return kExitFailure;
    }
    std::size_t refused = 0;
    for (const auto& attempt : *keys) {
        auto bac = chip::BacKeyDerivation::derive(attempt.input);
        if (!bac) {
            fail(o, bac.error());
            return kExitUsage;
        }
        auto card = (*ctx)->connect(*reader);
        if (!card) {
            fail(o, card.error());
            return kExitFailure;
        }
        chip::ChipReadOptions ro;
        ro.stop = stop.get_token();
        auto reading = chip::ChipDocumentReader::read(**card, *bac, **cscas, ro);
        if (!reading) {
            if (reading.error().code == "chip.bac_refused") {
                ++refused;
                continue;
            }
            fail(o, reading.error());
            return kExitFailure;
        }
        const double totalMs = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
        const ordered_json j = describe(*reading, *reader, attempt.source, refused, totalMs);
        if (!o.portraitOut.empty() && reading->face) {
            std::ofstream out(o.portraitOut, std::ios::binary | std::ios::trunc);
            out.write(reinterpret_cast<const char*>(reading->face->data.data()),
                      static_cast<std::streamsize>(reading->face->data.size()));
            std::filesystem::permissions(o.portraitOut, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write,
                                         std::filesystem::perm_options::replace);
        }
        if (o.json) std::cout << j.dump(2) << '\n';
        else printReadable(j);
        return reading->verdict.kind == chip::ChipVerdictKind::NotGenuine ? kExitFailure : kExitOk;
    }
    fail(o, makeError("chip.bac_refused",
                      refused == 1 && (*keys)[0].source == "derived"
                          ? "the chip refused the key derived from the issue date: give the expiry printed on the card (--expiry dd/mm/yyyy)"
                          : "the chip refused every key given: check the ID number, birth and expiry dates (or the MRZ)"));
    return kExitFailure;
}

int runReaders(bool json) {
    auto ctx = chip::PcscContext::open();
    if (!ctx) {
        ChipOptions o;
        o.json = json;
        fail(o, ctx.error());
        return kExitFailure;
    }
    auto readers = (*ctx)->readers();
    if (!readers) {
        ChipOptions o;
        o.json = json;
        fail(o, readers.error());
        return kExitFailure;
    }
    ordered_json list = ordered_json::array();
    for (const auto& r : *readers) {
        auto present = (*ctx)->cardPresent(r);
        list.push_back({{"name", r}, {"card", present && *present}});
    }
    if (json) {
        std::cout << ordered_json{{"ok", true}, {"readers", list}}.dump(2) << '\n';
    } else {
        if (list.empty()) std::cout << "no PC/SC reader connected\n";
        for (const auto& r : list)
            std::cout << text::escapeForTerminal(r["name"].get<std::string>()) << (r["card"].get<bool>() ? "  [card]" : "") << '\n';
    }
    return kExitOk;
}

} // namespace

void addChipCommand(CLI::App& cli, CommandEnv& env) {
    CLI::App* chipCmd = cli.add_subcommand("chip", "The CCCD chip over PC/SC: list readers, read and verify a card");
    chipCmd->require_subcommand(1);
    auto readersJson = std::make_shared<bool>(false);
    CLI::App* readers = chipCmd->add_subcommand("readers", "List the PC/SC readers and whether a card is on each");
    readers->add_flag("--json", *readersJson, "Print JSON");
    readers->final_callback([&env, readersJson] {
        env.markCommandRan();
        env.setExitCode(runReaders(*readersJson));
    });
    auto o = std::make_shared<ChipOptions>();
    CLI::App* read = chipCmd->add_subcommand("read", "Read a CCCD chip (BAC), prove it genuine (passive and active authentication)");
    read->add_flag("--json", o->json, "Print JSON: fields, verdict, timings");
    read->add_option("--reader", o->reader, "Reader name (default: the first with a card)");
    read->add_option("--id-number", o->idNumber, "The 12-digit ID number (from the QR)");
    read->add_option("--birth", o->birth, "Date of birth, dd/mm/yyyy (from the QR)");
    read->add_option("--issue", o->issue, "Issue date, dd/mm/yyyy (from the QR): the expiry is derived from it");
    read->add_option("--expiry", o->expiry, "Expiry date printed on the card, dd/mm/yyyy (tried after the derived one)");
    read->add_option("--mrz", o->mrzFile, "A file with the three MRZ lines (typed or scanned)");
    read->add_option("--wait", o->waitS, "Seconds to wait for a card (default [chip] card_wait_s)")->check(CLI::Range(1, 600));
    read->add_option("--portrait-out", o->portraitOut, "Write the chip's portrait (JPEG / JPEG 2000) to this file (0600)");
    read->final_callback([&env, o] {
        env.markCommandRan();
        const AppConfig* config = env.config();
        if (!config) return;
        env.setExitCode(runRead(*o, *config));
    });
}

} // namespace bhxh::app::commands
