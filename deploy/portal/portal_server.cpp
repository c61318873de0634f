#include "portal_server.h"
#include "time_util.h"

#include "common/log.h"

#include <httplib.h>

#include <chrono>
#include <thread>

namespace portal {

namespace {
constexpr const char* kBase = "/api/desk/v1";

void send(httplib::Response& res, const Answer& a) {
    res.status = a.status;
    if (a.status == 204 || a.status == 304) return;
    if (!a.text.empty()) return res.set_content(a.text, "application/json; charset=utf-8");
    res.set_content(a.body.dump(), "application/json; charset=utf-8");
}

std::string bearer(const httplib::Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    constexpr std::string_view kPrefix = "Bearer ";
    if (auth.size() <= kPrefix.size() || auth.compare(0, kPrefix.size(), kPrefix) != 0) return {};
    return auth.substr(kPrefix.size());
}

/// Does an If-None-Match list name this entity tag?
bool etagMatches(const std::string& ifNoneMatch, const std::string& etag) {
    if (ifNoneMatch == "*") return true;
    std::size_t pos = 0;
    while (pos < ifNoneMatch.size()) {
        auto comma = ifNoneMatch.find(',', pos);
        if (comma == std::string::npos) comma = ifNoneMatch.size();
        std::string one = ifNoneMatch.substr(pos, comma - pos);
        const auto a = one.find_first_not_of(" \t");
        const auto b = one.find_last_not_of(" \t");
        one = a == std::string::npos ? "" : one.substr(a, b - a + 1);
        if (one.rfind("W/", 0) == 0) one = one.substr(2);
        if (one == etag) return true;
        pos = comma + 1;
    }
    return false;
}
} // namespace

PortalServer::PortalServer(PortalStore& store, Tokens tokens, FaultOptions faults)
    : m_store(store), m_tokens(std::move(tokens)), m_faults(faults), m_server(std::make_unique<httplib::Server>()),
      m_rng(faults.seed != 0 ? faults.seed : std::random_device{}()) {
    routes();
}

PortalServer::~PortalServer() = default;

double PortalServer::roll() {
    std::lock_guard lock(m_rngMutex);
    return std::uniform_real_distribution<double>(0.0, 1.0)(m_rng);
}

std::optional<PortalServer::Desk> PortalServer::authenticate(const httplib::Request& req, httplib::Response& res) {
    const auto desk = m_tokens.deskFor(bearer(req));
    if (!desk) {
        res.set_header("WWW-Authenticate", "Bearer");
        send(res, errorAnswer(401, "unauthorized", "missing or invalid bearer token"));
        return std::nullopt;
    }
    const std::string claimed = req.get_header_value("X-Desk-Id");
    if (claimed != *desk) {
        send(res, errorAnswer(403, "forbidden_desk", "X-Desk-Id does not match the desk this token was issued to"));
        return std::nullopt;
    }
    return Desk{*desk, desk->substr(0, desk->find('-'))};
}

void PortalServer::routes() {
    auto& s = *m_server;
    const std::string base = kBase;
    // One connection per desk for a whole sync: cpp-httplib closes a keep-alive connection after
    // 5 requests by default, so a 200-page pull reconnected 40 times.
    s.set_keep_alive_max_count(1000);

    s.set_pre_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        if (m_faults.latencyMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(m_faults.latencyMs));
        if (m_faults.failRate > 0.0 && roll() < m_faults.failRate) {
            send(res, errorAnswer(503, "unavailable", "injected failure (--fail-rate)"));
            return httplib::Server::HandlerResponse::Handled;
        }
        return httplib::Server::HandlerResponse::Unhandled;
    });
    s.set_post_routing_handler([this](const httplib::Request&, httplib::Response& res) {
        // Every answer carries the server's clock (RFC 9110 says an origin server with a clock
        // sends Date); `bhxh-desk doctor` measures the desk's clock offset against it.
        res.set_header("Date", httpDate(nowMicros() / 1000000));
        if (m_faults.dropRate <= 0.0 || res.body.size() < 2 || roll() >= m_faults.dropRate) return;
        // Announce the full length, write half, then fail: the client sees the connection
        // close mid-body, as on a flaky mobile link.
        auto body = std::make_shared<std::string>(std::move(res.body));
        res.body.clear();
        const std::string type = res.get_header_value("Content-Type");
        res.set_content_provider(body->size(), type.empty() ? "application/octet-stream" : type,
                                 [body](size_t offset, size_t, httplib::DataSink& sink) {
                                     if (offset == 0) sink.write(body->data(), body->size() / 2);
                                     return false;
                                 });
    });
    s.set_error_handler([](const httplib::Request&, httplib::Response& res) {
        if (!res.body.empty()) return;
        if (res.status == 404) send(res, errorAnswer(404, "not_found", "no such endpoint"));
        else if (res.status == 405) send(res, errorAnswer(405, "method_not_allowed", "method not allowed here"));
        else if (res.status >= 400) send(res, errorAnswer(res.status, "http_error", "request failed"));
    });
    s.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
        send(res, errorAnswer(500, "internal", "the portal could not complete the request"));
    });

    s.Get(base + R"(/offices/([^/]+)/declarations)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.list(desk->office, req.matches[1], req.get_param_value("status"),
                               req.get_param_value("after"), req.get_param_value("limit")));
    });
    s.Get(base + R"(/declarations/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.get(desk->office, req.matches[1]));
    });
    s.Get(base + R"(/declarations/([^/]+)/files/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        Answer error;
        const auto file = m_store.file(desk->office, req.matches[1], req.matches[2], error);
        if (!file) return send(res, error);
        const std::string etag = "\"" + file->sha256 + "\"";
        res.set_header("ETag", etag);
        res.set_header("Cache-Control", "private, max-age=0");
        if (req.has_header("If-None-Match") && etagMatches(req.get_header_value("If-None-Match"), etag)) {
            res.status = 304;
            return;
        }
        res.status = 200;
        res.set_content(file->bytes, file->contentType);
    });
    s.Get(base + "/lookup", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.lookup(desk->office, req.get_param_value("bhxh_code"), req.get_param_value("id_number")));
    });
    s.Get(base + "/contact-check", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.contactCheck(req.get_param_value("phone"), req.get_param_value("email"),
                                       req.get_param_value("bhxh_code")));
    });
    s.Post(base + R"(/declarations/([^/]+)/claim)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.claim(desk->id, req.matches[1], req.body));
    });
    s.Delete(base + R"(/declarations/([^/]+)/claim/([^/]+))", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.release(desk->id, req.matches[1], req.matches[2]));
    });
    s.Post(base + R"(/declarations/([^/]+)/decision)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.decide(desk->id, req.matches[1], req.get_header_value("Idempotency-Key"), req.body));
    });
    // Audit anchors (docs/portal-api.md, "Audit anchors").
    s.Post(base + R"(/desks/([^/]+)/audit-anchor)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.anchorAudit(desk->id, req.matches[1], req.body));
    });
    s.Get(base + R"(/desks/([^/]+)/audit-anchor)", [this](const httplib::Request& req, httplib::Response& res) {
        const auto desk = authenticate(req, res);
        if (!desk) return;
        send(res, m_store.lastAuditAnchor(desk->id, req.matches[1]));
    });
}

int PortalServer::bind(const std::string& host, int port) {
    if (port == 0) return m_server->bind_to_any_port(host);
    return m_server->bind_to_port(host, port) ? port : -1;
}

bool PortalServer::run() { return m_server->listen_after_bind(); }

void PortalServer::stop() { m_server->stop(); }

} // namespace portal
