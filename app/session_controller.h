#pragma once
#include "app/app_config.h"
#include "common/access_hooks.h"
#include "common/main_thread_queue.h"
#include "common/result.h"
#include "common/worker.h"
#include "security/login_guard.h"
#include "security/password_hasher.h"
#include "security/session.h"
#include "store/database.h"
#include "store/sqlite_audit_log.h"
#include "store/sqlite_officer_repository.h"
#include "store/store.h"
#include "ui_model/login_snapshot.h"
#include "ui_model/status_snapshot.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace bhxh::app {

/// Who is signed in at the desk. Owns an "auth" thread with its own SQLite connection, where
/// every password is checked (argon2id takes a good fraction of a second, so never on the UI
/// thread): first-administrator set-up, sign-in with lockout (LoginGuard), the idle lock's
/// unlock, and four-eyes confirmations. The UI thread drives the stages through the login
/// screen's commands and reads snapshot(); the views get authorizer() and confirmer().
class SessionController {
public:
    /// Opens the auth thread's connection and starts reading the officer accounts (an admin from
    /// BHXH_ADMIN_ID / BHXH_ADMIN_PASSWORD is created first on a desk with none). `prefillId`
    /// is typed into the officer field in advance.
    static Result<std::unique_ptr<SessionController>> start(const AppConfig& config, const store::Store& store,
                                                            MainThreadQueue& queue, ui::StatusSnapshot& status,
                                                            std::string prefillId);
    /// Joins the auth thread; a four-eyes check still waiting is answered "unavailable".
    ~SessionController();
    SessionController(const SessionController&) = delete;
    SessionController& operator=(const SessionController&) = delete;

    // UI thread.
    void login(const std::string& officerId, const std::string& password);
    void setupAdmin(const std::string& officerId, const std::string& name, const std::string& password);
    void unlock(const std::string& password);
    void signOut();
    void lockNow();
    /// Keyboard or mouse input happened: postpones the idle lock.
    void activity();
    /// Once a frame: turns an idle session into the lock screen.
    void tick();
    [[nodiscard]] const ui::LoginSnapshot& snapshot() const { return m_snapshot; }

    // Any thread.
    /// Permission checks for the views' actions (no I/O: safe every frame).
    [[nodiscard]] AuthorizeFn authorizer();
    /// Four-eyes: blocks the calling worker (never the UI thread) until the auth thread checked
    /// the second officer's password.
    [[nodiscard]] ConfirmOfficerFn confirmer();
    /// The signed-in officer's id, empty when nobody is (for audit notes).
    [[nodiscard]] std::string currentOfficer() const;
    /// True while an officer is signed in and the desk is not locked.
    [[nodiscard]] bool open() const;

private:
    using Task = std::function<void()>;
    SessionController(const AppConfig& config, store::Database db, MainThreadQueue& queue, ui::StatusSnapshot& status);
    void post(Task task);
    void run(std::stop_token stop);
    void readAccounts();
    /// On the auth thread: LoginGuard's answer turned into what the login screen shows.
    void signInNow(const std::string& officerId, std::string password, const char* purpose);
    void refuse(const Error& error, const std::string& officerId);
    void audit(const std::string& kind, const std::string& officerId, const std::string& detail);
    void showSignedIn();

    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    ui::StatusSnapshot& m_status;
    ui::LoginSnapshot m_snapshot;  // UI thread only

    // Auth thread only (built before it starts).
    store::Database m_db;
    store::SqliteOfficerRepository m_officers;
    store::SqliteAuditLog m_audit;
    security::PasswordHasher m_hasher;
    security::LoginGuard m_guard;

    mutable std::mutex m_sessionMutex;
    std::unique_ptr<security::Session> m_session;  // guarded by m_sessionMutex

    std::mutex m_taskMutex;
    std::condition_variable_any m_wake;
    std::deque<Task> m_tasks;
    Worker m_thread{"auth"};  // last: joined before the members it uses go
};

} // namespace bhxh::app
