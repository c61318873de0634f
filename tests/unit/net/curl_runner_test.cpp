// CurlRunner against real loopback sockets: a peer that accepts and never answers holds a
// transfer until a stop request or the deadline, never until curl's own (long) timeout.
#include "net/curl_runner.h"

#include "loopback.h"

#include <catch2/catch.hpp>
#include <memory>
#include <thread>
#include <vector>

using namespace std::chrono_literals;

namespace {

// Accepts connections on 127.0.0.1 and keeps them open without a byte of answer.
class SilentPeer {
public:
    SilentPeer() {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::bind(m_fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        socklen_t len = sizeof addr;
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&addr), &len);
        m_port = ntohs(addr.sin_port);
        REQUIRE(::listen(m_fd, 8) == 0);  // the kernel completes the handshake; nobody reads
    }
    ~SilentPeer() { ::close(m_fd); }
    [[nodiscard]] int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> slowRequest(int port) {
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
    const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/hang";
    curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, 60000L);  // far beyond what the test waits
    curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.get(), CURLOPT_PROXY, "");
    return h;
}

} // namespace

TEST_CASE("CurlRunner: a stop request ends a transfer to a silent peer at once", "[curl_runner]") {
    SilentPeer peer;
    bhxh::net::CurlRunner runner;
    auto h = slowRequest(peer.port());
    std::stop_source source;
    // Taken before the stopper starts its 300 ms: a loaded machine may run it first.
    const auto start = std::chrono::steady_clock::now();
    std::thread stopper([&] {
        std::this_thread::sleep_for(300ms);
        source.request_stop();
    });
    const CURLcode rc = runner.perform(h.get(), source.get_token());
    const auto took = std::chrono::steady_clock::now() - start;
    stopper.join();
    CHECK(rc == CURLE_ABORTED_BY_CALLBACK);
    CHECK(took >= 300ms);
    CHECK(took < 10s);  // the handle's own timeout is 60 s
    // Already stopped: nothing is even started.
    CHECK(runner.perform(h.get(), source.get_token()) == CURLE_ABORTED_BY_CALLBACK);
}

TEST_CASE("CurlRunner: the deadline ends a transfer to a silent peer", "[curl_runner]") {
    SilentPeer peer;
    bhxh::net::CurlRunner runner;
    auto h = slowRequest(peer.port());
    const auto start = std::chrono::steady_clock::now();
    const CURLcode rc = runner.perform(h.get(), {}, start + 300ms);
    CHECK(rc == CURLE_OPERATION_TIMEDOUT);
    CHECK(std::chrono::steady_clock::now() - start < 10s);
}

TEST_CASE("CurlRunner: a refused connection is curl's own error, and the runner is reusable", "[curl_runner]") {
    bhxh::net::CurlRunner runner;
    const int port = bhxh::test::freePort();
    for (int i = 0; i < 3; ++i) {
        auto h = slowRequest(port);
        CHECK(runner.perform(h.get(), {}) == CURLE_COULDNT_CONNECT);
    }
}

TEST_CASE("CurlRunner: a stopped SMTP transfer to a silent server does not wait for its goodbye", "[curl_runner]") {
    // libcurl's SMTP disconnect sends QUIT and waits for the reply: without the sockets shut
    // down first, removing the handle waited for the whole CURLOPT_TIMEOUT (e2e.shutdown saw
    // 29 s at exit; this smaller case passes either way and guards the abandoned SMTP path).
    SilentPeer peer;
    bhxh::net::CurlRunner runner;
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> h(curl_easy_init(), &curl_easy_cleanup);
    const std::string url = "smtp://127.0.0.1:" + std::to_string(peer.port());
    curl_easy_setopt(h.get(), CURLOPT_URL, url.c_str());
    curl_easy_setopt(h.get(), CURLOPT_TIMEOUT_MS, 60000L);
    curl_easy_setopt(h.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h.get(), CURLOPT_MAIL_FROM, "<a@example.vn>");
    curl_slist* rcpt = curl_slist_append(nullptr, "<b@example.vn>");
    curl_easy_setopt(h.get(), CURLOPT_MAIL_RCPT, rcpt);
    std::stop_source source;
    std::thread stopper([&] {
        std::this_thread::sleep_for(300ms);
        source.request_stop();
    });
    const auto start = std::chrono::steady_clock::now();
    const CURLcode rc = runner.perform(h.get(), source.get_token());
    const auto took = std::chrono::steady_clock::now() - start;
    stopper.join();
    curl_slist_free_all(rcpt);
    CHECK(rc == CURLE_ABORTED_BY_CALLBACK);
    CHECK(took < 10s);
}
