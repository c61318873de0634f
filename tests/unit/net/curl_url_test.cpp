#include "declarations/adapters/curl_portal_client.h"
#include "net/curl_url.h"
#include "notify/adapters/http_sms_sender.h"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>
#include <thread>

using namespace bhxh;

TEST_CASE("loopback is localhost, 127.0.0.0/8 or ::1 as libcurl parses the host, nothing else", "[net][url]") {
    for (const char* url : {"http://127.0.0.1:8787/api", "http://127.1.2.3/", "http://localhost/x", "http://LOCALHOST:80",
                            "http://[::1]:8787/api", "smtp://127.0.0.1:587", "http://user:pw@127.0.0.1/",
                            "http://2130706433/",  // 127.0.0.1 written as one number: curl normalises it
                            "http://0x7f.0.0.1/"}) {
        INFO(url);
        CHECK(net::isLoopbackUrl(url));
    }
    for (const char* url : {
             "http://127.evil.example/api",            // a name starting with "127."
             "http://evil.example?@127.0.0.1/api",     // the host ends at '?': '@127.0.0.1' is the query
             "smtp://evil.example?@127.0.0.1:587",
             "http://evil.example#@127.0.0.1/",
             "http://127.0.0.1.evil.example/",
             "http://evil.example/127.0.0.1",
             "http://localhost.evil.example/",
             "http://[::2]/", "http://[::ffff:127.0.0.1]/", "http://128.0.0.1/", "http://10.0.0.1/",
             "127.0.0.1", "", "http:///x", "not a url"}) {
        INFO(url);
        CHECK_FALSE(net::isLoopbackUrl(url));
    }
    auto parts = net::parseUrl("HTTPS://Portal.Example.VN:8443/api/desk/v1?x=1");
    REQUIRE(parts.ok());
    CHECK(parts->scheme == "https");
    CHECK(parts->host == "portal.example.vn");
    CHECK(parts->port == "8443");
    auto query = net::parseUrl("http://evil.example?@127.0.0.1/api");
    REQUIRE(query.ok());
    CHECK(query->host == "evil.example");
}

TEST_CASE("the portal client refuses plain http to every non-loopback spelling", "[net][url][portal]") {
    auto make = [](const std::string& url) {
        declarations::CurlPortalClient::Options o;
        o.baseUrl = url;
        o.deskId = "07916-D01";
        o.token = "t";
        return declarations::CurlPortalClient::create(o);
    };
    for (const char* url : {"http://127.evil.example/api/desk/v1", "http://evil.example?@127.0.0.1/api/desk/v1",
                            "http://evil.example#@127.0.0.1/api", "ftp://127.0.0.1/api", "127.0.0.1:8787"}) {
        INFO(url);
        auto client = make(url);
        REQUIRE_FALSE(client.ok());
        CHECK(client.error().code == "portal.config");
    }
    CHECK(make("http://127.0.0.1:8787/api/desk/v1").ok());
    CHECK(make("http://[::1]:8787/api/desk/v1").ok());
    CHECK(make("https://portal.example.vn/api/desk/v1").ok());
}

TEST_CASE("the SMS sender refuses plain http to a host that only looks like loopback", "[net][url][sms]") {
    auto profile = notify::SmsProfile::fromJson(R"({"name": "t", "url": "", "auth": {"type": "none"},
        "fields": {"to": "to", "text": "text"}, "success": {"json_path": "", "equals": ""}})");
    REQUIRE(profile.ok());
    for (const char* url : {"http://127.evil.example/send", "http://evil.example?@127.0.0.1/send"}) {
        INFO(url);
        notify::HttpSmsSender::Options o;
        o.url = url;
        o.sender = "BHXH";
        o.connectTimeoutMs = 500;
        o.timeoutMs = 500;
        notify::HttpSmsSender sender(*profile, o);
        notify::OutgoingMessage m;
        m.key = "k";
        m.to = "0983847986";
        m.text = "x";
        const auto result = sender.send(m);
        CHECK(result.outcome == notify::DeliveryOutcome::Failed);
        CHECK(result.detail.find("only https") != std::string::npos);
    }
}

namespace {

// A TCP listener on 127.0.0.1 that answers every connection with a 502 and counts them:
// standing in for a proxy (or for the target) to see who was called.
class CountingListener {
public:
    CountingListener() {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
        ::listen(m_fd, 8);
        socklen_t len = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        m_thread = std::thread([this] {
            while (!m_stop) {
                pollfd p{m_fd, POLLIN, 0};
                if (::poll(&p, 1, 50) <= 0) continue;
                const int c = ::accept(m_fd, nullptr, nullptr);
                if (c < 0) continue;
                ++m_connections;
                char buffer[4096];
                (void)::recv(c, buffer, sizeof buffer, 0);
                const char reply[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
                (void)::send(c, reply, sizeof reply - 1, MSG_NOSIGNAL);
                ::close(c);
            }
        });
    }
    ~CountingListener() {
        m_stop = true;
        m_thread.join();
        ::close(m_fd);
    }
    [[nodiscard]] int port() const { return m_port; }
    [[nodiscard]] int connections() const { return m_connections; }

private:
    int m_fd = -1;
    int m_port = 0;
    std::atomic<bool> m_stop{false};
    std::atomic<int> m_connections{0};
    std::thread m_thread;
};

// Performs one GET with the proxy policy applied; returns curl's code.
CURLcode get(const std::string& url, const std::string& proxy) {
    CURL* h = curl_easy_init();
    curl_easy_setopt(h, CURLOPT_URL, url.c_str());
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 3000L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    net::applyProxy(h, url, proxy);
    const CURLcode rc = curl_easy_perform(h);
    curl_easy_cleanup(h);
    return rc;
}

} // namespace

TEST_CASE("loopback never goes through a proxy, the environment's is never used, the configured one is",
          "[net][proxy]") {
    net::globalInit();
    CountingListener target;
    CountingListener proxy;
    const std::string proxyUrl = "http://127.0.0.1:" + std::to_string(proxy.port());
    ::setenv("http_proxy", proxyUrl.c_str(), 1);
    ::setenv("HTTPS_PROXY", proxyUrl.c_str(), 1);
    ::setenv("ALL_PROXY", proxyUrl.c_str(), 1);
    ::unsetenv("no_proxy");
    ::unsetenv("NO_PROXY");

    // Loopback, with the environment's proxy and even with a configured one: straight to the target.
    CHECK(get("http://127.0.0.1:" + std::to_string(target.port()) + "/x", "") == CURLE_OK);
    CHECK(get("http://localhost:" + std::to_string(target.port()) + "/x", proxyUrl) == CURLE_OK);
    CHECK(target.connections() == 2);
    CHECK(proxy.connections() == 0);

    // A remote host without a configured proxy: the environment's proxy is not used (the name
    // does not resolve, so nothing is reached at all).
    CHECK(get("http://portal.invalid/x", "") != CURLE_OK);
    CHECK(proxy.connections() == 0);

    // The configured proxy is used for a remote host.
    CHECK(get("http://portal.invalid/x", proxyUrl) == CURLE_OK);  // the proxy's 502 is an answer
    CHECK(proxy.connections() == 1);

    ::unsetenv("http_proxy");
    ::unsetenv("HTTPS_PROXY");
    ::unsetenv("ALL_PROXY");
}
