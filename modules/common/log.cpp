#include "common/log.h"

#include "common/pii_masker.h"

#include <atomic>
#include <iostream>
#include <mutex>

namespace bhxh::log {
namespace {

std::mutex g_mutex;
Sink g_sink;
std::atomic<Level> g_level{Level::Info};

const char* name(Level level) {
    switch (level) {
    case Level::Debug: return "debug";
    case Level::Info: return "info";
    case Level::Warn: return "warn";
    case Level::Error: return "error";
    }
    return "?";
}

} // namespace

void setSink(Sink sink) {
    std::lock_guard lock(g_mutex);
    g_sink = std::move(sink);
}

void setLevel(Level level) { g_level = level; }

void write(Level level, std::string_view message) {
    if (level < g_level.load()) return;
    const std::string masked = PiiMasker::mask(message);
    std::lock_guard lock(g_mutex);
    if (g_sink) {
        g_sink(level, masked);
    } else {
        std::cerr << "[" << name(level) << "] " << masked << '\n';
    }
}

bool parseLevel(std::string_view text, Level& out) {
    for (Level l : {Level::Debug, Level::Info, Level::Warn, Level::Error}) {
        if (text == name(l)) { out = l; return true; }
    }
    return false;
}

} // namespace bhxh::log
