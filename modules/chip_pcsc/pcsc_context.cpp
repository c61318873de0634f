#include "chip_pcsc/pcsc_context.h"

#include <winscard.h>
#include <wintypes.h>

#include <algorithm>

namespace bhxh::chip {

Error pcscError(long rv, const std::string& what) {
    const std::string text = std::string(pcsc_stringify_error(rv));
    switch (rv) {
    case SCARD_W_REMOVED_CARD:
    case SCARD_E_NO_SMARTCARD:
    case SCARD_W_RESET_CARD:
    case SCARD_W_UNPOWERED_CARD:
    case SCARD_E_NOT_TRANSACTED: // the link to a contactless card broke mid-command
        return makeError("chip.card_removed", what + ": the card was taken off the reader (" + text + ")");
    case SCARD_E_UNKNOWN_READER:
    case SCARD_E_READER_UNAVAILABLE:
    case SCARD_E_NO_READERS_AVAILABLE:
        return makeError("chip.reader_gone", what + ": the reader is gone (" + text + ")");
    case SCARD_E_NO_SERVICE:
    case SCARD_E_SERVICE_STOPPED:
        return makeError("chip.no_pcscd", what + ": the PC/SC service (pcscd) is not running (" + text + ")");
    default:
        return makeError("chip.pcsc", what + ": " + text);
    }
}

Result<std::unique_ptr<PcscContext>> PcscContext::open() {
    SCARDCONTEXT ctx = 0;
    const LONG rv = SCardEstablishContext(SCARD_SCOPE_SYSTEM, nullptr, nullptr, &ctx);
    if (rv != SCARD_S_SUCCESS) return pcscError(rv, "connecting to pcscd");
    return std::unique_ptr<PcscContext>(new PcscContext(static_cast<long>(ctx)));
}

PcscContext::~PcscContext() { SCardReleaseContext(static_cast<SCARDCONTEXT>(m_handle)); }

Result<std::vector<std::string>> PcscContext::readers() {
    DWORD size = 0;
    LONG rv = SCardListReaders(static_cast<SCARDCONTEXT>(m_handle), nullptr, nullptr, &size);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (rv != SCARD_S_SUCCESS) return pcscError(rv, "listing the readers");
    if (size > 65536) return makeError("chip.pcsc", "listing the readers: the list is larger than 64 KiB");
    std::string buffer(size, '\0');
    rv = SCardListReaders(static_cast<SCARDCONTEXT>(m_handle), nullptr, buffer.data(), &size);
    if (rv == SCARD_E_NO_READERS_AVAILABLE) return std::vector<std::string>{};
    if (rv != SCARD_S_SUCCESS) return pcscError(rv, "listing the readers");
    std::vector<std::string> out;
    std::size_t pos = 0;
    while (pos < buffer.size() && buffer[pos] != '\0') {
        const std::size_t end = buffer.find('\0', pos);
        out.push_back(buffer.substr(pos, end - pos));
        if (end == std::string::npos) break;
        pos = end + 1;
    }
    return out;
}

Result<bool> PcscContext::cardPresent(const std::string& reader) {
    SCARD_READERSTATE state{};
    state.szReader = reader.c_str();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    const LONG rv = SCardGetStatusChange(static_cast<SCARDCONTEXT>(m_handle), 0, &state, 1);
    if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) return pcscError(rv, "reading the reader's state");
    if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))
        return makeError("chip.reader_gone", "the reader \"" + reader + "\" is not connected");
    return (state.dwEventState & SCARD_STATE_PRESENT) != 0;
}

Result<bool> PcscContext::waitForState(const std::string& reader, bool present, std::chrono::milliseconds timeout,
                                       std::stop_token stop) {
    using Clock = std::chrono::steady_clock;
    const auto deadline = Clock::now() + timeout;
    SCARD_READERSTATE state{};
    state.szReader = reader.c_str();
    state.dwCurrentState = SCARD_STATE_UNAWARE;
    for (;;) {
        if (stop.stop_requested()) return makeError("chip.cancelled", "waiting for the card was cancelled");
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
        const auto slice = std::clamp<long long>(left.count(), 0, 200);
        const LONG rv = SCardGetStatusChange(static_cast<SCARDCONTEXT>(m_handle), static_cast<DWORD>(slice), &state, 1);
        if (rv != SCARD_S_SUCCESS && rv != SCARD_E_TIMEOUT) return pcscError(rv, "waiting for the card");
        if (state.dwEventState & (SCARD_STATE_UNKNOWN | SCARD_STATE_IGNORE))
            return makeError("chip.reader_gone", "the reader \"" + reader + "\" is not connected");
        const bool isPresent = (state.dwEventState & SCARD_STATE_PRESENT) != 0;
        if (isPresent == present && rv == SCARD_S_SUCCESS) return true;
        if (isPresent == present) return true;
        if (left.count() <= 0) return false;
        state.dwCurrentState = state.dwEventState & ~SCARD_STATE_CHANGED;
    }
}

Result<bool> PcscContext::waitForCard(const std::string& reader, std::chrono::milliseconds timeout, std::stop_token stop) {
    return waitForState(reader, true, timeout, stop);
}

Result<bool> PcscContext::waitForRemoval(const std::string& reader, std::chrono::milliseconds timeout,
                                         std::stop_token stop) {
    return waitForState(reader, false, timeout, stop);
}

Result<std::unique_ptr<PcscCard>> PcscContext::connect(const std::string& reader) {
    SCARDHANDLE card = 0;
    DWORD protocol = 0;
    const LONG rv = SCardConnect(static_cast<SCARDCONTEXT>(m_handle), reader.c_str(), SCARD_SHARE_EXCLUSIVE,
                                 SCARD_PROTOCOL_T1 | SCARD_PROTOCOL_T0, &card, &protocol);
    if (rv != SCARD_S_SUCCESS) return pcscError(rv, "connecting to the card");
    return std::make_unique<PcscCard>(static_cast<long>(card), static_cast<unsigned long>(protocol));
}

PcscCard::~PcscCard() { SCardDisconnect(static_cast<SCARDHANDLE>(m_card), SCARD_LEAVE_CARD); }

Result<Bytes> PcscCard::transmit(ByteView command) {
    if (command.size() > 261) return makeError("chip.pcsc", "an APDU longer than 261 bytes");
    const SCARD_IO_REQUEST* pci = m_protocol == SCARD_PROTOCOL_T0 ? SCARD_PCI_T0 : SCARD_PCI_T1;
    Bytes response(258);
    DWORD length = static_cast<DWORD>(response.size());
    const LONG rv = SCardTransmit(static_cast<SCARDHANDLE>(m_card), pci, command.data(),
                                  static_cast<DWORD>(command.size()), nullptr, response.data(), &length);
    if (rv != SCARD_S_SUCCESS) return pcscError(rv, "sending a command to the card");
    // A card always ends its answer with SW1 SW2: nothing at all means it left the field.
    if (length < 2) return makeError("chip.card_removed", "sending a command to the card: the card stopped answering (taken off the reader)");
    response.resize(length);
    ++commands;
    bytesOut += command.size();
    bytesIn += length;
    return response;
}

} // namespace bhxh::chip
