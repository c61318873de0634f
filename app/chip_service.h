#pragma once
#include "app/app_config.h"
#include "chip/bac_key.h"
#include "chip_pcsc/chip_document_reader.h"
#include "common/error.h"

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace bhxh::app {

/// The desk's chip flow off the UI thread (docs/chip.md "At the desk"): a reader thread waits for
/// pcscd, a reader and a card, reads the card with the keys the desk gave after the QR (derived
/// first, then typed), and publishes a snapshot the UI polls each frame. Every wait is a slice of
/// at most 200 ms that checks the stop token; stop() returns within about that.
class ChipService {
public:
    enum class State {
        NoService,      ///< pcscd not running (retried every second)
        NoReader,       ///< no reader connected
        WaitingForKey,  ///< nothing asked yet (no QR scanned)
        WaitingForCard, ///< "place the card on the reader"
        Reading,        ///< progress: file, bytes done, bytes in all
        KeyRefused,     ///< every key was refused: ask the clerk for the printed expiry / the MRZ
        Done,           ///< reading holds the result and its verdict
        Failed,         ///< error says why (card pulled out, reader gone, …); take the card off and retry
    };
    struct Snapshot {
        State state = State::NoService;
        std::string reader;
        int file = -1;            ///< while Reading: 0 EF.COM, 1/2/13/15 DGs, 99 EF.SOD
        std::size_t done = 0;
        std::size_t total = 0;
        std::shared_ptr<const chip::ChipReading> reading; ///< when Done
        std::optional<Error> error;                       ///< when Failed / KeyRefused
        std::uint64_t generation = 0;                     ///< increases with every change
    };

    explicit ChipService(AppConfig::Chip config, std::string reader = {});
    ~ChipService();
    ChipService(const ChipService&) = delete;
    ChipService& operator=(const ChipService&) = delete;

    void start();
    void stop();
    /// The keys to try on the next card, in order (the desk's derived key, then a typed one).
    /// Replaces earlier keys and forgets the last result.
    void requestRead(std::vector<chip::BacInput> keys);
    /// Forgets the keys and the result (the dossier was closed).
    void clear();
    [[nodiscard]] Snapshot snapshot() const;

private:
    void run(std::stop_token stop);
    void publish(const std::function<void(Snapshot&)>& change);
    AppConfig::Chip m_config;
    std::string m_wantedReader;
    mutable std::mutex m_mutex;
    Snapshot m_snapshot;
    std::vector<chip::BacInput> m_keys;
    std::uint64_t m_request = 0;
    std::jthread m_thread;
};

} // namespace bhxh::app
