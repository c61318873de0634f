#include "notify/mime_message.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdint>

namespace bhxh::notify::mime {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

bool isAscii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80 || c < 0x20) return false;
    return true;
}

// Length of the UTF-8 sequence that starts with this byte.
std::size_t utf8Length(unsigned char lead) {
    if (lead >= 0xF0) return 4;
    if (lead >= 0xE0) return 3;
    if (lead >= 0xC0) return 2;
    return 1;
}

std::string sanitizeKey(std::string_view key) {
    std::string out;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                        c == '-' || c == '_';
        out += ok ? c : '.';
    }
    return out;
}

// FNV-1a: only to make a boundary that cannot collide with the body text by accident.
std::string hash64(std::string_view s) {
    std::uint64_t h = 1469598103934665603ull;
    for (unsigned char c : s) {
        h ^= c;
        h *= 1099511628211ull;
    }
    std::string out(16, '0');
    for (int i = 15; i >= 0; --i, h >>= 4) out[static_cast<std::size_t>(i)] = kHex[h & 0xF];
    return out;
}

} // namespace

std::string base64(std::string_view bytes) {
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    std::size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const std::uint32_t v = (std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16) |
                                (std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8) |
                                std::uint32_t(static_cast<unsigned char>(bytes[i + 2]));
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    const std::size_t rest = bytes.size() - i;
    if (rest) {
        std::uint32_t v = std::uint32_t(static_cast<unsigned char>(bytes[i])) << 16;
        if (rest == 2) v |= std::uint32_t(static_cast<unsigned char>(bytes[i + 1])) << 8;
        out += kAlphabet[(v >> 18) & 63];
        out += kAlphabet[(v >> 12) & 63];
        out += rest == 2 ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

std::string quotedPrintable(std::string_view utf8) {
    std::string out;
    std::string line;
    auto flushLine = [&](bool hard) {
        // Trailing white space before a hard break must be encoded, or transports may strip it.
        if (hard && !line.empty() && (line.back() == ' ' || line.back() == '\t')) {
            const auto c = static_cast<unsigned char>(line.back());
            line.pop_back();
            const std::string escaped{'=', kHex[c >> 4], kHex[c & 0xF]};
            if (line.size() + escaped.size() > 76) {
                out += line + "=\r\n";
                line.clear();
            }
            line += escaped;
        }
        out += line;
        out += hard ? "\r\n" : "=\r\n";
        line.clear();
    };
    for (std::size_t i = 0; i < utf8.size(); ++i) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        if (c == '\r') continue;
        if (c == '\n') {
            flushLine(true);
            continue;
        }
        std::string piece;
        if ((c >= 33 && c <= 126 && c != '=') || c == ' ' || c == '\t') {
            piece = static_cast<char>(c);
        } else {
            // Keep a multi-byte character's escapes on one line.
            const std::size_t len = c >= 0x80 ? std::min(utf8Length(c), utf8.size() - i) : 1;
            for (std::size_t k = 0; k < len; ++k) {
                const auto b = static_cast<unsigned char>(utf8[i + k]);
                piece += '=';
                piece += kHex[b >> 4];
                piece += kHex[b & 0xF];
            }
            i += len - 1;
        }
        if (line.size() + piece.size() > 75) flushLine(false);
        line += piece;
    }
    if (!line.empty()) flushLine(true);
    return out;
}

std::string encodeHeaderText(std::string_view raw) {
    // A header value never carries a line break: that would let a value add headers.
    std::string clean(raw);
    for (auto& c : clean)
        if (c == '\r' || c == '\n' || c == '\t') c = ' ';
    const std::string_view utf8 = clean;
    if (isAscii(utf8)) return clean;
    // "=?UTF-8?B?" + "?=" is 12 chars: 63 left for base64 → 45 bytes of text per word at most.
    constexpr std::size_t kMaxBytes = 45;
    std::string out;
    std::size_t i = 0;
    while (i < utf8.size()) {
        std::size_t end = i;
        while (end < utf8.size()) {
            const std::size_t len = utf8Length(static_cast<unsigned char>(utf8[end]));
            if (end + len - i > kMaxBytes) break;
            end += len;
        }
        if (end == i) end = std::min(utf8.size(), i + 1);
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(utf8.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string formatAddress(std::string_view displayName, std::string_view rawAddress) {
    std::string address;
    for (char c : rawAddress)
        if (c != '\r' && c != '\n' && c != '<' && c != '>' && c != ' ') address += c;
    if (displayName.empty()) return "<" + address + ">";
    if (isAscii(displayName)) {
        std::string quoted = "\"";
        for (char c : displayName) {
            if (c == '\r' || c == '\n') c = ' ';
            if (c == '"' || c == '\\') quoted += '\\';
            quoted += c;
        }
        return quoted + "\" <" + address + ">";
    }
    return encodeHeaderText(displayName) + " <" + address + ">";
}

std::string formatDate(std::time_t when) {
    std::tm tm{};
    gmtime_r(&when, &tm);
    static constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[static_cast<std::size_t>(tm.tm_wday)],
                  tm.tm_mday, kMonths[static_cast<std::size_t>(tm.tm_mon)], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                  tm.tm_sec);
    return buf;
}

std::string domainOf(std::string_view address) {
    const auto at = address.rfind('@');
    if (at == std::string_view::npos || at + 1 >= address.size()) return "localhost";
    return std::string(address.substr(at + 1));
}

std::string messageIdFor(std::string_view key, std::string_view senderAddress) {
    return "<bhxh." + sanitizeKey(key) + "@" + domainOf(senderAddress) + ">";
}

std::string build(const OutgoingMessage& message, const Sender& sender, std::time_t when) {
    const std::string boundary = "=_bhxh_" + hash64(message.key);
    std::string m;
    m += "From: " + formatAddress(sender.displayName, sender.address) + "\r\n";
    m += "To: " + formatAddress(message.toName, message.to) + "\r\n";
    m += "Subject: " + encodeHeaderText(message.subject) + "\r\n";
    m += "Date: " + formatDate(when) + "\r\n";
    m += "Message-ID: " + messageIdFor(message.key, sender.address) + "\r\n";
    m += "MIME-Version: 1.0\r\n";
    m += "Content-Type: multipart/alternative; boundary=\"" + boundary + "\"\r\n";
    m += "\r\n";
    m += "This is a multi-part message in MIME format.\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/plain; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    // The CRLF before a boundary belongs to the boundary: one more keeps the last line break.
    m += quotedPrintable(message.text) + "\r\n";
    m += "--" + boundary + "\r\n";
    m += "Content-Type: text/html; charset=UTF-8\r\n";
    m += "Content-Transfer-Encoding: quoted-printable\r\n\r\n";
    m += quotedPrintable(message.html) + "\r\n";
    m += "--" + boundary + "--\r\n";
    return m;
}

} // namespace bhxh::notify::mime
