#pragma once
#include <array>
#include <cstdint>
#include <string_view>

namespace bhxh {

/// What an officer asks permission for (AuthorizeFn, security::Permissions). A type, not a
/// string: `Action::Decide`, or a literal naming one of the table below, `authorize("decide")`,
/// which is checked while compiling (consteval), so a misspelt action does not compile instead of
/// being silently denied. The name is what logs, audit details and denial messages show.
class Action {
public:
    enum Id : std::uint8_t {
        Decide,          ///< approve or reject at the desk
        Reveal,          ///< show a masked personal number (audited)
        Export,          ///< the dashboard's CSV
        AuditView,       ///< read and check the audit trail
        OutboxRetry,     ///< send an outbox row again
        OutboxCancel,    ///< cancel an outbox row
        QaReview,        ///< re-check sampled approvals (confirm or flag)
        SettingsChange,  ///< save settings
        OfficerManage,   ///< officer accounts
    };
    static constexpr std::array<std::string_view, 9> kNames{"decide",        "reveal",          "export",
                                                           "audit.view",    "outbox.retry",    "outbox.cancel",
                                                           "qa.review",     "settings.change", "officer.manage"};

    constexpr Action(Id id) : m_id(id) {}  // NOLINT(google-explicit-constructor): Action::Decide reads as the type
    /// A literal action name; anything not in kNames is a compile error.
    consteval Action(const char* name) : m_id(lookup(name)) {}  // NOLINT(google-explicit-constructor)

    [[nodiscard]] constexpr Id id() const { return m_id; }
    [[nodiscard]] constexpr std::string_view name() const { return kNames[m_id]; }
    /// The name, for logs and for callbacks written against the name.
    constexpr operator std::string_view() const { return name(); }  // NOLINT(google-explicit-constructor)
    friend constexpr bool operator==(Action a, Action b) { return a.m_id == b.m_id; }

    /// Every action, in table order.
    static constexpr std::array<Id, 9> all() {
        return {Decide, Reveal, Export, AuditView, OutboxRetry, OutboxCancel, QaReview, SettingsChange, OfficerManage};
    }

private:
    static consteval Id lookup(std::string_view name) {
        for (std::size_t i = 0; i < kNames.size(); ++i) {
            if (kNames[i] == name) return static_cast<Id>(i);
        }
        throw "bhxh::Action: no such action";  // not a constant expression: the build stops here
    }
    Id m_id;
};

} // namespace bhxh
