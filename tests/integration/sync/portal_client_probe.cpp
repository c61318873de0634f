// Test helper: one PortalClient call through the real libcurl adapter, the answer (or the
// bhxh::Error) printed as one JSON line. The token comes from BHXH_DESK_TOKEN or --token-file.
// Usage: portal_client_probe --base-url URL --desk 07916-D01 [--token-file F] [--retries N]
//        (get DOSSIER | claim DOSSIER | decide DOSSIER KEY BODY_JSON | lookup CODE | list OFFICE [CURSOR])
#include "declarations/adapters/curl_portal_client.h"
#include "declarations/adapters/desk_token.h"

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

using namespace bhxh::declarations;

namespace {
int printError(const bhxh::Error& e) {
    std::cout << nlohmann::json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump() << std::endl;
    return 1;
}
} // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    CurlPortalClient::Options options;
    std::string tokenFile;
    std::vector<std::string> rest;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--base-url" && i + 1 < args.size()) options.baseUrl = args[++i];
        else if (args[i] == "--desk" && i + 1 < args.size()) options.deskId = args[++i];
        else if (args[i] == "--token-file" && i + 1 < args.size()) tokenFile = args[++i];
        else if (args[i] == "--retries" && i + 1 < args.size()) options.retries = std::stoi(args[++i]);
        else rest.push_back(args[i]);
    }
    if (rest.size() < 2) {
        std::cerr << "usage: portal_client_probe --base-url URL --desk ID (get|claim|decide|lookup|list) ARGS\n";
        return 2;
    }
    auto token = DeskToken::load(tokenFile);
    if (!token) return printError(token.error());
    options.token = *token;
    options.backoffMs = 20;
    auto client = CurlPortalClient::create(options);
    if (!client) return printError(client.error());
    const std::string& op = rest[0];
    if (op == "get") {
        auto d = (*client)->getDeclaration(rest[1]);
        if (!d) return printError(d.error());
        std::cout << nlohmann::json{{"dossier_no", d->dossierNo}, {"status", std::string(bhxh::declarations::toString(d->status))}, {"version", d->version}}.dump()
                  << std::endl;
    } else if (op == "claim") {
        auto lease = (*client)->claim(rest[1], "q6.probe", 300);
        if (!lease) return printError(lease.error());
        std::cout << nlohmann::json{{"lease_id", lease->leaseId}, {"expires_at", lease->expiresAt}}.dump() << std::endl;
    } else if (op == "decide" && rest.size() == 4) {
        auto answer = (*client)->decide(rest[1], rest[2], rest[3]);
        if (!answer) return printError(answer.error());
        nlohmann::json out{{"status", std::string(bhxh::declarations::toString(answer->status))}};
        if (answer->account) out["username"] = answer->account->username;  // the password is not printed
        std::cout << out.dump() << std::endl;
    } else if (op == "lookup") {
        auto items = (*client)->lookup(rest[1]);
        if (!items) return printError(items.error());
        std::cout << nlohmann::json{{"items", items->size()}}.dump() << std::endl;
    } else if (op == "list") {
        std::optional<std::string> cursor;
        if (rest.size() > 2) cursor = rest[2];
        auto page = (*client)->listDeclarations(rest[1], cursor, 500);
        if (!page) return printError(page.error());
        std::cout << nlohmann::json{{"items", page->items.size()}}.dump() << std::endl;
    } else {
        std::cerr << "unknown operation " << op << '\n';
        return 2;
    }
    return 0;
}
