#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "store/audit_key.h"

#include <memory>

namespace bhxh::app {

/// The desk's audit keys from [audit] key_file (docs/security.md "Audit trail"): read, or created
/// at the first start (file 0600, folder 0700) when `create` is set. The key never reaches a log;
/// its id (public) does when it is created.
Result<std::shared_ptr<const store::AuditKeyring>> loadAuditKeys(const AppConfig& config, bool create = true);

} // namespace bhxh::app
