#include "scan/wedge_assembler.h"

namespace bhxh::scan {
namespace {

void appendUtf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

} // namespace

void WedgeAssembler::key(char32_t codepoint, Clock::time_point at) {
    // Surrogates and out-of-range values are not characters; a scanner never sends them.
    if (codepoint > 0x10FFFF || (codepoint >= 0xD800 && codepoint <= 0xDFFF)) {
        reset();
        return;
    }
    if (m_last && at - *m_last > m_timing.maxKeyGap) {
        // A slow gap: what came before was typed by hand; this key may start a scan.
        m_buffer.clear();
        m_count = 0;
    }
    appendUtf8(m_buffer, codepoint);
    ++m_count;
    m_last = at;
}

std::optional<std::string> WedgeAssembler::enter(Clock::time_point at) {
    const bool fast = m_last && at - *m_last <= m_timing.maxKeyGap;
    std::optional<std::string> out;
    if (fast && m_count >= m_timing.minLength) out = std::move(m_buffer);
    reset();
    return out;
}

void WedgeAssembler::reset() {
    m_buffer.clear();
    m_count = 0;
    m_last.reset();
}

} // namespace bhxh::scan
