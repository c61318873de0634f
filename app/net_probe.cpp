#include "app/net_probe.h"

#include <algorithm>
#include <cctype>
#include "net/curl_url.h"

#include <curl/curl.h>
#include <memory>

namespace bhxh::app {
namespace {

struct EasyDeleter {
    void operator()(CURL* curl) const { curl_easy_cleanup(curl); }
};
using Easy = std::unique_ptr<CURL, EasyDeleter>;

Easy makeEasy(const std::string& url, const std::filesystem::path& caBundle, long timeoutMs, const std::string& proxy) {
    net::globalInit();
    Easy curl(curl_easy_init());
    if (!curl) return curl;
    curl_easy_setopt(curl.get(), CURLOPT_URL, url.c_str());
    net::applyProxy(curl.get(), url, proxy);
    curl_easy_setopt(curl.get(), CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_CONNECTTIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_TIMEOUT_MS, timeoutMs);
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_SSL_VERIFYHOST, 2L);
    if (!caBundle.empty()) curl_easy_setopt(curl.get(), CURLOPT_CAINFO, caBundle.c_str());
    return curl;
}

std::size_t readDateHeader(char* data, std::size_t size, std::size_t count, void* user) {
    const std::size_t n = size * count;
    std::string line(data, n);
    if (line.size() > 5) {
        std::string name = line.substr(0, 5);
        std::transform(name.begin(), name.end(), name.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        if (name == "date:") {
            std::string value = line.substr(5);
            const auto first = value.find_first_not_of(" \t");
            const auto last = value.find_last_not_of(" \t\r\n");
            *static_cast<std::string*>(user) =
                first == std::string::npos ? std::string() : value.substr(first, last - first + 1);
        }
    }
    return n;
}

std::size_t discard(char*, std::size_t size, std::size_t count, void*) { return size * count; }

} // namespace

Result<void> NetProbe::connect(const std::string& url, const std::filesystem::path& caBundle, long timeoutMs,
                               const std::string& proxy) {
    Easy curl = makeEasy(url, caBundle, timeoutMs, proxy);
    if (!curl) return makeError("net.init", "libcurl could not start");
    curl_easy_setopt(curl.get(), CURLOPT_CONNECT_ONLY, 1L);
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    const CURLcode rc = curl_easy_perform(curl.get());
    if (rc != CURLE_OK) {
        return makeError("net.unreachable", std::string(error[0] ? error : curl_easy_strerror(rc)));
    }
    return {};
}

Result<NetProbe::ServerClock> NetProbe::serverClock(const std::string& url, const std::filesystem::path& caBundle,
                                                    long timeoutMs, const std::string& proxy) {
    Easy curl = makeEasy(url, caBundle, timeoutMs, proxy);
    if (!curl) return makeError("net.init", "libcurl could not start");
    std::string date;
    char error[CURL_ERROR_SIZE] = {};
    curl_easy_setopt(curl.get(), CURLOPT_NOBODY, 1L);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERFUNCTION, readDateHeader);
    curl_easy_setopt(curl.get(), CURLOPT_HEADERDATA, &date);
    curl_easy_setopt(curl.get(), CURLOPT_WRITEFUNCTION, discard);
    curl_easy_setopt(curl.get(), CURLOPT_ERRORBUFFER, error);
    const auto before = std::chrono::system_clock::now();
    const CURLcode rc = curl_easy_perform(curl.get());
    const auto after = std::chrono::system_clock::now();
    if (rc != CURLE_OK) {
        return makeError("net.unreachable", std::string(error[0] ? error : curl_easy_strerror(rc)));
    }
    ServerClock clock;
    curl_easy_getinfo(curl.get(), CURLINFO_RESPONSE_CODE, &clock.status);
    if (date.empty()) return makeError("net.no_date", "the server's answer has no Date header");
    const time_t server = curl_getdate(date.c_str(), nullptr);
    if (server < 0) return makeError("net.no_date", "the server's Date header cannot be read: " + date);
    clock.server = std::chrono::system_clock::from_time_t(server);
    clock.local = before + (after - before) / 2;
    return clock;
}

} // namespace bhxh::app
