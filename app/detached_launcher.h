#pragma once
#include "common/result.h"

#include <string>
#include <vector>

namespace bhxh::app {

/// Starts a program that the desk never waits for (a PDF viewer that stays open until the clerk
/// closes it): a short-lived /bin/sh puts it in the background and exits at once, so the program
/// is reparented to init, which reaps it. The caller waits only for that shell (milliseconds).
class DetachedLauncher {
public:
    /// Error "launch.missing" when `program` is not on PATH, "launch.failed" when the shell
    /// cannot be started.
    static Result<void> launch(const std::string& program, const std::vector<std::string>& args);
};

} // namespace bhxh::app
