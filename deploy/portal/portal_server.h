#pragma once
#include "portal_store.h"
#include "tokens.h"

#include <memory>
#include <mutex>
#include <random>
#include <string>

namespace httplib {
class Server;
struct Request;
struct Response;
} // namespace httplib

namespace portal {

/// What tests and the offline demo may break on purpose.
struct FaultOptions {
    double failRate = 0.0;  // fraction of requests answered 503
    int latencyMs = 0;      // added before every answer
    double dropRate = 0.0;  // fraction of bodies cut off half-way and the connection closed
    std::uint64_t seed = 0; // 0 = from the system's entropy
};

/// The contract's endpoints over HTTP (cpp-httplib), under /api/desk/v1.
class PortalServer {
public:
    PortalServer(PortalStore& store, Tokens tokens, FaultOptions faults);
    ~PortalServer();
    /// Binds; port 0 picks a free one. Returns the port, or -1.
    int bind(const std::string& host, int port);
    /// Serves until stop() (blocking).
    bool run();
    void stop();

private:
    struct Desk {
        std::string id, office;
    };
    void routes();
    /// The calling desk, or fills res with 401/403 and returns nullopt.
    std::optional<Desk> authenticate(const httplib::Request& req, httplib::Response& res);
    double roll();

    PortalStore& m_store;
    Tokens m_tokens;
    FaultOptions m_faults;
    std::unique_ptr<httplib::Server> m_server;
    std::mutex m_rngMutex;
    std::mt19937_64 m_rng;
};

} // namespace portal
