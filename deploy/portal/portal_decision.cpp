// PortalStore::decide: the decision endpoint, kept apart from the rest of the store for size.
#include "portal_store.h"

#include "time_util.h"

#include <sodium.h>

#include <array>
#include <set>
#include <string_view>

namespace portal {

namespace {
using json = nlohmann::json;

const std::set<std::string, std::less<>> kReasonCodes{"photo_mismatch", "id_mismatch",      "name_no_diacritics",
                                                      "bhxh_code_wrong", "phone_in_use",    "email_in_use",
                                                      "image_unreadable", "guardian_invalid", "other"};
/// 12 characters, no look-alikes (0/O, 1/l/I), at least one of each class the portal requires.
std::string initialPassword() {
    static constexpr std::string_view kLower = "abcdefghijkmnpqrstuvwxyz";
    static constexpr std::string_view kUpper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static constexpr std::string_view kDigit = "23456789";
    static constexpr std::string_view kSymbol = "@#$%&*";
    const std::array<std::string_view, 4> classes{kLower, kUpper, kDigit, kSymbol};
    std::string pw;
    for (std::size_t i = 0; i < 12; ++i) {
        const auto cls = i < 4 ? classes[i] : classes[randombytes_uniform(3)];
        pw.push_back(cls[randombytes_uniform(static_cast<std::uint32_t>(cls.size()))]);
    }
    for (std::size_t i = pw.size() - 1; i > 0; --i) {
        std::swap(pw[i], pw[randombytes_uniform(static_cast<std::uint32_t>(i + 1))]);
    }
    return pw;
}
} // namespace

Answer PortalStore::decide(const std::string& deskId, const std::string& dossierNo, const std::string& key,
                           const std::string& body) {
    if (key.empty() || key.size() > 128) {
        return errorAnswer(422, "idempotency_key_missing", "Idempotency-Key header: required, at most 128 characters");
    }
    const std::string office = deskId.substr(0, deskId.find('-'));
    const json req = json::parse(body, nullptr, false);
    return inTransaction([&]() -> Answer {
        {
            auto replay = must(m_db.prepare("SELECT dossier_no, http_status, body FROM decisions WHERE idempotency_key = ?"));
            replay.bind(1, key);
            if (must(replay.step())) {
                if (replay.getText(0) != dossierNo) {
                    return errorAnswer(422, "idempotency_key_reused", "this Idempotency-Key was used for another dossier");
                }
                return {static_cast<int>(replay.getInt(1)), json::parse(replay.getText(2))};
            }
        }
        std::string status;
        std::int64_t expires = 0;
        if (auto err = checkDossier(office, dossierNo, &status, &expires)) return *err;
        if (!req.is_object()) return errorAnswer(422, "invalid_body", "body must be a JSON object");
        auto str = [&](const char* field) -> std::string {
            return req.contains(field) && req[field].is_string() ? req[field].get<std::string>() : std::string();
        };
        const std::string decision = str("decision");
        if (decision != "approved" && decision != "rejected") {
            return errorAnswer(422, "invalid_body", "decision: must be 'approved' or 'rejected'");
        }
        if (str("officer_id").empty()) return errorAnswer(422, "invalid_body", "officer_id: required");
        const std::string reason = str("reason_code");
        if (decision == "rejected") {
            if (reason.empty()) return errorAnswer(422, "reason_required", "reason_code: required when rejected");
            if (!kReasonCodes.count(reason)) {
                return errorAnswer(422, "unknown_reason_code", "reason_code: unknown code '" + reason + "'");
            }
            if (reason == "other" && str("reason_text").empty()) {
                return errorAnswer(422, "reason_required", "reason_text: required when reason_code is 'other'");
            }
        }
        if (status == "approved" || status == "rejected") {
            return errorAnswer(409, "already_decided", "declaration " + dossierNo + " was already decided");
        }
        if (status == "expired") return errorAnswer(410, "expired", "declaration " + dossierNo + " has expired");
        {
            // A desk that lost its lease while offline may still decide, unless another desk holds it now.
            auto held = must(m_db.prepare("SELECT desk_id FROM leases WHERE dossier_no = ?"));
            held.bind(1, dossierNo);
            if (must(held.step()) && held.getText(0) != deskId) {
                return errorAnswer(409, "lease_conflict", "declaration " + dossierNo + " is claimed by " + held.getText(0));
            }
        }
        auto docStmt = must(m_db.prepare("SELECT doc, request, bhxh_code FROM declarations WHERE dossier_no = ?"));
        docStmt.bind(1, dossierNo);
        must(docStmt.step());
        const json doc = json::parse(docStmt.getText(0));
        const std::string request = docStmt.getText(1), username = docStmt.getText(2);
        const std::int64_t nowS = nowMicros() / 1000000;
        Answer answer{200, json{{"status", decision}}};
        if (decision == "approved" && request == "register") {
            auto exists = must(m_db.prepare("SELECT 1 FROM accounts WHERE username = ?"));
            exists.bind(1, username);
            if (must(exists.step())) return errorAnswer(409, "account_exists", "an account already exists for this BHXH code");
            const std::string password = initialPassword();
            char hash[crypto_pwhash_STRBYTES];
            if (crypto_pwhash_str(hash, password.c_str(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                  crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
                throw std::runtime_error("password hashing ran out of memory");
            }
            const std::string mustChange = rfc3339(nowS + 7 * 86400);
            auto ins = must(m_db.prepare("INSERT INTO accounts (username, phone, email, password_hash, must_change_by, created_by) "
                           "VALUES (?,?,?,?,?,?)"));
            ins.bind(1, username).bind(2, doc.value("phone", std::string()));
            if (doc["email"].is_string()) ins.bind(3, doc["email"].get<std::string>()); else ins.bindNull(3);
            ins.bind(4, std::string(hash)).bind(5, mustChange).bind(6, dossierNo);
            must(ins.step());
            answer.body["account"] = {{"username", username}, {"initial_password", password}, {"must_change_by", mustChange}};
        } else if (decision == "approved") {
            auto exists = must(m_db.prepare("SELECT 1 FROM accounts WHERE username = ?"));
            exists.bind(1, username);
            if (!must(exists.step())) return errorAnswer(409, "account_missing", "no account exists for this BHXH code");
            if (request == "adjust" && doc["adjust"].is_object()) {
                const json& adj = doc["adjust"];
                if (adj.contains("phone")) {
                    auto u = must(m_db.prepare("UPDATE accounts SET phone = ? WHERE username = ?"));
                    u.bind(1, adj["phone"].get<std::string>()).bind(2, username);
                    must(u.step());
                }
                if (adj.contains("email")) {
                    auto u = must(m_db.prepare("UPDATE accounts SET email = ? WHERE username = ?"));
                    u.bind(1, adj["email"].get<std::string>()).bind(2, username);
                    must(u.step());
                }
                if (adj.contains("cert_no")) {
                    auto u = must(m_db.prepare("UPDATE accounts SET cert = ? WHERE username = ?"));
                    u.bind(1, adj.dump()).bind(2, username);
                    must(u.step());
                }
            } else if (request == "stop" && doc["stop"].is_object()) {
                auto u = must(m_db.prepare("UPDATE accounts SET closed_from = ? WHERE username = ?"));
                u.bind(1, doc["stop"].value("from_date", isoDate(nowS))).bind(2, username);
                must(u.step());
            }
        }
        auto del = must(m_db.prepare("DELETE FROM leases WHERE dossier_no = ?"));
        del.bind(1, dossierNo);
        must(del.step());
        touch(dossierNo, decision);
        auto mark = must(m_db.prepare("UPDATE declarations SET decision_key = ? WHERE dossier_no = ?"));
        mark.bind(1, key).bind(2, dossierNo);
        must(mark.step());
        auto rec = must(m_db.prepare("INSERT INTO decisions (idempotency_key, dossier_no, desk_id, http_status, body, decided_at) "
                       "VALUES (?,?,?,?,?,?)"));
        rec.bind(1, key).bind(2, dossierNo).bind(3, deskId).bind(4, static_cast<std::int64_t>(answer.status))
            .bind(5, answer.body.dump()).bind(6, rfc3339(nowS));
        must(rec.step());
        return answer;
    });
}

} // namespace portal
