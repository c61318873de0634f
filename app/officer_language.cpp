#include "app/officer_language.h"

#include "common/log.h"

#include <chrono>

namespace bhxh::app {

OfficerLanguage::OfficerLanguage(MainThreadQueue& queue, StoreWorker& store,
                                 std::function<void(const std::string& code)> apply)
    : m_queue(queue), m_store(store), m_apply(std::move(apply)) {}

void OfficerLanguage::signedIn(const std::string& officerId) {
    m_officer = officerId;
    m_stored.clear();
    if (officerId.empty()) return;
    m_store.post([this, officerId](StoreContext& ctx) {
        auto stored = ctx.settings.all();
        if (!stored) {
            log::error("officer language: " + stored.error().describe());
            return;
        }
        const auto it = stored->find(keyOf(officerId));
        if (it == stored->end()) return;
        m_queue.post([this, officerId, code = it->second] {
            if (officerId != m_officer) return;  // signed out since
            m_stored = code;
            if (m_apply) m_apply(code);
        });
    });
}

void OfficerLanguage::changed(const std::string& officerId, const std::string& code) {
    if (officerId.empty() || officerId != m_officer || code == m_stored) return;
    const std::string before = m_stored;
    m_stored = code;
    m_store.post([officerId, before, code](StoreContext& ctx) {
        const store::SqliteSettingsRepository::Change change{keyOf(officerId), before, code};
        if (auto ok = ctx.settings.change({change}, officerId, std::chrono::system_clock::now()); !ok) {
            log::error("officer language: " + ok.error().describe());
        }
    });
}

} // namespace bhxh::app
