#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "common/worker.h"
#include "notify/delivery_worker.h"
#include "notify/message_sender.h"
#include "notify/template_renderer.h"
#include "store/database.h"
#include "store/sqlite_outbox_repository.h"
#include "store/store.h"

#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>

namespace bhxh::app {

/// What the console runs on besides its window: the local store (opened, checked and migrated
/// before anything else, so a damaged or newer database stops the console with a clear message
/// before the clerk can work on it) and the outbox's delivery worker for SMS and e-mail.
class DeskServices {
public:
    /// Opens <paths.data_dir>/desk.sqlite (the folder is created with mode 0700).
    static Result<std::unique_ptr<DeskServices>> start(const AppConfig& config);
    ~DeskServices();

    [[nodiscard]] store::Store& store() { return m_store; }
    /// Starts delivering SMS and e-mail from the outbox with the configured drivers; a driver
    /// that cannot be built (bad profile, unreadable secrets) is an error for the caller to show.
    Result<void> startDelivery(const AppConfig& config);
    /// Starts the daily upkeep: the retention purge of [privacy] retention_days (photos and
    /// captured frames of old decisions, overwritten before they are deleted) at start and then
    /// every 24 hours, on a thread and a connection of its own.
    Result<void> startMaintenance(const AppConfig& config);
    /// Lays the settings changed in the console (table `settings`) over config; a stored value
    /// that is no longer valid is skipped with a warning in the log.
    Result<void> applyStoredSettings(AppConfig& config);
    /// The administrator changed the retention days: the purge runs again now with them.
    void setRetentionDays(int days);

private:
    explicit DeskServices(store::Store store) : m_store(std::move(store)) {}
    store::Store m_store;
    std::optional<notify::TemplateRenderer> m_templates;
    std::unique_ptr<notify::MessageSender> m_sms;
    std::unique_ptr<notify::MessageSender> m_email;
    std::optional<store::Database> m_deliveryDb;
    std::optional<store::SqliteOutboxRepository> m_outbox;
    std::optional<notify::DeliveryWorker> m_delivery;
    std::optional<store::Database> m_maintenanceDb;
    std::atomic<int> m_retentionDays{30};
    std::mutex m_maintenanceMutex;
    std::condition_variable_any m_maintenanceWake;
    bool m_purgeNow = false;  // guarded by m_maintenanceMutex
    Worker m_maintenanceThread{"upkeep"};
    Worker m_deliveryThread{"outbox"};  // last: joined before the parts it uses go
};

} // namespace bhxh::app
