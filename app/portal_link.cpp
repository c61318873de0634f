#include "app/portal_link.h"

#include "app/portal_client_factory.h"
#include "common/log.h"

namespace bhxh::app {

Result<void> PortalLink::open(Lane& lane, const AppConfig& config, const store::Store& store) {
    auto client = PortalClientFactory::create(config);
    if (!client) return client.error();
    auto db = store.connect();
    if (!db) return db.error();
    lane.client = std::move(client).value();
    lane.db.emplace(std::move(db).value());
    lane.declarations.emplace(*lane.db);
    lane.syncState.emplace(*lane.db);
    lane.outbox.emplace(*lane.db);
    lane.decisions.emplace(*lane.db);
    return {};
}

declarations::PortalWorker::LaneParts PortalLink::Lane::parts(declarations::FileCache* files) {
    return {*client, *declarations, *syncState, *outbox, *decisions, files};
}

Result<std::unique_ptr<PortalLink>> PortalLink::start(const AppConfig& config, const store::Store& store,
                                                      declarations::PortalWorker::Callbacks callbacks) {
    std::unique_ptr<PortalLink> link(new PortalLink());
    if (auto ok = open(link->m_desk, config, store); !ok) return ok.error();
    if (auto ok = open(link->m_bulk, config, store); !ok) return ok.error();
    link->m_files.emplace(config.paths.dataDir / "files");

    declarations::PortalWorker::Options options;
    options.officeCode = config.desk.officeCode;
    options.syncInterval = std::chrono::seconds(config.portal.syncIntervalS);
    options.pushInterval = std::chrono::seconds(config.portal.pushIntervalS);
    options.claimTtlS = config.portal.claimTtlS;
    options.maxImagePixels = static_cast<std::uint64_t>(config.images.maxPixels);
    link->m_worker = std::make_unique<declarations::PortalWorker>(link->m_desk.parts(&*link->m_files),
                                                                  link->m_bulk.parts(&*link->m_files), options,
                                                                  std::move(callbacks));
    // The audit chain's head goes to the portal at start, after pushes and hourly (bulk lane).
    link->m_auditHead.emplace(*link->m_bulk.db);
    link->m_anchorer.emplace(*link->m_bulk.client, *link->m_auditHead);
    link->m_worker->setAuditAnchorer(&*link->m_anchorer);
    link->m_worker->start();
    log::info("portal worker started (desk and bulk lanes): " + config.portal.baseUrl + " as " +
              config.desk.officeCode + "-" + config.desk.deskId);
    return link;
}

PortalLink::~PortalLink() {
    if (m_worker) m_worker->stop();
}

} // namespace bhxh::app
