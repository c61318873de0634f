// The audit anchors of docs/portal-api.md, "Audit anchors": each desk sends the head (seq, MAC) of
// its audit chain; the portal keeps every anchor per desk and answers the last one.
#include "portal_store.h"
#include "declarations/rfc3339.h"
#include "time_util.h"

#include <algorithm>

namespace portal {
namespace {
using json = nlohmann::json;

bool isLowerHex64(const std::string& s) {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

std::optional<Answer> wrongDesk(const std::string& deskId, const std::string& pathDesk) {
    if (pathDesk == deskId) return std::nullopt;
    return errorAnswer(403, "forbidden_desk", "a desk reads and writes only its own audit anchors");
}

json anchorJson(const std::string& deskId, const bhxh::store::Statement& s) {
    return json{{"desk_id", deskId}, {"seq", s.getInt(0)}, {"mac", s.getText(1)}, {"at", s.getText(2)},
                {"received_at", rfc3339(s.getInt(3) / 1000000)}};
}
} // namespace

Answer PortalStore::anchorAudit(const std::string& deskId, const std::string& pathDesk, const std::string& body) {
    if (auto err = wrongDesk(deskId, pathDesk)) return *err;
    const json req = json::parse(body, nullptr, false);
    if (!req.is_object()) return errorAnswer(422, "invalid_body", "body must be a JSON object");
    if (!req.contains("seq") || !req["seq"].is_number_integer() || req["seq"].get<std::int64_t>() < 1) {
        return errorAnswer(422, "invalid_body", "seq: required, an integer from 1");
    }
    if (!req.contains("mac") || !req["mac"].is_string() || !isLowerHex64(req["mac"].get<std::string>())) {
        return errorAnswer(422, "invalid_body", "mac: required, 64 lower-case hex digits");
    }
    if (!req.contains("at") || !req["at"].is_string() || req["at"].get<std::string>().size() > 40 ||
        !bhxh::declarations::parseRfc3339(req["at"].get<std::string>())) {
        return errorAnswer(422, "invalid_body", "at: required, an RFC 3339 time");
    }
    const std::int64_t seq = req["seq"].get<std::int64_t>();
    const std::string mac = req["mac"].get<std::string>();
    const std::string at = req["at"].get<std::string>();
    return inTransaction([&]() -> Answer {
        auto last = must(m_db.prepare("SELECT seq, mac, at, received_us FROM audit_anchors WHERE desk_id = ? ORDER BY seq DESC LIMIT 1"));
        last.bind(1, deskId);
        if (must(last.step())) {
            if (seq < last.getInt(0)) {
                Answer a = errorAnswer(409, "anchor_regression", "the portal already holds an anchor at a later entry");
                a.body["anchor"] = anchorJson(deskId, last);
                return a;
            }
            if (seq == last.getInt(0)) {
                if (mac != last.getText(1)) {
                    Answer a = errorAnswer(409, "anchor_conflict", "the portal holds another MAC for this entry");
                    a.body["anchor"] = anchorJson(deskId, last);
                    return a;
                }
                return {200, anchorJson(deskId, last)};  // the same head again: nothing new
            }
        }
        auto insert = must(m_db.prepare("INSERT INTO audit_anchors(desk_id, seq, mac, at, received_us) VALUES(?,?,?,?,?)"));
        insert.bind(1, deskId).bind(2, seq).bind(3, mac).bind(4, at).bind(5, nowMicros());
        must(insert.step());
        auto stored = must(m_db.prepare("SELECT seq, mac, at, received_us FROM audit_anchors WHERE desk_id = ? AND seq = ?"));
        stored.bind(1, deskId).bind(2, seq);
        must(stored.step());
        return {201, anchorJson(deskId, stored)};
    });
}

Answer PortalStore::lastAuditAnchor(const std::string& deskId, const std::string& pathDesk) {
    if (auto err = wrongDesk(deskId, pathDesk)) return *err;
    return inTransaction([&]() -> Answer {
        auto last = must(m_db.prepare("SELECT seq, mac, at, received_us FROM audit_anchors WHERE desk_id = ? ORDER BY seq DESC LIMIT 1"));
        last.bind(1, deskId);
        if (!must(last.step())) return {200, json{{"anchor", nullptr}}};
        return {200, json{{"anchor", anchorJson(deskId, last)}}};
    });
}

} // namespace portal
