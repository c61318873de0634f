#pragma once
// The reference portal (bhxh-portal) as a child process on loopback, for C++ tests: started in
// the constructor (which returns once it listens), stopped with SIGTERM in the destructor.
#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace bhxh::test {

class PortalProcess {
public:
    /// `dir` holds the tokens file and the portal's database (kept there, so a portal started
    /// again on the same dir finds its state); `tokens` maps desk ids ("07916-D01") to tokens;
    /// `port` 0 lets the portal pick one.
    PortalProcess(const std::string& binary, const std::filesystem::path& dir,
                  const std::map<std::string, std::string>& tokens, const std::vector<std::string>& extra,
                  int port = 0) {
        const auto tokensFile = dir / "tokens.txt";
        {
            std::ofstream out(tokensFile);
            for (const auto& [desk, token] : tokens) out << desk << ' ' << token << '\n';
        }
        std::filesystem::permissions(tokensFile,
                                     std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
        std::vector<std::string> args{binary,      "--db",   (dir / "portal.sqlite3").string(), "--tokens",
                                      tokensFile.string(), "--port", std::to_string(port)};
        args.insert(args.end(), extra.begin(), extra.end());
        int fds[2];
        REQUIRE(pipe(fds) == 0);
        m_pid = fork();
        REQUIRE(m_pid >= 0);
        if (m_pid == 0) {
            dup2(fds[1], STDOUT_FILENO);
            close(fds[0]);
            close(fds[1]);
            std::vector<char*> argv;
            for (auto& a : args) argv.push_back(a.data());
            argv.push_back(nullptr);
            execv(argv[0], argv.data());
            _exit(127);
        }
        close(fds[1]);
        std::string line;
        char c;
        while (read(fds[0], &c, 1) == 1 && c != '\n') line.push_back(c);
        close(fds[0]);
        const std::string prefix = "listening on 127.0.0.1:";
        REQUIRE(line.rfind(prefix, 0) == 0);
        m_port = std::stoi(line.substr(prefix.size()));
    }
    ~PortalProcess() { stop(); }
    PortalProcess(const PortalProcess&) = delete;
    PortalProcess& operator=(const PortalProcess&) = delete;

    /// SIGTERM and wait; safe to call twice.
    void stop() {
        if (m_pid > 0) {
            kill(m_pid, SIGTERM);
            int status = 0;
            waitpid(m_pid, &status, 0);
            m_pid = -1;
        }
    }
    [[nodiscard]] int port() const { return m_port; }

private:
    pid_t m_pid = -1;
    int m_port = 0;
};

} // namespace bhxh::test
