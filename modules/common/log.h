#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace bhxh::log {

enum class Level { Debug, Info, Warn, Error };

/// Where log lines go. The app installs one that writes to spdlog's rotating file and the
/// in-app ring buffer; until then lines go to stderr. Every line is masked (PiiMasker)
/// before it reaches the sink, whoever installed it.
using Sink = std::function<void(Level, std::string_view)>;

/// Replaces the sink (thread-safe). An empty sink restores stderr.
void setSink(Sink sink);
/// Lines below this level are dropped before masking.
void setLevel(Level level);

void write(Level level, std::string_view message);
inline void debug(std::string_view m) { write(Level::Debug, m); }
inline void info(std::string_view m) { write(Level::Info, m); }
inline void warn(std::string_view m) { write(Level::Warn, m); }
inline void error(std::string_view m) { write(Level::Error, m); }

/// "debug" | "info" | "warn" | "error" → Level; false when the name is unknown.
bool parseLevel(std::string_view name, Level& out);

} // namespace bhxh::log
