#include "app/portal_link.h"

#include "app/portal_client_factory.h"
#include "common/log.h"

namespace bhxh::app {

Result<std::unique_ptr<PortalLink>> PortalLink::start(const AppConfig& config, const store::Store& store,
                                                      declarations::PortalWorker::Callbacks callbacks) {
    auto client = PortalClientFactory::create(config);
    if (!client) return client.error();
    auto db = store.connect();
    if (!db) return db.error();

    std::unique_ptr<PortalLink> link(new PortalLink());
    link->m_client = std::move(client).value();
    link->m_db.emplace(std::move(db).value());
    link->m_declarations.emplace(*link->m_db);
    link->m_syncState.emplace(*link->m_db);
    link->m_outbox.emplace(*link->m_db);
    link->m_decisions.emplace(*link->m_db);
    link->m_files.emplace(config.paths.dataDir / "files");

    declarations::PortalWorker::Options options;
    options.officeCode = config.desk.officeCode;
    options.syncInterval = std::chrono::seconds(config.portal.syncIntervalS);
    options.pushInterval = std::chrono::seconds(config.portal.pushIntervalS);
    options.claimTtlS = config.portal.claimTtlS;
    options.maxImagePixels = static_cast<std::uint64_t>(config.images.maxPixels);
    link->m_worker = std::make_unique<declarations::PortalWorker>(*link->m_client, *link->m_declarations,
                                                                  *link->m_syncState, *link->m_outbox,
                                                                  *link->m_decisions, &*link->m_files, options, std::move(callbacks));
    // The audit chain's head goes to the portal at start and hourly (docs/portal-api-audit-anchor.md).
    link->m_auditHead.emplace(*link->m_db);
    link->m_anchorer.emplace(*link->m_client, *link->m_auditHead);
    link->m_worker->setAuditAnchorer(&*link->m_anchorer);
    link->m_worker->start();
    log::info("portal worker started: " + config.portal.baseUrl + " as " + config.desk.officeCode + "-" +
              config.desk.deskId);
    return link;
}

PortalLink::~PortalLink() {
    if (m_worker) m_worker->stop();
}

} // namespace bhxh::app
