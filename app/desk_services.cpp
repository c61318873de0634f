#include "app/desk_services.h"

#include "app/asset_paths.h"
#include "app/audit_keys.h"
#include "app/notify_setup.h"
#include "app/settings_overlay.h"
#include "common/log.h"
#include "notify/adapters/sender_factory.h"
#include "store/retention_purger.h"
#include "store/sqlite_settings_repository.h"

namespace bhxh::app {

Result<std::unique_ptr<DeskServices>> DeskServices::start(const AppConfig& config) {
    std::error_code ec;
    std::filesystem::create_directories(config.paths.dataDir, ec);
    if (ec) {
        return makeError("app.data_dir", config.paths.dataDir.string() + ": cannot create the data folder (" +
                                             ec.message() + ")");
    }
    // Photos of ID cards and initial passwords live here: owner only.
    std::filesystem::permissions(config.paths.dataDir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace, ec);

    store::StoreOptions options;
    options.dbPath = config.paths.dataDir / "desk.sqlite";
    auto keys = loadAuditKeys(config);
    if (!keys) return keys.error();
    options.auditKeys = std::move(keys).value();
    auto opened = store::Store::open(std::move(options));
    if (!opened) return opened.error();
    log::info("store open at schema version " + std::to_string(opened->schemaVersion()) + " (was " +
              std::to_string(opened->openedAtVersion()) + ")");
    return std::unique_ptr<DeskServices>(new DeskServices(std::move(opened).value()));
}

DeskServices::~DeskServices() {
    m_deliveryThread.stop();
    m_maintenanceThread.stop();
}

Result<void> DeskServices::startMaintenance(const AppConfig& config) {
    auto db = m_store.connect();
    if (!db) return db.error();
    m_maintenanceDb.emplace(std::move(db).value());
    m_retentionDays = config.privacy.retentionDays;
    const std::filesystem::path dataDir = config.paths.dataDir;
    m_maintenanceThread.start([this, dataDir](std::stop_token stop) {
        store::RetentionPurger purger(*m_maintenanceDb, dataDir);
        while (!stop.stop_requested()) {
            const auto retention = std::chrono::days(m_retentionDays.load());
            auto report = purger.purge(retention, std::chrono::system_clock::now(), "system");
            if (!report) {
                log::error("retention purge: " + report.error().describe());
            } else if (report->files + report->frames > 0) {
                log::info("retention purge: " + std::to_string(report->files) + " photos and " +
                          std::to_string(report->frames) + " frames overwritten and deleted");
            }
            std::unique_lock lock(m_maintenanceMutex);
            m_maintenanceWake.wait_for(lock, stop, std::chrono::hours(24), [this] { return m_purgeNow; });
            m_purgeNow = false;
        }
    });
    return {};
}

void DeskServices::setRetentionDays(int days) {
    m_retentionDays = days;
    {
        std::lock_guard lock(m_maintenanceMutex);
        m_purgeNow = true;
    }
    m_maintenanceWake.notify_all();
}

Result<void> DeskServices::applyStoredSettings(AppConfig& config) {
    auto db = m_store.connect();
    if (!db) return db.error();
    auto stored = store::SqliteSettingsRepository(*db).all();
    if (!stored) return stored.error();
    for (const auto& line : SettingsOverlay::applyStored(config, *stored)) log::warn(line);
    if (!stored->empty()) log::info("settings changed in the console: " + std::to_string(stored->size()) + " stored, laid over the file");
    return {};
}

Result<void> DeskServices::startDelivery(const AppConfig& config) {
    const auto assets = AssetPaths::assetsDir(config);
    auto templates = notify::TemplateRenderer::loadDirectory(assets / "templates" / "notify");
    if (!templates) return templates.error();
    auto sms = notify::makeSmsSender(NotifySetup::sms(config), assets / "sms-profiles");
    if (!sms) return sms.error();
    auto email = notify::makeEmailSender(NotifySetup::email(config));
    if (!email) return email.error();
    auto db = m_store.connect();
    if (!db) return db.error();
    m_templates.emplace(std::move(templates).value());
    m_sms = std::move(sms).value();
    m_email = std::move(email).value();
    m_deliveryDb.emplace(std::move(db).value());
    m_outbox.emplace(*m_deliveryDb);
    if (auto requeued = m_outbox->requeueAbandoned(std::chrono::system_clock::now()); !requeued) return requeued.error();
    m_delivery.emplace(*m_outbox, *m_templates, *m_sms, *m_email);
    // Old WAL frames may still hold a password that the rows no longer do.
    m_delivery->setOnSecretErased([this] { (void)m_deliveryDb->checkpoint(); });  // best effort
    m_deliveryThread.start([this](std::stop_token stop) { m_delivery->run(stop, std::chrono::milliseconds(1000)); });
    log::info("outbox delivery started: sms " + m_sms->name() + ", e-mail " + m_email->name());
    return {};
}

} // namespace bhxh::app
