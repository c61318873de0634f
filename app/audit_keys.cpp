#include "app/audit_keys.h"

#include "common/log.h"

namespace bhxh::app {

Result<std::shared_ptr<const store::AuditKeyring>> loadAuditKeys(const AppConfig& config, bool create) {
    bool created = false;
    auto keys = create ? store::AuditKeyring::loadOrCreate(config.audit.keyFile, &created)
                       : store::AuditKeyring::load(config.audit.keyFile);
    if (!keys) return keys.error();
    if (created) {
        log::info("audit: created the desk's audit key " + keys->current().id + " in " + config.audit.keyFile.string() +
                  "; keep a copy of that file somewhere safe");
    }
    return std::shared_ptr<const store::AuditKeyring>(std::make_shared<store::AuditKeyring>(std::move(keys).value()));
}

} // namespace bhxh::app
