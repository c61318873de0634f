#pragma once
#include "common/result.h"
#include "notify/delivery_result.h"
#include "notify/notification.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace bhxh::notify {

/// An HTTP request as the profile wants it; the curl adapter only performs it.
struct HttpRequest {
    std::string method = "POST";
    std::string url;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string basicUser;      ///< HTTP Basic when not empty
    std::string basicPassword;
};

/// What came back, or why nothing did.
struct HttpResponse {
    enum class Transport { Ok, ConnectFailed, Timeout, Other };
    Transport transport = Transport::Ok;
    std::string transportDetail;  ///< curl's message when transport != Ok
    long status = 0;
    std::string body;
};

/// A brandname SMS provider described as data (assets/sms-profiles/<name>.json): url, body
/// encoding (json | form), auth (body | basic | bearer | none), field names, fixed fields,
/// phone format (0 | 84 | +84), success test, id/error paths, retryable, "already sent" and
/// unclear codes. Values in url, auth and fixed fields may name secrets as {secret_name}.
class SmsProfile {
public:
    static Result<SmsProfile> fromJson(const std::string& jsonText);
    static Result<SmsProfile> loadFile(const std::filesystem::path& file);
    /// The profile's own url (may name secrets as {secret_name}); empty when it has none.
    [[nodiscard]] const std::string& url() const { return m_url; }

    /// The request for one message. `urlOverride` replaces the profile's url when not empty;
    /// `secrets` fill {name} placeholders (a missing one is an error naming it).
    [[nodiscard]] Result<HttpRequest> buildRequest(const OutgoingMessage& message, const std::string& sender,
                                                   const std::map<std::string, std::string>& secrets,
                                                   const std::string& urlOverride = {}) const;
    /// sent / retry / failed / unknown, per sms-gateways.md: without idempotency, only a clear
    /// refusal before processing (connection refused, 429, 503, retryable code) is retried.
    [[nodiscard]] DeliveryResult classify(const HttpResponse& response) const;

    [[nodiscard]] const std::string& name() const { return m_name; }
    [[nodiscard]] bool idempotent() const { return m_idempotent; }
    [[nodiscard]] int ratePerMinute() const { return m_ratePerMinute; }

    /// "0983847986" / "84983847986" / "+84 983 847 986" → the profile's format; empty when the
    /// number is not a Vietnamese mobile number.
    [[nodiscard]] std::string formatPhone(const std::string& phone) const;

private:
    std::string m_name;
    std::string m_url;
    std::string m_method = "POST";
    std::string m_encoding = "json";
    std::string m_authType = "none";
    std::map<std::string, std::string> m_authFields;  ///< body: name → value; basic: user/password; bearer: token
    std::string m_fieldTo, m_fieldText, m_fieldSender, m_fieldReference, m_fieldUnicode;
    std::string m_fixedJson = "{}";                   ///< fixed fields, a JSON object kept as text
    std::string m_phoneFormat = "0";
    bool m_toArray = false;
    std::string m_idempotencyHeader;
    bool m_idempotent = false;
    std::string m_successPath, m_successEquals;
    std::string m_messageIdPath, m_errorCodePath, m_errorMessagePath;
    std::set<std::string> m_retryableCodes, m_alreadySentCodes, m_unclearCodes;
    int m_ratePerMinute = 0;
};

} // namespace bhxh::notify
