#include "app/log_setup.h"

#include "app/masking_sink.h"
#include "common/log.h"

#include <spdlog/sinks/ringbuffer_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/spdlog.h>

namespace bhxh::app {
namespace {

spdlog::level::level_enum toSpdlog(log::Level level) {
    switch (level) {
    case log::Level::Debug: return spdlog::level::debug;
    case log::Level::Info: return spdlog::level::info;
    case log::Level::Warn: return spdlog::level::warn;
    case log::Level::Error: return spdlog::level::err;
    }
    return spdlog::level::info;
}

} // namespace

Result<LogSetup> LogSetup::start(const AppConfig::Log& config, const std::filesystem::path& logDir) {
    std::error_code ec;
    std::filesystem::create_directories(logDir, ec);
    if (ec) return makeError("log.dir", "cannot create log folder " + logDir.string() + ": " + ec.message());
    std::filesystem::permissions(logDir, std::filesystem::perms::owner_all, std::filesystem::perm_options::replace, ec);

    LogSetup setup;
    setup.m_file = logDir / "bhxh-desk.log";
    std::shared_ptr<spdlog::sinks::rotating_file_sink_mt> file;
    try {
        file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
            setup.m_file.string(), static_cast<std::size_t>(config.maxFileMb) * 1024 * 1024,
            static_cast<std::size_t>(config.maxFiles));
    } catch (const spdlog::spdlog_ex& e) {
        return makeError("log.file", "cannot open log file " + setup.m_file.string() + ": " + e.what());
    }
    setup.m_ring = std::make_shared<spdlog::sinks::ringbuffer_sink_mt>(static_cast<std::size_t>(config.ringLines));
    setup.m_ring->set_pattern("%H:%M:%S %l %v");

    auto masking = std::make_shared<MaskingSink>(std::vector<spdlog::sink_ptr>{file, setup.m_ring});
    auto logger = std::make_shared<spdlog::logger>("bhxh-desk", masking);
    log::Level level = log::Level::Info;
    log::parseLevel(config.level, level);
    logger->set_level(toSpdlog(level));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(2));

    log::setLevel(level);
    log::setSink([logger](log::Level l, std::string_view message) { logger->log(toSpdlog(l), "{}", message); });
    return setup;
}

std::vector<std::string> LogSetup::recentLines() const {
    return m_ring ? m_ring->last_formatted() : std::vector<std::string>{};
}

} // namespace bhxh::app
