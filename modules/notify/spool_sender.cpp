#include "notify/spool_sender.h"

#include "common/private_file.h"

#include <nlohmann/json.hpp>

#include <ctime>
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
    const auto target = pathFor(message.key);
    if (std::filesystem::exists(target, ec)) return DeliveryResult::sent(target.filename().string(), "spool: already there");

    std::string content;
    if (m_channel == Channel::Sms) {
        content = nlohmann::json{{"key", message.key}, {"to", message.to}, {"text", message.text}}.dump(2) + "\n";
    } else {
        content = mime::build(message, m_sender, std::time(nullptr));
    }
    if (auto written = writePrivateFile(target, content); !written) {
        return DeliveryResult::retry("spool: " + written.error().message);
    }
    return DeliveryResult::sent(target.filename().string());
}

} // namespace bhxh::notify
