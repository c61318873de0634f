#pragma once
#include "chip/apdu_channel.h"
#include "common/result.h"

#include <chrono>
#include <memory>
#include <stop_token>
#include <string>
#include <vector>

namespace bhxh::chip {

class PcscCard;

/// A PC/SC context (libpcsclite → pcscd). Never used on the UI thread: waits block up to their
/// timeout, in slices that check the stop token.
class PcscContext {
public:
    /// Connects to pcscd; error chip.no_pcscd when the service is not running.
    [[nodiscard]] static Result<std::unique_ptr<PcscContext>> open();
    ~PcscContext();
    PcscContext(const PcscContext&) = delete;
    PcscContext& operator=(const PcscContext&) = delete;

    /// The readers pcscd knows, in its order (empty when none).
    [[nodiscard]] Result<std::vector<std::string>> readers();
    /// True when a card is in the reader.
    [[nodiscard]] Result<bool> cardPresent(const std::string& reader);
    /// Waits until a card is in the reader (true), the timeout passes (false) or stop is asked
    /// (error chip.cancelled). The reader vanishing is error chip.reader_gone.
    [[nodiscard]] Result<bool> waitForCard(const std::string& reader, std::chrono::milliseconds timeout,
                                           std::stop_token stop);
    /// Waits until the reader's card is removed (true) or the timeout passes (false).
    [[nodiscard]] Result<bool> waitForRemoval(const std::string& reader, std::chrono::milliseconds timeout,
                                              std::stop_token stop);
    /// Connects to the card in the reader (T=1 or T=0, exclusive).
    [[nodiscard]] Result<std::unique_ptr<PcscCard>> connect(const std::string& reader);

private:
    explicit PcscContext(long handle) : m_handle(handle) {}
    [[nodiscard]] Result<bool> waitForState(const std::string& reader, bool present,
                                            std::chrono::milliseconds timeout, std::stop_token stop);
    long m_handle = 0;
};

/// A connected card: the APDU channel to it. Disconnects (leaving the card) on destruction.
class PcscCard : public ApduChannel {
public:
    PcscCard(long card, unsigned long protocol) : m_card(card), m_protocol(protocol) {}
    ~PcscCard() override;
    PcscCard(const PcscCard&) = delete;
    PcscCard& operator=(const PcscCard&) = delete;
    /// One APDU; a pulled card is error chip.card_removed, a reader gone chip.reader_gone.
    [[nodiscard]] Result<Bytes> transmit(ByteView command) override;

private:
    long m_card = 0;
    unsigned long m_protocol = 0;
};

/// A pcsc-lite status code as our error (chip.card_removed, chip.reader_gone, chip.no_pcscd,
/// chip.pcsc) with the library's text.
[[nodiscard]] Error pcscError(long rv, const std::string& what);

} // namespace bhxh::chip
