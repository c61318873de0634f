#include "notify/spool_sender.h"

#include <nlohmann/json.hpp>

#include <ctime>
#include <fstream>
#include <system_error>

namespace bhxh::notify {

SpoolSender::SpoolSender(std::filesystem::path dir, Channel channel, mime::Sender sender)
    : m_dir(std::move(dir)), m_channel(channel), m_sender(std::move(sender)) {}

std::filesystem::path SpoolSender::pathFor(const std::string& key) const {
    std::string safe;
    for (char c : key) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                        c == '_' || c == '.';
        safe += ok ? c : '_';
    }
    return m_dir / (safe + (m_channel == Channel::Sms ? ".sms.json" : ".eml"));
}

DeliveryResult SpoolSender::send(const OutgoingMessage& message) {
    std::error_code ec;
    std::filesystem::create_directories(m_dir, ec);
    if (ec) return DeliveryResult::retry("spool: cannot create folder: " + ec.message());
    const auto target = pathFor(message.key);
    if (std::filesystem::exists(target, ec)) return DeliveryResult::sent(target.filename().string(), "spool: already there");

    std::string content;
    if (m_channel == Channel::Sms) {
        content = nlohmann::json{{"key", message.key}, {"to", message.to}, {"text", message.text}}.dump(2) + "\n";
    } else {
        content = mime::build(message, m_sender, std::time(nullptr));
    }
    auto tmp = target;
    tmp += ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out.write(content.data(), static_cast<std::streamsize>(content.size()));
        out.flush();
        if (!out) {
            std::filesystem::remove(tmp, ec);
            return DeliveryResult::retry("spool: cannot write " + tmp.filename().string());
        }
    }
    std::filesystem::rename(tmp, target, ec);
    if (ec) return DeliveryResult::retry("spool: cannot rename: " + ec.message());
    return DeliveryResult::sent(target.filename().string());
}

} // namespace bhxh::notify
