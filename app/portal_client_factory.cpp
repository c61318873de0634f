#include "app/portal_client_factory.h"

#include "declarations/adapters/desk_token.h"

#include <cstdlib>

namespace bhxh::app {

bool PortalClientFactory::configured(const AppConfig& config) {
    const char* env = std::getenv("BHXH_DESK_TOKEN");
    return (env && *env) || !config.portal.tokenFile.empty();
}

Result<std::unique_ptr<declarations::CurlPortalClient>> PortalClientFactory::create(const AppConfig& config) {
    auto token = declarations::DeskToken::load(config.portal.tokenFile);
    if (!token) return token.error();
    declarations::CurlPortalClient::Options options;
    options.baseUrl = config.portal.baseUrl;
    options.deskId = config.desk.officeCode + "-" + config.desk.deskId;
    options.token = std::move(token).value();
    options.caBundle = config.portal.caBundle.string();
    options.proxy = config.portal.proxy;
    options.connectTimeoutMs = config.portal.connectTimeoutMs;
    options.timeoutMs = config.portal.timeoutMs;
    options.callTimeoutMs = config.portal.callTimeoutMs;
    options.retries = config.portal.retries;
    return declarations::CurlPortalClient::create(std::move(options));
}

} // namespace bhxh::app
