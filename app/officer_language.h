#pragma once
#include "app/store_worker.h"
#include "common/main_thread_queue.h"

#include <functional>
#include <string>

namespace bhxh::app {

/// Each officer's language, remembered in the `settings` table (key "officer.<id>.language",
/// written through SqliteSettingsRepository with its audit entry): Ctrl+L while signed in
/// stores the choice; at the next sign-in (or unlock) it is switched to again. UI thread; the
/// reads and writes run on the store worker.
class OfficerLanguage {
public:
    /// `apply` switches the console's language (the shell's switch; the languages it does not
    /// know are ignored there).
    OfficerLanguage(MainThreadQueue& queue, StoreWorker& store, std::function<void(const std::string& code)> apply);

    /// `officerId` signed in: their stored language, if any, is applied.
    void signedIn(const std::string& officerId);
    /// The language became `code` while `officerId` is signed in (empty: nobody, nothing stored).
    void changed(const std::string& officerId, const std::string& code);

    [[nodiscard]] static std::string keyOf(const std::string& officerId) { return "officer." + officerId + ".language"; }

private:
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    std::function<void(const std::string&)> m_apply;
    std::string m_officer;  // whose language m_stored is
    std::string m_stored;   // as in the table ("" = none yet)
};

} // namespace bhxh::app
