#pragma once
#include <string>

namespace bhxh::ui {

/// Where the desk's sign-in stands, for the login / lock screen. Written on the UI thread only.
struct LoginSnapshot {
    enum class Stage {
        Starting,    ///< the officer accounts are being read
        Setup,       ///< no officer yet: create the first administrator
        SignedOut,   ///< ask for officer id and password
        SignedIn,    ///< the views are open
        Locked,      ///< idle lock: the signed-in officer's password opens the desk again
        Unavailable  ///< the accounts cannot be read (store error); detail says why
    };
    Stage stage = Stage::Starting;
    bool busy = false;          ///< a password is being checked (argon2id, off the UI thread)
    std::string officerId;      ///< signed in (or locked) officer
    std::string officerName;
    std::string role;           ///< clerk | supervisor | admin
    std::string errorKey;       ///< lang key of the last refusal, e.g. "login.bad_credentials"
    std::string errorDetail;    ///< e.g. the time a lockout ends
    std::string prefillId;      ///< officer id typed in advance (--officer)
    /// True while the views (and the personal data in them) must stay hidden.
    [[nodiscard]] bool gateClosed() const { return stage != Stage::SignedIn; }
};

} // namespace bhxh::ui
