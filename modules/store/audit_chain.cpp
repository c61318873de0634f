#include "store/audit_chain.h"

#include "store/time_codec.h"
#include "store/transaction.h"

#include <sodium.h>

#include <algorithm>

namespace bhxh::store {
namespace {

void field(std::string& out, const std::string& value) {
    out += std::to_string(value.size());
    out += ':';
    out += value;
    out += '\n';
}

void fields(std::string& out, const AuditEntry& entry) {
    field(out, std::to_string(entry.seq));
    field(out, std::to_string(toMs(entry.event.at)));
    field(out, entry.event.kind);
    field(out, entry.event.officerId);
    field(out, entry.event.subject);
    field(out, entry.event.detail);
    field(out, entry.prevHash);
}

std::string toHex(const unsigned char* bytes, std::size_t n) {
    std::string hex(n * 2 + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), bytes, n);
    hex.pop_back();
    return hex;
}

// "key=<id>" or "key=<new> previous=<old>": the value after `name=`.
std::string detailValue(const std::string& detail, const std::string& name) {
    const std::string prefix = name + "=";
    std::size_t pos = 0;
    while (pos < detail.size()) {
        const std::size_t end = std::min(detail.find(' ', pos), detail.size());
        if (detail.compare(pos, prefix.size(), prefix) == 0) return detail.substr(pos + prefix.size(), end - pos - prefix.size());
        pos = end + 1;
    }
    return {};
}

// The seal of a rotation entry: the new key's MAC over the encoding and the old key's MAC.
std::string rotationMessage(const AuditEntry& e, const AuditKey& oldKey, const std::string& newId) {
    return AuditChain::keyedEncoding(e, newId) + AuditKeyring::mac(oldKey, AuditChain::keyedEncoding(e, oldKey.id));
}

Result<std::optional<AuditEntry>> lastEntry(Database& db) {
    auto stmt = db.prepare(std::string("SELECT ") + AuditChain::kColumns + " FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!stmt) return stmt.error();
    auto row = stmt->step();
    if (!row) return row.error();
    if (!*row) return std::optional<AuditEntry>();
    return std::optional<AuditEntry>(AuditChain::readRow(*stmt));
}

// Where the chain's sealing stands after its last entry.
struct SealState {
    enum class Mode { Empty, Plain, Keyed, Unknown } mode = Mode::Empty;
    std::string keyId;
};

SealState sealStateAfter(const std::optional<AuditEntry>& last, const AuditKeyring* keys) {
    if (!last) return {};
    if (last->event.kind == AuditChain::kKeyIntroduced || last->event.kind == AuditChain::kKeyRotated) {
        return {SealState::Mode::Keyed, detailValue(last->event.detail, "key")};
    }
    if (AuditChain::computeHash(*last) == last->hash) return {SealState::Mode::Plain, {}};
    if (keys) {
        for (const auto& k : keys->keys()) {
            if (AuditKeyring::verify(k, AuditChain::keyedEncoding(*last, k.id), last->hash)) {
                return {SealState::Mode::Keyed, k.id};
            }
        }
    }
    return {SealState::Mode::Unknown, {}};
}

// Inserts one entry after `last` with the seal `sealOf` computes.
template <class SealFn>
Result<AuditEntry> insertAfter(Database& db, const std::optional<AuditEntry>& last, const AuditEvent& event,
                               SealFn sealOf) {
    AuditEntry entry;
    entry.event = event;
    entry.seq = last ? last->seq + 1 : 1;
    entry.prevHash = last ? last->hash : AuditChain::genesisHash();
    // Milliseconds are what is stored, so they are what is sealed.
    entry.event.at = fromMs(toMs(event.at));
    entry.hash = sealOf(entry);
    auto insert = db.prepare(
        "INSERT INTO audit_log(seq, at_ms, kind, officer_id, subject, detail, prev_hash, hash) "
        "VALUES(?,?,?,?,?,?,?,?)");
    if (!insert) return insert.error();
    insert->bind(1, entry.seq).bind(2, toMs(entry.event.at)).bind(3, entry.event.kind).bind(4, entry.event.officerId);
    insert->bind(5, entry.event.subject).bind(6, entry.event.detail).bind(7, entry.prevHash).bind(8, entry.hash);
    if (auto ok = insert->run(); !ok) return ok.error();
    return entry;
}

// Appends the introduction or rotation entry when the chain is not under the key in force;
// returns the last entry afterwards.
Result<std::optional<AuditEntry>> keyInForce(Database& db, std::optional<AuditEntry> last, const AuditKeyring& keys,
                                             std::chrono::system_clock::time_point at) {
    const SealState state = sealStateAfter(last, &keys);
    const AuditKey& current = keys.current();
    if (state.mode == SealState::Mode::Unknown) {
        return makeError("audit.key_unknown", "the last audit entry (" + std::to_string(last->seq) +
                                                  ") is sealed with no key of " + keys.file().string() +
                                                  ": restore the desk's audit key file; nothing was written");
    }
    if (state.mode == SealState::Mode::Keyed && state.keyId == current.id) return last;
    if (state.mode == SealState::Mode::Keyed) {
        const AuditKey* old = keys.find(state.keyId);
        if (!old) {
            return makeError("audit.key_unknown", "the audit log is sealed with key " + state.keyId + ", which " +
                                                      keys.file().string() + " lacks: restore that key file; nothing was written");
        }
        const AuditEvent rotated{AuditChain::kKeyRotated, "", "audit_key", "key=" + current.id + " previous=" + old->id, at};
        auto entry = insertAfter(db, last, rotated, [&](const AuditEntry& e) {
            return AuditKeyring::mac(current, rotationMessage(e, *old, current.id));
        });
        if (!entry) return entry.error();
        return std::optional<AuditEntry>(std::move(entry).value());
    }
    const AuditEvent introduced{AuditChain::kKeyIntroduced, "", "audit_key", "key=" + current.id, at};
    auto entry = insertAfter(db, last, introduced, [&](const AuditEntry& e) {
        return AuditKeyring::mac(current, AuditChain::keyedEncoding(e, current.id));
    });
    if (!entry) return entry.error();
    return std::optional<AuditEntry>(std::move(entry).value());
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
    fields(out, entry);
    return out;
}

std::string AuditChain::keyedEncoding(const AuditEntry& entry, const std::string& keyId) {
    std::string out = "bhxh-audit-v2\n";
    field(out, keyId);
    fields(out, entry);
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
    auto last = lastEntry(db);
    if (!last) return last.error();
    const AuditKeyring* keys = db.auditKeyring();
    if (!keys) {
        const SealState state = sealStateAfter(*last, nullptr);
        if (state.mode != SealState::Mode::Empty && state.mode != SealState::Mode::Plain) {
            return makeError("audit.no_key", "the audit log is sealed with the desk's audit key, and this connection has "
                                             "none: nothing was written (" + db.path().string() + ")");
        }
        auto entry = insertAfter(db, *last, event, [](const AuditEntry& e) { return computeHash(e); });
        if (!entry) return entry.error();
        return entry->seq;
    }
    auto head = keyInForce(db, std::move(last).value(), *keys, event.at);
    if (!head) return head.error();
    const AuditKey& current = keys->current();
    auto entry = insertAfter(db, *head, event, [&](const AuditEntry& e) {
        return AuditKeyring::mac(current, keyedEncoding(e, current.id));
    });
    if (!entry) return entry.error();
    return entry->seq;
}

Result<void> AuditChain::bringKeyInForce(Database& db) {
    const AuditKeyring* keys = db.auditKeyring();
    if (!keys) return {};
    auto tx = Transaction::begin(db);
    if (!tx) return tx.error();
    auto last = lastEntry(db);
    if (!last) return last.error();
    auto head = keyInForce(db, std::move(last).value(), *keys, std::chrono::system_clock::now());
    if (!head) return head.error();
    return tx->commit();
}

Result<std::optional<AuditHead>> AuditChain::head(Database& db) {
    auto last = lastEntry(db);
    if (!last) return last.error();
    if (!*last) return std::optional<AuditHead>();
    return std::optional<AuditHead>(AuditHead{(*last)->seq, (*last)->hash});
}

Result<AuditVerifyReport> AuditChain::verify(Database& db, const AuditKeyring* keys, const AuditHead* anchor) {
    auto stmt = db.prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq");
    if (!stmt) return stmt.error();
    AuditVerifyReport report;
    std::string previous = genesisHash();
    std::int64_t expectedSeq = 1;
    const AuditKey* key = nullptr;  // in force; nullptr while the chain is plain SHA-256
    auto fail = [&report](std::int64_t at, std::string reasonKey, std::map<std::string, std::string> args,
                          std::string why) {
        report.brokenSeq = at;
        report.reasonKey = std::move(reasonKey);
        report.reasonArgs = std::move(args);
        report.reason = std::move(why);
    };
    while (true) {
        auto row = stmt->step();
        if (!row) return row.error();
        if (!*row) break;
        AuditEntry e = readRow(*stmt);
        const std::string seq = std::to_string(e.seq);
        const bool introduces = e.event.kind == kKeyIntroduced;
        const bool rotates = e.event.kind == kKeyRotated;
        if (e.seq != expectedSeq) {
            fail(expectedSeq, "audit.reason.missing", {{"seq", std::to_string(expectedSeq)}, {"next", seq}},
                 "entry " + std::to_string(expectedSeq) + " is missing (the next one is " + seq + ")");
        } else if (e.prevHash != previous) {
            fail(e.seq, "audit.reason.prev", {}, "its previous-hash does not match the entry before it");
        } else if ((introduces && key) || (rotates && !key)) {
            fail(e.seq, "audit.reason.out_of_place", {{"kind", e.event.kind}},
                 "a " + e.event.kind + " entry where the chain " + (key ? "already has a key" : "has no key yet"));
        } else if (introduces || rotates) {
            const std::string id = detailValue(e.event.detail, "key");
            const AuditKey* next = keys ? keys->find(id) : nullptr;
            if (!keys) {
                fail(e.seq, "audit.reason.no_key", {}, "the entries from here on are sealed with the desk's audit key, "
                                                       "and no key file was given");
            } else if (!next) {
                fail(e.seq, "audit.reason.key_unknown", {{"key", id}, {"file", keys->file().string()}},
                     "sealed with key " + id + ", which " + keys->file().string() + " does not hold (a wrong key file?)");
            } else if (rotates && detailValue(e.event.detail, "previous") != key->id) {
                fail(e.seq, "audit.reason.bad_mac", {}, "the key rotation does not name the key in force");
            } else if (!AuditKeyring::verify(*next, rotates ? rotationMessage(e, *key, id) : keyedEncoding(e, id), e.hash)) {
                fail(e.seq, "audit.reason.bad_mac", {}, "its content does not match its MAC (edited after it was written)");
            } else {
                key = next;
                if (introduces) report.keyedFrom = e.seq;
            }
        } else if (key) {
            if (!AuditKeyring::verify(*key, keyedEncoding(e, key->id), e.hash)) {
                fail(e.seq, "audit.reason.bad_mac", {}, "its content does not match its MAC (edited after it was written)");
            }
        } else if (computeHash(e) != e.hash) {
            fail(e.seq, "audit.reason.bad_hash", {}, "its content does not match its hash (edited after it was written)");
        }
        if (!report.brokenSeq && anchor && e.seq == anchor->seq && e.hash != anchor->seal) {
            fail(e.seq, "audit.reason.anchor_differs", {{"seq", seq}},
                 "it differs from the copy anchored at the portal (rewritten after the anchor was taken)");
        }
        if (report.brokenSeq) return report;
        ++report.entries;
        report.head = {e.seq, e.hash};
        previous = e.hash;
        ++expectedSeq;
    }
    if (keys && report.entries > 0 && !key) {
        fail(1, "audit.reason.unkeyed", {{"file", keys->file().string()}},
             "no entry is sealed with the desk's audit key, although there is one: the whole log could have been rewritten");
        return report;
    }
    if (anchor && report.head.seq < anchor->seq) {
        fail(report.head.seq + 1, "audit.reason.truncated",
             {{"anchor", std::to_string(anchor->seq)}, {"last", std::to_string(report.head.seq)}},
             "the log ends at entry " + std::to_string(report.head.seq) + " but the portal holds an anchor at entry " +
                 std::to_string(anchor->seq) + ": entries were deleted");
        return report;
    }
    if (key) report.keyId = key->id;
    report.anchorChecked = anchor != nullptr;
    return report;
}

} // namespace bhxh::store
