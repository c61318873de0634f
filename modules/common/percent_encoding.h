#pragma once
#include <string>
#include <string_view>

namespace bhxh {

/// The one percent-encoder (RFC 3986): every byte but the unreserved `A-Z a-z 0-9 - _ . ~` as
/// %XX (upper-case hex), UTF-8 byte by byte. Used for the portal's path parts and query values
/// and for an SMS gateway's form body (application/x-www-form-urlencoded takes the same output).
/// In common rather than libcurl's curl_easy_escape (same output) because the SMS profile that
/// builds the form body is domain code, which does not link curl.
std::string percentEncode(std::string_view text);

} // namespace bhxh
