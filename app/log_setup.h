#pragma once
#include "app/app_config.h"
#include "common/result.h"

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace spdlog::sinks { template <typename Mutex> class ringbuffer_sink; }

namespace bhxh::app {

/// Routes the bhxh::log facade to spdlog: a rotating file in the log folder and an in-memory
/// ring buffer that the console can show, both behind the masking sink.
class LogSetup {
public:
    /// Creates the log folder (0700) and installs the sinks. Fails naming the folder.
    static Result<LogSetup> start(const AppConfig::Log& config, const std::filesystem::path& logDir);
    /// The last lines, oldest first, already masked.
    [[nodiscard]] std::vector<std::string> recentLines() const;
    [[nodiscard]] const std::filesystem::path& file() const { return m_file; }

private:
    std::shared_ptr<spdlog::sinks::ringbuffer_sink<std::mutex>> m_ring;
    std::filesystem::path m_file;
};

} // namespace bhxh::app
