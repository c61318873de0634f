#include "store/audit_chain.h"

#include "store/time_codec.h"

#include <sodium.h>

namespace bhxh::store {
namespace {

void field(std::string& out, const std::string& value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

std::string toHex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

} // namespace

AuditEntry AuditChain::readRow(const Statement& row) {
    AuditEntry e;
    e.seq = row.getInt(0);
    e.event.at = fromMs(row.getInt(1));
    e.event.kind = row.getText(2);
    e.event.officerId = row.getText(3);
    e.event.subject = row.getText(4);
    e.event.detail = row.getText(5);
    e.prevHash = row.getText(6);
    e.hash = row.getText(7);
    return e;
}

const std::string& AuditChain::genesisHash() {
    static const std::string zeros(64, '0');
    return zeros;
}

std::string AuditChain::canonicalEncoding(const AuditEntry& entry) {
    std::string out = "bhxh-audit-v1\n";
    field(out, std::to_string(entry.seq));
    field(out, std::to_string(toMs(entry.event.at)));
    field(out, entry.event.kind);
    field(out, entry.event.officerId);
    field(out, entry.event.subject);
    field(out, entry.event.detail);
    field(out, entry.prevHash);
    return out;
}

std::string AuditChain::computeHash(const AuditEntry& entry) {
    [[maybe_unused]] static const int sodiumReady = sodium_init();  // idempotent; picks the fast code path
    const std::string bytes = canonicalEncoding(entry);
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    return toHex(digest, sizeof digest);
}

Result<std::int64_t> AuditChain::appendInTransaction(Database& db, const AuditEvent& event) {
    AuditEntry entry;
    entry.event = event;
    entry.seq = 1;
    entry.prevHash = genesisHash();
    {
        auto last = db.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
        if (!last) return last.error();
        auto row = last->step();
        if (!row) return row.error();
        if (*row) {
            entry.seq = last->getInt(0) + 1;
            entry.prevHash = last->getText(1);
        }
    }
    // Milliseconds are what is stored, so they are what is hashed.
    entry.event.at = fromMs(toMs(event.at));
    entry.hash = computeHash(entry);
    auto insert = db.prepare(
        "INSERT INTO audit_log(seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash) "
        "VALUES(?,?,?,?,?,?,?,?)");
    if (!insert) return insert.error();
    insert->bind(1, entry.seq).bind(2, toMs(entry.event.at)).bind(3, entry.event.kind).bind(4, entry.event.officerId);
    insert->bind(5, entry.event.subject).bind(6, entry.event.detail).bind(7, entry.prevHash).bind(8, entry.hash);
    if (auto ok = insert->run(); !ok) return ok.error();
    return entry.seq;
}

Result<AuditVerifyReport> AuditChain::verify(Database& db) {
    auto stmt = db.prepare(
        std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    if (!stmt) return stmt.error();
    AuditVerifyReport report;
    std::string previous = genesisHash();
    std::int64_t expectedSeq = 1;
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        AuditEntry e = readRow(*stmt);
        auto fail = [&](std::int64_t seq, std::string why) {
            report.brokenSeq = seq;
            report.reason = std::move(why);
        };
        if (e.seq != expectedSeq) {
            fail(expectedSeq, "entry " + std::to_string(expectedSeq) + " is missing (the next one is " +
                                  std::to_string(e.seq) + ")");
        } else if (e.prevHash != previous) {
            fail(e.seq, "its previous-hash does not match the entry before it");
        } else if (computeHash(e) != e.hash) {
            fail(e.seq, "its content does not match its hash (edited after it was written)");
        }
        if (report.brokenSeq) return report;
        ++report.entries;
        previous = e.hash;
        ++expectedSeq;
    }
    return report;
}

} // namespace bhxh::store
