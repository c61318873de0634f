#pragma once
#include "notify/notification.h"

#include <ctime>
#include <string>
#include <string_view>

/// RFC 5322 / MIME pieces for the e-mail drivers (std only, CRLF line ends).
namespace bhxh::notify::mime {

/// Who the mail is from.
struct Sender {
    std::string address = "no-reply@bhxh.local";
    std::string displayName = "BHXH";
};

[[nodiscard]] std::string base64(std::string_view bytes);
/// Quoted-printable (RFC 2045) of UTF-8 text; line ends become CRLF, lines at most 76 chars.
[[nodiscard]] std::string quotedPrintable(std::string_view utf8);
/// RFC 2047: ASCII text unchanged; otherwise "=?UTF-8?B?...?=" words of at most 75 chars,
/// split between characters, joined by CRLF + space (folding).
[[nodiscard]] std::string encodeHeaderText(std::string_view utf8);
/// "Name <addr>" with the name encoded (or quoted when ASCII); just "<addr>" without a name.
[[nodiscard]] std::string formatAddress(std::string_view displayName, std::string_view address);
/// RFC 5322 date in UTC: "Sun, 22 Nov 2026 04:31:55 +0000".
[[nodiscard]] std::string formatDate(std::time_t when);
/// "<bhxh.KEY@domain>" with the key reduced to atext characters: the same key always gives
/// the same id, so a resent message is recognisably the same one.
[[nodiscard]] std::string messageIdFor(std::string_view key, std::string_view senderAddress);
/// The domain part of an address ("bhxh.local" for "no-reply@bhxh.local"), "localhost" if none.
[[nodiscard]] std::string domainOf(std::string_view address);
/// The whole message: headers and a multipart/alternative body (text/plain then text/html,
/// both UTF-8 quoted-printable). The boundary is derived from the key.
[[nodiscard]] std::string build(const OutgoingMessage& message, const Sender& sender, std::time_t when);

} // namespace bhxh::notify::mime
