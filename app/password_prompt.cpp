#include "app/password_prompt.h"

#include "security/password_hasher.h"

#include <cstdio>
#include <iostream>
#include <termios.h>
#include <unistd.h>

namespace bhxh::app {
namespace {

// Reads up to '\n' byte by byte with read(2): no stdio buffer keeps a copy of the password, and
// the string is reserved once so that it does not leave copies behind when it grows.
Result<std::string> readLine() {
    std::string line;
    line.reserve(security::PasswordHasher::kMaxBytes + 2);
    char c = 0;
    bool any = false;
    while (true) {
        const ssize_t n = ::read(STDIN_FILENO, &c, 1);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        any = true;
        if (c == '\n') break;
        if (line.size() > security::PasswordHasher::kMaxBytes) continue;  // too long: the hasher says so
        line.push_back(c);
    }
    c = 0;
    if (!any) return makeError("cli.no_password", "no password given (stdin ended)");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

// Echo off for the life of the object; restored even when reading fails.
class EchoOff {
public:
    EchoOff() {
        m_ok = ::tcgetattr(STDIN_FILENO, &m_saved) == 0;
        if (!m_ok) return;
        termios quiet = m_saved;
        quiet.c_lflag &= static_cast<tcflag_t>(~ECHO);
        quiet.c_lflag |= ECHONL;
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    ~EchoOff() {
        if (m_ok) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff&) = delete;
    EchoOff& operator=(const EchoOff&) = delete;

private:
    termios m_saved{};
    bool m_ok = false;
};

} // namespace

Result<std::string> PasswordPrompt::read(const std::string& prompt, bool confirm) {
    if (!::isatty(STDIN_FILENO)) return readLine();
    EchoOff quiet;
    std::cerr << prompt << std::flush;
    auto first = readLine();
    if (!first || !confirm) return first;
    std::cerr << "Again: " << std::flush;
    auto second = readLine();
    if (!second) {
        security::PasswordHasher::wipe(*first);
        return second.error();
    }
    const bool same = *first == *second;
    security::PasswordHasher::wipe(*second);
    if (!same) {
        security::PasswordHasher::wipe(*first);
        return makeError("cli.password_mismatch", "the two passwords differ");
    }
    return first;
}

} // namespace bhxh::app
