// libFuzzer target: every reader of a portal answer (page, lookup, declaration, contact check,
// claim, decision, error body). None may crash, recurse without bound or leak; a declaration
// that parses must survive serialize → parse unchanged in its fields.
#include "declarations/declaration_json.h"
#include "declarations/portal_errors.h"
#include "declarations/portal_json.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

[[noreturn]] void broken(const char* what) {
    std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bhxh::declarations;
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    if (auto page = PortalJson::parsePage(input); !page && page.error().code != portal_error::kBadResponse) {
        broken("a refused page must be portal.bad_response");
    }
    (void)PortalJson::parseItems(input);
    (void)PortalJson::parseContactCheck(input);
    (void)PortalJson::parseClaim(input);
    (void)PortalJson::parseDecision(input);
    (void)portalHttpError(409, "fuzz", input);
    auto declaration = PortalJson::parseDeclaration(input);
    if (declaration) {
        auto again = DeclarationJson::parse(DeclarationJson::serialize(*declaration));
        if (!again) broken("a parsed declaration does not parse again after serialize");
        if (again->dossierNo != declaration->dossierNo || again->fullName != declaration->fullName ||
            again->phone != declaration->phone || again->email != declaration->email ||
            again->files.size() != declaration->files.size() || again->version != declaration->version) {
            broken("serialize → parse changed a declaration");
        }
    }
    return 0;
}
