#include "app/chip_service.h"

#include "chip_pcsc/passive_authenticator.h"
#include "chip_pcsc/pcsc_context.h"
#include "common/stop_wait.h"

namespace bhxh::app {
ChipService::ChipService(AppConfig::Chip config, std::string reader)
    : m_config(std::move(config)), m_wantedReader(std::move(reader)) {}

ChipService::~ChipService() { stop(); }

void ChipService::start() {
    if (!m_thread.joinable()) m_thread = std::jthread([this](std::stop_token s) { run(s); });
}

void ChipService::stop() {
    if (m_thread.joinable()) {
        m_thread.request_stop();
        m_thread.join();
    }
}

void ChipService::requestRead(std::vector<chip::BacInput> keys) {
    std::lock_guard lock(m_mutex);
    m_keys = std::move(keys);
    ++m_request;
    m_snapshot.reading.reset();
    m_snapshot.error.reset();
    ++m_snapshot.generation;
}

void ChipService::clear() { requestRead({}); }

ChipService::Snapshot ChipService::snapshot() const {
    std::lock_guard lock(m_mutex);
    return m_snapshot;
}

void ChipService::publish(const std::function<void(Snapshot&)>& change) {
    std::lock_guard lock(m_mutex);
    change(m_snapshot);
    ++m_snapshot.generation;
}

void ChipService::run(std::stop_token stop) {
    using namespace std::chrono_literals;
    auto cscas = chip::CscaStore::load(m_config.cscaDir);
    std::uint64_t servedRequest = 0;
    while (!stop.stop_requested()) {
        auto ctx = chip::PcscContext::open();
        if (!ctx) {
            publish([](Snapshot& s) { s.state = State::NoService; });
            if (!waitUnlessStopped(stop, 1000ms)) return;
            continue;
        }
        auto readers = (*ctx)->readers();
        std::string reader;
        if (readers)
            for (const auto& r : *readers)
                if (m_wantedReader.empty() || r == m_wantedReader) {
                    reader = r;
                    break;
                }
        if (reader.empty()) {
            publish([](Snapshot& s) { s.state = State::NoReader; });
            if (!waitUnlessStopped(stop, 1000ms)) return;
            continue;
        }
        // One reader session: until the reader or pcscd goes away.
        while (!stop.stop_requested()) {
            std::vector<chip::BacInput> keys;
            std::uint64_t request = 0;
            {
                std::lock_guard lock(m_mutex);
                keys = m_keys;
                request = m_request;
            }
            if (keys.empty() || request == servedRequest) {
                const bool done = request == servedRequest && !keys.empty();
                if (!done) publish([&](Snapshot& s) { s.state = State::WaitingForKey; s.reader = reader; });
                if (!waitUnlessStopped(stop, 200ms)) return;
                auto present = (*ctx)->cardPresent(reader);
                if (!present) break;
                continue;
            }
            publish([&](Snapshot& s) { s.state = State::WaitingForCard; s.reader = reader; });
            auto present = (*ctx)->waitForCard(reader, 200ms, stop);
            if (!present) break;  // reader gone / service stopped / cancelled
            if (!*present) continue;
            if (!cscas) {
                const Error e = cscas.error();
                publish([&](Snapshot& s) { s.state = State::Failed; s.error = e; });
                servedRequest = request;
                continue;
            }
            std::optional<Error> lastError;
            bool refusedAll = true;
            for (const auto& key : keys) {
                auto bac = chip::BacKeyDerivation::derive(key);
                if (!bac) {
                    lastError = bac.error();
                    continue;
                }
                auto card = (*ctx)->connect(reader);
                if (!card) {
                    lastError = card.error();
                    refusedAll = false;
                    break;
                }
                chip::ChipReadOptions options;
                options.stop = stop;
                options.progress = [&](int file, std::size_t done, std::size_t total) {
                    publish([&](Snapshot& s) {
                        s.state = State::Reading;
                        s.file = file;
                        s.done = done;
                        s.total = total;
                    });
                };
                publish([&](Snapshot& s) { s.state = State::Reading; s.file = -1; });
                auto reading = chip::ChipDocumentReader::read(**card, *bac, **cscas, options);
                if (reading) {
                    auto shared = std::make_shared<const chip::ChipReading>(std::move(*reading));
                    publish([&](Snapshot& s) {
                        s.state = State::Done;
                        s.reading = shared;
                        s.error.reset();
                    });
                    lastError.reset();
                    refusedAll = false;
                    break;
                }
                lastError = reading.error();
                if (reading.error().code != "chip.bac_refused") {
                    refusedAll = false;
                    break;
                }
            }
            servedRequest = request;
            if (lastError) {
                const Error e = *lastError;
                const State st = refusedAll ? State::KeyRefused : State::Failed;
                publish([&](Snapshot& s) { s.state = st; s.error = e; });
            }
            // The same card is not read twice: wait until it leaves the reader (or a new request).
            while (!stop.stop_requested()) {
                auto gone = (*ctx)->waitForRemoval(reader, 200ms, stop);
                if (!gone || *gone) break;
                std::lock_guard lock(m_mutex);
                if (m_request != servedRequest) break;
            }
        }
        if (!waitUnlessStopped(stop, 200ms)) return;
    }
}

} // namespace bhxh::app
