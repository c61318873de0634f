#pragma once
#include "declarations/portal_client.h"

#include "net/curl_runner.h"

#include <cstddef>
#include <memory>
#include <string>

namespace bhxh::declarations {

/// PortalClient over libcurl. TLS verification is always on (caBundle replaces the system CA
/// store when set); plain http is refused unless the host is loopback. Transient failures
/// (network, timeouts, 5xx, 408, 429) are retried with exponential backoff; 4xx are not. The
/// token is sent as a bearer and never logged. Every request and every retry pause ends at once
/// when the bound stop token is requested (portal.cancelled); the transfers of one client share a
/// connection cache (keep-alive) and ask for compressed answers. One client per thread.
class CurlPortalClient final : public PortalClient {
public:
    struct Options {
        std::string baseUrl = "http://127.0.0.1:8787/api/desk/v1";
        std::string deskId;    ///< "<office>-<desk>", sent as X-Desk-Id
        std::string token;     ///< from DeskToken::load
        std::string caBundle;  ///< empty = the system's CA store
        long connectTimeoutMs = 3000;
        long timeoutMs = 20000;
        int retries = 3;       ///< extra attempts after the first, transient failures only
        long backoffMs = 200;  ///< first pause; doubles each retry (capped at 5 s)
        std::string proxy;     ///< [portal] proxy; empty = none (the environment's is never used)
    };
    /// Checks the options (URL scheme and host, token, desk id).
    static Result<std::unique_ptr<CurlPortalClient>> create(Options options);

    Result<DeclarationPage> listDeclarations(const std::string& office, const std::optional<std::string>& cursor,
                                             int limit) override;
    Result<Declaration> getDeclaration(const std::string& dossierNo) override;
    Result<PortalFile> downloadFile(const std::string& dossierNo, const std::string& kind) override;
    Result<std::vector<Declaration>> lookup(const std::string& bhxhCodeOrIdNumber) override;
    Result<ContactCheck> contactCheck(const std::string& phone, const std::string& email,
                                      const std::string& bhxhCode) override;
    Result<ClaimLease> claim(const std::string& dossierNo, const std::string& officerId, int ttlSeconds) override;
    Result<void> release(const std::string& dossierNo, const std::string& leaseId) override;
    Result<DecisionAnswer> decide(const std::string& dossierNo, const std::string& idempotencyKey,
                                  const std::string& bodyJson) override;
    Result<void> anchorAudit(const AuditAnchor& anchor) override;
    Result<std::optional<AuditAnchor>> lastAuditAnchor() override;
    void setBounds(RequestBounds bounds) override { m_bounds = std::move(bounds); }

    /// A raw answer, for the request helpers.
    struct Response {
        long status = 0;
        std::string body;
        std::string contentType;
        std::string etag;
    };

private:
    explicit CurlPortalClient(Options options) : m_options(std::move(options)) {}
    /// The error for a request abandoned because the desk is stopping.
    static Error cancelled(const std::string& what);
    /// One request with retries; an Error for transport failures and for statuses ≥ 400.
    /// An answer longer than maxBody is cut off and refused (portal.bad_response).
    Result<Response> send(const std::string& method, const std::string& path, const std::string& body,
                          const std::string& idempotencyKey, const std::string& what, std::size_t maxBody);
    Result<Response> sendOnce(const std::string& method, const std::string& url, const std::string& body,
                              const std::string& idempotencyKey, const std::string& what, std::size_t maxBody);

    Options m_options;
    RequestBounds m_bounds;
    net::CurlRunner m_runner;
};

} // namespace bhxh::declarations
