#pragma once
#include "notify/message_sender.h"
#include "notify/mime_message.h"

#include <filesystem>

namespace bhxh::notify {

/// The demo driver: one file per message in a folder, written atomically (temp + rename).
/// SMS become <key>.sms.json ({"key","to","text"}), e-mail become <key>.eml (the full MIME
/// message the SMTP driver would send). A key already spooled is not written again.
class SpoolSender final : public MessageSender {
public:
    SpoolSender(std::filesystem::path dir, Channel channel, mime::Sender sender = {});

    DeliveryResult send(const OutgoingMessage& message) override;
    [[nodiscard]] std::string name() const override { return "spool"; }

    /// The file a message with this key goes to.
    [[nodiscard]] std::filesystem::path pathFor(const std::string& key) const;

private:
    std::filesystem::path m_dir;
    Channel m_channel;
    mime::Sender m_sender;
};

} // namespace bhxh::notify
