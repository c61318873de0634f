#include "app/session_controller.h"

#include "app/first_admin.h"
#include "common/log.h"
#include "security/role.h"

#include <chrono>
#include <cstdlib>
#include <future>

namespace bhxh::app {
namespace {

using Stage = ui::LoginSnapshot::Stage;

// The lang key the login screen shows for a refusal.
std::string errorKeyOf(const std::string& code) {
    if (code == security::login_error::kBadCredentials) return "login.bad_credentials";
    if (code == security::login_error::kLocked) return "login.locked";
    if (code == security::login_error::kDisabled) return "login.disabled";
    if (code == "security.weak_password") return "login.weak_password";
    if (code == "security.invalid_id" || code == "security.invalid_name") return "login.invalid_input";
    return "login.failed";
}

} // namespace

Result<std::unique_ptr<SessionController>> SessionController::start(const AppConfig& config, const store::Store& store,
                                                                    MainThreadQueue& queue, ui::StatusSnapshot& status,
                                                                    std::string prefillId) {
    auto db = store.connect();
    if (!db) return db.error();
    std::unique_ptr<SessionController> controller(new SessionController(config, std::move(db).value(), queue, status));
    controller->m_snapshot.prefillId = std::move(prefillId);
    controller->m_thread.start([c = controller.get()](std::stop_token stop) { c->run(stop); });
    controller->post([c = controller.get()] { c->readAccounts(); });
    return controller;
}

SessionController::SessionController(const AppConfig& config, store::Database db, MainThreadQueue& queue,
                                     ui::StatusSnapshot& status)
    : m_config(config),
      m_queue(queue),
      m_status(status),
      m_db(std::move(db)),
      m_officers(m_db),
      m_audit(m_db),
      m_guard(m_officers, m_audit, m_hasher,
              security::LoginPolicy{config.privacy.lockoutFailures, std::chrono::minutes(config.privacy.lockoutMinutes)}) {}

SessionController::~SessionController() { m_thread.stop(); }

void SessionController::post(Task task) {
    {
        std::lock_guard lock(m_taskMutex);
        m_tasks.push_back(std::move(task));
    }
    m_wake.notify_one();
}

void SessionController::run(std::stop_token stop) {
    while (!stop.stop_requested()) {
        Task task;
        {
            std::unique_lock lock(m_taskMutex);
            if (!m_wake.wait(lock, stop, [this] { return !m_tasks.empty(); })) break;
            task = std::move(m_tasks.front());
            m_tasks.pop_front();
        }
        task();
    }
}

void SessionController::readAccounts() {
    auto ensured = FirstAdmin::ensure(m_officers, m_hasher);
    // The children of the console (none today) must not inherit the install-time password.
    ::unsetenv("BHXH_ADMIN_PASSWORD");
    if (ensured) {
        if (*ensured == FirstAdmin::Outcome::Created) log::info("officers: first administrator created from the environment");
        m_queue.post([this] { m_snapshot.stage = Stage::SignedOut; });
        return;
    }
    const Error error = ensured.error();
    if (error.code == "security.no_officer") {
        m_queue.post([this] { m_snapshot.stage = Stage::Setup; });
        return;
    }
    log::error("officers: " + error.describe());
    m_queue.post([this, error] {
        m_snapshot.stage = Stage::Unavailable;
        m_snapshot.errorDetail = error.message;
    });
}

void SessionController::audit(const std::string& kind, const std::string& officerId, const std::string& detail) {
    if (auto ok = m_audit.append({kind, officerId, officerId, detail, std::chrono::system_clock::now()}); !ok) {
        log::error("audit: " + ok.error().describe());
    }
}

void SessionController::refuse(const Error& error, const std::string& officerId) {
    std::string detail;
    if (error.code == security::login_error::kLocked) {
        auto officer = m_officers.find(officerId);
        if (officer && *officer) detail = security::formatLocalTime((*officer)->lockedUntil);
    } else if (errorKeyOf(error.code) != "login.bad_credentials" && errorKeyOf(error.code) != "login.disabled") {
        detail = error.message;
    }
    m_queue.post([this, key = errorKeyOf(error.code), detail] {
        m_snapshot.busy = false;
        m_snapshot.errorKey = key;
        m_snapshot.errorDetail = detail;
    });
}

void SessionController::signInNow(const std::string& officerId, std::string password, const char* purpose) {
    auto officer = m_guard.login(officerId, password, purpose);
    security::PasswordHasher::wipe(password);
    if (!officer) {
        refuse(officer.error(), officerId);
        return;
    }
    m_queue.post([this, officer = std::move(officer).value()] {
        {
            std::lock_guard lock(m_sessionMutex);
            m_session = std::make_unique<security::Session>(officer, m_guard,
                                                            std::chrono::minutes(m_config.privacy.idleLockMinutes));
        }
        m_snapshot.officerId = officer.id;
        m_snapshot.officerName = officer.displayName;
        m_snapshot.role = std::string(security::toString(officer.role));
        showSignedIn();
    });
}

void SessionController::showSignedIn() {
    m_snapshot.stage = Stage::SignedIn;
    m_snapshot.busy = false;
    m_snapshot.errorKey.clear();
    m_snapshot.errorDetail.clear();
    m_status.officer = m_snapshot.officerName + " (" + m_snapshot.officerId + ")";
}

void SessionController::login(const std::string& officerId, const std::string& password) {
    if (m_snapshot.busy || m_snapshot.stage != Stage::SignedOut) return;
    m_snapshot.busy = true;
    post([this, officerId, password = std::string(password)]() mutable { signInNow(officerId, std::move(password), "desk"); });
}

void SessionController::setupAdmin(const std::string& officerId, const std::string& name, const std::string& password) {
    if (m_snapshot.busy || m_snapshot.stage != Stage::Setup) return;
    m_snapshot.busy = true;
    post([this, officerId, name, password = std::string(password)]() mutable {
        security::Officer admin;
        admin.id = officerId;
        admin.displayName = name;
        admin.role = security::Role::Admin;
        auto valid = security::validateOfficerId(officerId);
        if (valid) valid = security::validateDisplayName(name);
        if (!valid) {
            security::PasswordHasher::wipe(password);
            refuse(valid.error(), officerId);
            return;
        }
        auto count = m_officers.count();
        if (count && *count > 0) {
            // Another desk on this database created one meanwhile: sign in instead.
            security::PasswordHasher::wipe(password);
            m_queue.post([this] {
                m_snapshot.busy = false;
                m_snapshot.stage = Stage::SignedOut;
            });
            return;
        }
        auto hash = m_hasher.hash(password);
        if (!hash) {
            security::PasswordHasher::wipe(password);
            refuse(hash.error(), officerId);
            return;
        }
        const AuditEvent event{"officer", officerId, officerId, "add role=admin (first administrator, at the desk)",
                               std::chrono::system_clock::now()};
        if (auto added = m_officers.add(admin, *hash, event); !added) {
            security::PasswordHasher::wipe(password);
            refuse(added.error(), officerId);
            return;
        }
        signInNow(officerId, std::move(password), "desk");
    });
}

void SessionController::unlock(const std::string& password) {
    if (m_snapshot.busy || m_snapshot.stage != Stage::Locked) return;
    m_snapshot.busy = true;
    post([this, officerId = m_snapshot.officerId, password = std::string(password)]() mutable {
        auto officer = m_guard.login(officerId, password, "unlock");
        security::PasswordHasher::wipe(password);
        if (!officer) {
            refuse(officer.error(), officerId);
            return;
        }
        m_queue.post([this] {
            {
                std::lock_guard lock(m_sessionMutex);
                if (m_session) m_session->idleLock().unlockVerified();
            }
            showSignedIn();
        });
    });
}

void SessionController::signOut() {
    std::string who;
    {
        std::lock_guard lock(m_sessionMutex);
        if (m_session) who = m_session->officer().id;
        m_session.reset();
    }
    m_snapshot.stage = Stage::SignedOut;
    m_snapshot.busy = false;
    m_snapshot.officerId.clear();
    m_snapshot.officerName.clear();
    m_snapshot.role.clear();
    m_snapshot.errorKey.clear();
    m_status.officer.clear();
    if (!who.empty()) post([this, who] { audit("logout", who, "desk"); });
}

void SessionController::lockNow() {
    std::lock_guard lock(m_sessionMutex);
    if (m_session) m_session->idleLock().lockNow();
}

void SessionController::activity() {
    std::lock_guard lock(m_sessionMutex);
    if (m_session) m_session->idleLock().touch();
}

void SessionController::tick() {
    if (m_snapshot.stage != Stage::SignedIn) return;
    bool locked = false;
    std::string who;
    {
        std::lock_guard lock(m_sessionMutex);
        if (m_session && m_session->idleLock().locked()) {
            locked = true;
            who = m_session->officer().id;
        }
    }
    if (!locked) return;
    m_snapshot.stage = Stage::Locked;
    m_snapshot.errorKey.clear();
    post([this, who] { audit("idle_lock", who, "desk locked after inactivity or by the officer"); });
}

AuthorizeFn SessionController::authorizer() {
    return [this](Action action) -> Result<std::string> {
        std::lock_guard lock(m_sessionMutex);
        if (!m_session) return makeError("security.denied", "nobody is signed in at this desk");
        return m_session->authorize(action);
    };
}

ConfirmOfficerFn SessionController::confirmer() {
    return [this](const std::string& officerId, const std::string& password) -> Result<std::string> {
        {
            std::lock_guard lock(m_sessionMutex);
            if (!m_session) return makeError("security.denied", "nobody is signed in at this desk");
            if (officerId == m_session->officer().id) {
                return makeError("security.same_officer", "the second officer must be someone else");
            }
        }
        auto answer = std::make_shared<std::promise<Result<std::string>>>();
        auto future = answer->get_future();
        post([this, answer, officerId, password = std::string(password)]() mutable {
            auto officer = m_guard.login(officerId, password, "four-eyes");
            security::PasswordHasher::wipe(password);
            if (officer) {
                answer->set_value(officer->id);
            } else {
                answer->set_value(officer.error());
            }
        });
        // The task is dropped if the console closes first: the promise then breaks.
        try {
            if (future.wait_for(std::chrono::seconds(30)) != std::future_status::ready) {
                return makeError("security.unavailable", "the password check did not finish");
            }
            return future.get();
        } catch (const std::future_error&) {
            return makeError("security.unavailable", "the console is closing");
        }
    };
}

std::string SessionController::currentOfficer() const {
    std::lock_guard lock(m_sessionMutex);
    return m_session ? m_session->officer().id : std::string();
}

bool SessionController::open() const {
    std::lock_guard lock(m_sessionMutex);
    return m_session && m_snapshot.stage == Stage::SignedIn;
}

} // namespace bhxh::app
