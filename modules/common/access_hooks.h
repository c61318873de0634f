#pragma once
#include "common/action.h"
#include "common/result.h"

#include <functional>
#include <string>
#include <string_view>

namespace bhxh {

/// Asks whether the officer at the desk may do `action` now (common/action.h: Action::Decide, or
/// a literal such as "outbox.retry", checked while compiling). Returns the officer's id, or an
/// Error (code "security.denied" or "security.locked") whose message the view shows.
using AuthorizeFn = std::function<Result<std::string>(Action action)>;

/// Four-eyes: checks a second officer's credentials. Returns their id; fails when the password is
/// wrong, the account is locked or disabled, or it is the officer already at the desk.
using ConfirmOfficerFn = std::function<Result<std::string>(const std::string& officerId, const std::string& password)>;

/// Something worth an audit entry happened in the UI (a reveal of a personal number, an export).
/// `kind` is the audit kind ("reveal", "export"), `subject` e.g. the dossier number.
using AuditNoteFn = std::function<void(std::string_view kind, const std::string& subject, const std::string& detail)>;

} // namespace bhxh
