#pragma once
// The fictional office the store benchmarks fill: `rows` pending declarations with varied
// Vietnamese names, deadlines and channels, stored in pages of 1,000 as a sync would.
#include "declarations/declaration.h"
#include "store/sqlite_declaration_repository.h"

#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace bhxh::bench {

/// The i-th declaration: dossier 07916-2026-<i>, BHXH code 79000000000+i, ID 79090000000+i.
inline declarations::Declaration benchDeclaration(int i) {
    static const char* const given[] = {"Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu", "Hoàng Đức", "Võ Thanh"};
    static const char* const last[] = {"An", "Bình", "Chi", "Dũng", "Hà", "Khôi", "Lan", "Nam", "Quỳnh", "Tâm"};
    declarations::Declaration d;
    char no[32];
    std::snprintf(no, sizeof no, "07916-2026-%06d", i);
    d.dossierNo = no;
    d.officeCode = "07916";
    d.request = "register";
    d.kind = "individual";
    d.status = "pending";
    d.submittedAt = "2026-11-28T09:00:00+07:00";
    char exp[40];
    std::snprintf(exp, sizeof exp, "2026-12-%02dT%02d:00:00+07:00", 5 + i % 9, 8 + i % 9);
    d.expiresAt = exp;
    d.channel = i % 3 ? "vssid" : "web";
    d.fullName = std::string(given[i % 6]) + " " + last[(i / 6) % 10];
    d.bhxhCode = std::to_string(7900000000LL + i);
    d.idNumber = std::to_string(79090000000LL + i);
    d.phone = "09" + std::to_string(10000000 + i);
    d.dateOfBirth = "1990-01-01";
    d.gender = "male";
    d.updatedAt = d.submittedAt;
    d.version = 1;
    return d;
}

/// Stores benchDeclaration(0 … rows-1); `tweak` may change one before it is stored. False (with
/// the store's message on stderr) when a page could not be written.
inline bool fillStore(store::SqliteDeclarationRepository& repo, int rows,
                      const std::function<void(int, declarations::Declaration&)>& tweak = {}) {
    std::vector<declarations::Declaration> page;
    for (int i = 0; i < rows; ++i) {
        page.push_back(benchDeclaration(i));
        if (tweak) tweak(i, page.back());
        if (page.size() == 1000 || i == rows - 1) {
            if (auto ok = repo.storePage(page, "bench", std::nullopt); !ok) {
                std::fprintf(stderr, "store: %s\n", ok.error().message.c_str());
                return false;
            }
            page.clear();
        }
    }
    return true;
}

} // namespace bhxh::bench
