#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "declarations/adapters/curl_portal_client.h"

#include <memory>

namespace bhxh::app {

/// The desk's portal client from [portal] and [desk], built the same way for every command
/// (sync, outbox drain): the token from BHXH_DESK_TOKEN, else the 0600 `portal.token_file`.
class PortalClientFactory {
public:
    /// True when a token can be had (BHXH_DESK_TOKEN is set or portal.token_file is given):
    /// without one the desk works offline and commands skip the portal.
    static bool configured(const AppConfig& config);
    /// The client, or an Error naming the setting at fault (token, URL).
    static Result<std::unique_ptr<declarations::CurlPortalClient>> create(const AppConfig& config);
};

} // namespace bhxh::app
