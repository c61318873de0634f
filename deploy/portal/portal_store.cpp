#include "portal_store.h"

#include "card_images.h"
#include "common/log.h"
#include "time_util.h"

#include <sodium.h>

#include <array>
#include <charconv>
#include <set>
#include <stdexcept>

namespace portal {

namespace {
using json = nlohmann::json;

std::string sha256Hex(const std::string& bytes) {
    std::array<unsigned char, crypto_hash_sha256_BYTES> out{};
    crypto_hash_sha256(out.data(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    std::string hex(out.size() * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), out.data(), out.size());
    hex.pop_back();
    return hex;
}

std::string randomToken(std::size_t bytes) {
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    std::string hex(bytes * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size());
    hex.pop_back();
    return hex;
}

std::string maskCode(const std::string& code) {
    if (code.size() < 5) return "****";
    return code.substr(0, 2) + std::string(code.size() - 4, '*') + code.substr(code.size() - 2);
}

const std::set<std::string, std::less<>> kStatuses{"pending", "claimed", "approved", "rejected", "expired"};
const std::set<std::string, std::less<>> kFileKinds{"portrait", "id_front", "id_back", "birth_certificate"};

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS declarations (
  dossier_no TEXT PRIMARY KEY, office_code TEXT NOT NULL, status TEXT NOT NULL, request TEXT NOT NULL,
  bhxh_code TEXT NOT NULL, id_number TEXT NOT NULL, guardian_id_number TEXT,
  submitted_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, updated_us INTEGER NOT NULL,
  version INTEGER NOT NULL, doc TEXT NOT NULL, decision_key TEXT);
CREATE INDEX IF NOT EXISTS declarations_feed ON declarations(office_code, updated_us, dossier_no);
CREATE INDEX IF NOT EXISTS declarations_bhxh ON declarations(bhxh_code);
CREATE INDEX IF NOT EXISTS declarations_id ON declarations(id_number);
CREATE INDEX IF NOT EXISTS declarations_guardian ON declarations(guardian_id_number);
CREATE INDEX IF NOT EXISTS declarations_guardian_bhxh ON declarations(json_extract(doc, '$.guardian.bhxh_code'));
CREATE INDEX IF NOT EXISTS declarations_open ON declarations(status, expires_at);
CREATE TABLE IF NOT EXISTS blobs (sha256 TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS files (dossier_no TEXT NOT NULL, kind TEXT NOT NULL, sha256 TEXT NOT NULL,
  content_type TEXT NOT NULL, bytes INTEGER NOT NULL, PRIMARY KEY (dossier_no, kind));
CREATE TABLE IF NOT EXISTS leases (dossier_no TEXT PRIMARY KEY, lease_id TEXT NOT NULL UNIQUE,
  desk_id TEXT NOT NULL, officer_id TEXT NOT NULL, expires_us INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS accounts (username TEXT PRIMARY KEY, phone TEXT, email TEXT, password_hash TEXT,
  must_change_by TEXT, closed_from TEXT, created_by TEXT UNIQUE, cert TEXT);
CREATE TABLE IF NOT EXISTS decisions (idempotency_key TEXT PRIMARY KEY, dossier_no TEXT NOT NULL,
  desk_id TEXT NOT NULL, http_status INTEGER NOT NULL, body TEXT NOT NULL, decided_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS audit_anchors (desk_id TEXT NOT NULL, seq INTEGER NOT NULL, mac TEXT NOT NULL,
  at TEXT NOT NULL, received_us INTEGER NOT NULL, PRIMARY KEY (desk_id, seq));
)sql";
} // namespace

Answer errorAnswer(int status, const std::string& code, const std::string& message) {
    return {status, json{{"error", {{"code", code}, {"message", message}}}}};
}

PortalStore::PortalStore(bhxh::store::Database db) : m_db(std::move(db)) {}
PortalStore::~PortalStore() = default;

bhxh::Result<std::unique_ptr<PortalStore>> PortalStore::open(const std::string& path) {
    // The desk's connection (WAL, foreign keys, secure_delete, busy timeout); NORMAL sync is
    // enough for a test portal. Every request runs under m_mutex, so one connection serves all.
    auto db = bhxh::store::Database::open(path, {.readOnly = false, .busyTimeoutMs = 5000, .synchronousFull = false});
    if (!db) return bhxh::makeError("db_open", "database " + path + ": " + db.error().message);
    std::unique_ptr<PortalStore> store(new PortalStore(std::move(db).value()));
    if (auto r = store->migrate(); !r) return r.error();
    return store;
}

void PortalStore::exec(const char* sql) { must(m_db.exec(sql)); }

bhxh::Result<void> PortalStore::migrate() {
    try {
        exec(kSchema);
        auto s = must(m_db.prepare("SELECT COALESCE(MAX(updated_us), 0) FROM declarations"));
        if (must(s.step())) m_lastMicros = s.getInt(0);
    } catch (const std::exception& e) {
        return bhxh::makeError("db_schema", e.what());
    }
    return {};
}

long long PortalStore::declarationCount() {
    std::lock_guard lock(m_mutex);
    auto s = must(m_db.prepare("SELECT COUNT(*) FROM declarations"));
    return must(s.step()) ? s.getInt(0) : 0;
}

std::int64_t PortalStore::nextUpdateMicros() {
    // Strictly increasing, so every change lands after every cursor already handed out.
    m_lastMicros = std::max(nowMicros(), m_lastMicros + 1);
    return m_lastMicros;
}

bhxh::Result<void> PortalStore::insertSeed(const std::vector<SeedDeclaration>& seeds, const CardImages* images) {
    std::lock_guard lock(m_mutex);
    try {
        exec("BEGIN IMMEDIATE");
        auto decl = must(m_db.prepare("INSERT INTO declarations (dossier_no, office_code, status, request, bhxh_code, id_number, "
                        "guardian_id_number, submitted_at, expires_at, updated_us, version, doc) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,1,?)"));
        auto blob = must(m_db.prepare("INSERT OR IGNORE INTO blobs (sha256, data) VALUES (?,?)"));
        auto file = must(m_db.prepare("INSERT INTO files (dossier_no, kind, sha256, content_type, bytes) VALUES (?,?,?,?,?)"));
        auto account = must(m_db.prepare("INSERT OR IGNORE INTO accounts (username, phone, email, must_change_by) VALUES (?,?,?,NULL)"));
        std::size_t index = 0;
        for (const auto& d : seeds) {
            json doc = d.doc;
            json files = json::array();
            auto addFile = [&](const std::string& kind, const std::string& bytes) {
                const std::string sha = sha256Hex(bytes);
                blob.bind(1, sha).bindBlob(2, bytes);
                must(blob.step());
                must(blob.reset());
                file.bind(1, d.dossierNo).bind(2, kind).bind(3, sha).bind(4, std::string("image/jpeg"))
                    .bind(5, static_cast<std::int64_t>(bytes.size()));
                must(file.step());
                must(file.reset());
                files.push_back({{"kind", kind}, {"sha256", sha}, {"bytes", bytes.size()}, {"content_type", "image/jpeg"}});
            };
            if (images) {
                // A minor comes with the guardian, whose face and card the clerk checks.
                const Person& presenter = d.guardian ? *d.guardian : d.citizen;
                addFile("portrait", images->portraitJpeg(index, presenter.male));
                addFile("id_front", images->idFrontJpeg(presenter, index));
                addFile("id_back", images->idBackJpeg(presenter));
                if (d.guardian) addFile("birth_certificate", images->birthCertificateJpeg(d.citizen, *d.guardian));
            }
            doc["files"] = files;
            const std::int64_t updated = std::max(d.submittedAt * 1000000, m_lastMicros + 1);
            m_lastMicros = updated;
            decl.bind(1, d.dossierNo).bind(2, doc["office_code"].get<std::string>()).bind(3, d.status)
                .bind(4, d.request).bind(5, d.citizen.bhxhCode).bind(6, d.citizen.idNumber);
            if (d.guardian) decl.bind(7, d.guardian->idNumber); else decl.bindNull(7);
            decl.bind(8, d.submittedAt).bind(9, d.expiresAt).bind(10, updated).bind(11, doc.dump());
            must(decl.step());
            must(decl.reset());
            if (d.accountExists) {
                // The account an adjust/stop request changes, with the contact details it had before.
                account.bind(1, d.citizen.bhxhCode).bind(2, d.citizen.phone);
                if (d.citizen.email.empty()) account.bindNull(3); else account.bind(3, d.citizen.email);
                must(account.step());
                must(account.reset());
            }
            ++index;
        }
        exec("COMMIT");
    } catch (const std::exception& e) {
        (void)m_db.exec("ROLLBACK");
        return bhxh::makeError("seed_failed", e.what());
    }
    return {};
}

void PortalStore::touch(const std::string& dossierNo, const std::string& status) {
    auto s = must(m_db.prepare("UPDATE declarations SET status = ?, version = version + 1, updated_us = ? WHERE dossier_no = ?"));
    s.bind(1, status).bind(2, nextUpdateMicros()).bind(3, dossierNo);
    must(s.step());
}

void PortalStore::sweep() {
    const std::int64_t nowUs = nowMicros();
    const std::int64_t nowS = nowUs / 1000000;
    std::vector<std::pair<std::string, std::string>> changes;
    {
        auto s = must(m_db.prepare("SELECT dossier_no FROM declarations WHERE status IN ('pending','claimed') AND expires_at <= ?"));
        s.bind(1, nowS);
        while (must(s.step())) changes.emplace_back(s.getText(0), "expired");
    }
    {
        auto s = must(m_db.prepare("SELECT l.dossier_no FROM leases l JOIN declarations d USING (dossier_no) "
                     "WHERE l.expires_us <= ? AND d.status = 'claimed' AND d.expires_at > ?"));
        s.bind(1, nowUs).bind(2, nowS);
        while (must(s.step())) changes.emplace_back(s.getText(0), "pending");
    }
    auto drop = must(m_db.prepare("DELETE FROM leases WHERE dossier_no = ?"));
    for (const auto& [dossier, status] : changes) {
        touch(dossier, status);
        drop.bind(1, dossier);
        must(drop.step());
        must(drop.reset());
    }
}

Answer PortalStore::inTransaction(const std::function<Answer()>& body) {
    std::lock_guard lock(m_mutex);
    try {
        exec("BEGIN IMMEDIATE");
        sweep();
        Answer answer = body();
        exec("COMMIT");
        return answer;
    } catch (const std::exception& e) {
        (void)m_db.exec("ROLLBACK");
        bhxh::log::error(std::string("portal store: ") + e.what());
        return errorAnswer(500, "internal", "the portal could not complete the request");
    }
}

namespace {
constexpr const char* kComposeColumns = "doc, status, submitted_at, expires_at, updated_us, version";

/// The contract's object from a row whose first columns are kComposeColumns.
json composeRow(const bhxh::store::Statement& s) {
    json doc = json::parse(s.getText(0));
    doc["status"] = s.getText(1);
    doc["submitted_at"] = rfc3339(s.getInt(2));
    doc["expires_at"] = rfc3339(s.getInt(3));
    doc["updated_at"] = rfc3339(s.getInt(4) / 1000000);
    doc["version"] = s.getInt(5);
    return doc;
}

/// The same object as JSON text, for the listing: the stored document (a JSON object as
/// nlohmann wrote it) with the row's fields put in front, without parsing it into a tree and
/// writing it out again (that was most of a page's time: 500 items of ~800 bytes). A document
/// that already names one of those fields as a key goes the slow way, so no key is doubled.
void appendRow(std::string& out, const bhxh::store::Statement& s) {
    const std::string doc = s.getText(0);
    const bool plainObject = doc.size() >= 2 && doc.front() == '{' && doc.back() == '}';
    // A key is `"name":` with unescaped quotes; inside a string value a quote is written \",
    // so the search finds keys only (nested ones too, which merely take the slow way).
    const bool clash = !plainObject || doc.find("\"status\":") != std::string::npos ||
                       doc.find("\"submitted_at\":") != std::string::npos ||
                       doc.find("\"expires_at\":") != std::string::npos ||
                       doc.find("\"updated_at\":") != std::string::npos ||
                       doc.find("\"version\":") != std::string::npos;
    if (clash) {
        out += composeRow(s).dump();
        return;
    }
    out += "{\"status\":";
    out += json(s.getText(1)).dump();  // any status text, escaped
    out += ",\"submitted_at\":\"" + rfc3339(s.getInt(2));
    out += "\",\"expires_at\":\"" + rfc3339(s.getInt(3));
    out += "\",\"updated_at\":\"" + rfc3339(s.getInt(4) / 1000000);
    out += "\",\"version\":" + std::to_string(s.getInt(5));
    if (doc.size() > 2) out += ',';
    out.append(doc, 1, std::string::npos);
}
} // namespace

json PortalStore::compose(const std::string& dossierNo) {
    auto s = must(m_db.prepare((std::string("SELECT ") + kComposeColumns + " FROM declarations WHERE dossier_no = ?").c_str()));
    s.bind(1, dossierNo);
    return must(s.step()) ? composeRow(s) : json(nullptr);
}

std::optional<Answer> PortalStore::checkDossier(const std::string& deskOffice, const std::string& dossierNo,
                                                std::string* status, std::int64_t* expires) {
    auto s = must(m_db.prepare("SELECT office_code, status, expires_at FROM declarations WHERE dossier_no = ?"));
    s.bind(1, dossierNo);
    if (!must(s.step())) return errorAnswer(404, "not_found", "no declaration " + dossierNo);
    if (s.getText(0) != deskOffice) {
        return errorAnswer(403, "forbidden_office", "declaration " + dossierNo + " belongs to another office");
    }
    if (status) *status = s.getText(1);
    if (expires) *expires = s.getInt(2);
    return std::nullopt;
}

Answer PortalStore::list(const std::string& deskOffice, const std::string& office, const std::string& status,
                         const std::string& after, const std::string& limitText) {
    if (office != deskOffice) return errorAnswer(403, "forbidden_office", "this desk may not read office " + office);
    long limit = 100;
    if (!limitText.empty()) {
        const auto [p, ec] = std::from_chars(limitText.data(), limitText.data() + limitText.size(), limit);
        if (ec != std::errc() || p != limitText.data() + limitText.size() || limit < 1 || limit > 500) {
            return errorAnswer(422, "invalid_limit", "limit must be an integer from 1 to 500");
        }
    }
    std::vector<std::string> statuses;
    if (!status.empty()) {
        std::size_t start = 0;
        while (start <= status.size()) {
            const auto comma = status.find(',', start);
            const std::string one = status.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            if (!kStatuses.count(one)) return errorAnswer(422, "invalid_status", "unknown status '" + one + "'");
            statuses.push_back(one);
            if (comma == std::string::npos) break;
            start = comma + 1;
        }
    }
    // Cursor: "<updated_us>~<dossier_no>" of the last item seen; opaque to the desk.
    std::int64_t afterUs = -1;
    std::string afterDossier;
    if (!after.empty()) {
        const auto tilde = after.find('~');
        const char* end = after.data() + (tilde == std::string::npos ? after.size() : tilde);
        const auto [p, ec] = std::from_chars(after.data(), end, afterUs);
        if (tilde == std::string::npos || ec != std::errc() || p != end || afterUs < 0) {
            return errorAnswer(422, "invalid_cursor", "cursor '" + after + "' was not made by this portal");
        }
        afterDossier = after.substr(tilde + 1);
    }
    std::string statusList;
    for (const auto& s : statuses) statusList += (statusList.empty() ? "" : ",") + ("'" + s + "'");
    return inTransaction([&]() -> Answer {
        // Row values let SQLite walk the (office_code, updated_us, dossier_no) index from the cursor.
        const std::string sql =
            std::string("SELECT ") + kComposeColumns + ", dossier_no FROM declarations WHERE office_code = ? AND "
            "(updated_us, dossier_no) > (?, ?)" +
            (statusList.empty() ? std::string() : " AND status IN (" + statusList + ")") +
            " ORDER BY updated_us, dossier_no LIMIT ?";
        auto s = must(m_db.prepare(sql.c_str()));
        s.bind(1, office).bind(2, afterUs).bind(3, afterDossier).bind(4, static_cast<std::int64_t>(limit));
        // Written as text straight from the rows (appendRow): {"items":[…],"next_cursor":…}.
        Answer answer{200, nullptr, {}};
        std::string& text = answer.text;
        text.reserve(static_cast<std::size_t>(limit) * 1024 + 128);
        text = "{\"items\":[";
        std::string cursor;
        bool first = true;
        while (must(s.step())) {
            if (!first) text += ',';
            first = false;
            appendRow(text, s);
            cursor = std::to_string(s.getInt(4)) + "~" + s.getText(6);
        }
        text += "],\"next_cursor\":";
        text += cursor.empty() ? std::string("null") : json(cursor).dump();
        text += '}';
        return answer;
    });
}

Answer PortalStore::get(const std::string& deskOffice, const std::string& dossierNo) {
    return inTransaction([&]() -> Answer {
        if (auto err = checkDossier(deskOffice, dossierNo)) return *err;
        return {200, compose(dossierNo)};
    });
}

std::optional<StoredFile> PortalStore::file(const std::string& deskOffice, const std::string& dossierNo,
                                            const std::string& kind, Answer& error) {
    std::optional<StoredFile> out;
    error = inTransaction([&]() -> Answer {
        if (auto err = checkDossier(deskOffice, dossierNo)) return *err;
        if (!kFileKinds.count(kind)) return errorAnswer(404, "not_found", "unknown file kind '" + kind + "'");
        auto s = must(m_db.prepare("SELECT f.sha256, f.content_type, b.data FROM files f JOIN blobs b USING (sha256) "
                     "WHERE f.dossier_no = ? AND f.kind = ?"));
        s.bind(1, dossierNo).bind(2, kind);
        if (!must(s.step())) return errorAnswer(404, "not_found", "declaration " + dossierNo + " has no " + kind);
        out = StoredFile{s.getText(0), s.getText(1), s.getText(2)};
        return {200, nullptr};
    });
    return out;
}

Answer PortalStore::lookup(const std::string& deskOffice, const std::string& bhxhCode, const std::string& idNumber) {
    if (bhxhCode.empty() == idNumber.empty()) {
        return errorAnswer(422, "invalid_query", "give exactly one of bhxh_code or id_number");
    }
    return inTransaction([&]() -> Answer {
        const char* sql = bhxhCode.empty()
            ? "SELECT dossier_no FROM declarations WHERE (id_number = ?1 OR guardian_id_number = ?1) AND office_code = ?2 "
              "AND status IN ('pending','claimed') ORDER BY submitted_at, dossier_no"
            : "SELECT dossier_no FROM declarations WHERE (bhxh_code = ?1 OR json_extract(doc, '$.guardian.bhxh_code') = ?1) "
              "AND office_code = ?2 "
              "AND status IN ('pending','claimed') ORDER BY submitted_at, dossier_no";
        auto s = must(m_db.prepare(sql));
        s.bind(1, bhxhCode.empty() ? idNumber : bhxhCode).bind(2, deskOffice);
        json items = json::array();
        while (must(s.step())) items.push_back(compose(s.getText(0)));
        return {200, json{{"items", items}}};
    });
}

Answer PortalStore::contactCheck(const std::string& phone, const std::string& email, const std::string& bhxhCode) {
    if (phone.empty() && email.empty()) return errorAnswer(422, "invalid_query", "give phone and/or email");
    return inTransaction([&]() -> Answer {
        auto holder = [&](const char* column, const std::string& value) -> json {
            if (value.empty()) return nullptr;
            // A stopped account keeps its phone and email until the day it closes.
            const std::string sql = std::string("SELECT username FROM accounts WHERE ") + column +
                                    " = ? AND username <> ? AND (closed_from IS NULL OR closed_from > ?) LIMIT 1";
            auto s = must(m_db.prepare(sql.c_str()));
            s.bind(1, value).bind(2, bhxhCode).bind(3, isoDate(nowMicros() / 1000000));
            return must(s.step()) ? json(maskCode(s.getText(0))) : json(nullptr);
        };
        return {200, json{{"phone_in_use_by", holder("phone", phone)}, {"email_in_use_by", holder("email", email)}}};
    });
}

Answer PortalStore::claim(const std::string& deskId, const std::string& dossierNo, const std::string& body) {
    const json req = json::parse(body, nullptr, false);
    if (!req.is_object()) return errorAnswer(422, "invalid_body", "body must be a JSON object");
    if (!req.contains("officer_id") || !req["officer_id"].is_string() || req["officer_id"].get<std::string>().empty()) {
        return errorAnswer(422, "invalid_body", "officer_id: required, a non-empty string");
    }
    std::int64_t ttl = 300;
    if (req.contains("ttl_s")) {
        if (!req["ttl_s"].is_number_integer() || req["ttl_s"].get<std::int64_t>() < 1 || req["ttl_s"].get<std::int64_t>() > 3600) {
            return errorAnswer(422, "invalid_body", "ttl_s: an integer from 1 to 3600");
        }
        ttl = req["ttl_s"].get<std::int64_t>();
    }
    const std::string officer = req["officer_id"].get<std::string>();
    const std::string office = deskId.substr(0, deskId.find('-'));
    return inTransaction([&]() -> Answer {
        std::string status;
        std::int64_t expires = 0;
        if (auto err = checkDossier(office, dossierNo, &status, &expires)) return *err;
        if (status == "approved" || status == "rejected") {
            return errorAnswer(409, "already_decided", "declaration " + dossierNo + " is already " + status);
        }
        if (status == "expired") return errorAnswer(410, "expired", "declaration " + dossierNo + " has expired");
        const std::int64_t until = nowMicros() + ttl * 1000000;
        auto held = must(m_db.prepare("SELECT lease_id, desk_id, expires_us FROM leases WHERE dossier_no = ?"));
        held.bind(1, dossierNo);
        if (must(held.step())) {
            if (held.getText(1) != deskId) {
                Answer a = errorAnswer(409, "lease_conflict", "declaration " + dossierNo + " is being worked at another desk");
                a.body["held_by"] = held.getText(1);
                a.body["expires_at"] = rfc3339(held.getInt(2) / 1000000);
                return a;
            }
            // The same desk claiming again renews its lease.
            const std::string leaseId = held.getText(0);
            auto renew = must(m_db.prepare("UPDATE leases SET expires_us = ?, officer_id = ? WHERE dossier_no = ?"));
            renew.bind(1, until).bind(2, officer).bind(3, dossierNo);
            must(renew.step());
            return {200, json{{"lease_id", leaseId}, {"expires_at", rfc3339(until / 1000000)}}};
        }
        const std::string leaseId = randomToken(16);
        auto ins = must(m_db.prepare("INSERT INTO leases (dossier_no, lease_id, desk_id, officer_id, expires_us) VALUES (?,?,?,?,?)"));
        ins.bind(1, dossierNo).bind(2, leaseId).bind(3, deskId).bind(4, officer).bind(5, until);
        must(ins.step());
        touch(dossierNo, "claimed");
        return {200, json{{"lease_id", leaseId}, {"expires_at", rfc3339(until / 1000000)}}};
    });
}

Answer PortalStore::release(const std::string& deskId, const std::string& dossierNo, const std::string& leaseId) {
    const std::string office = deskId.substr(0, deskId.find('-'));
    return inTransaction([&]() -> Answer {
        if (auto err = checkDossier(office, dossierNo)) return *err;
        auto held = must(m_db.prepare("SELECT desk_id FROM leases WHERE dossier_no = ? AND lease_id = ?"));
        held.bind(1, dossierNo).bind(2, leaseId);
        if (must(held.step())) {
            if (held.getText(0) != deskId) return errorAnswer(409, "lease_conflict", "the lease belongs to another desk");
            auto del = must(m_db.prepare("DELETE FROM leases WHERE dossier_no = ?"));
            del.bind(1, dossierNo);
            must(del.step());
            touch(dossierNo, "pending");
        }
        // Releasing a lease that already ended is not an error: the outcome is the same.
        return {204, nullptr};
    });
}

} // namespace portal
