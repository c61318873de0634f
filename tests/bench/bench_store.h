#pragma once
// The store the benchmarks work on: a fresh database in a temp folder of its own, and the
// fictional office they fill it with: `rows` pending declarations with varied Vietnamese names,
// deadlines and channels, stored in pages of 1,000 as a sync would.
#include "declarations/declaration.h"
#include "store/sqlite_declaration_repository.h"
#include "store/store.h"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <vector>

namespace bhxh::bench {

/// A new store (migrated, no daily backup) in <temp>/<name>-<pid>/desk.sqlite with one
/// connection. The folder goes with the object, also when a benchmark stops early.
class BenchStore {
public:
    /// nullptr (with the store's message on stderr) when the store cannot be made.
    static std::unique_ptr<BenchStore> open(const std::string& name) {
        const auto dir = std::filesystem::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
        std::filesystem::create_directories(dir);
        store::StoreOptions options;
        options.dbPath = dir / "desk.sqlite";
        options.dailyBackup = false;
        auto st = store::Store::open(options);
        auto db = st ? st->connect() : Result<store::Database>(st.error());
        if (!db) {
            std::fprintf(stderr, "store: %s\n", db.error().describe().c_str());
            std::error_code ec;
            std::filesystem::remove_all(dir, ec);
            return nullptr;
        }
        return std::unique_ptr<BenchStore>(new BenchStore(dir, std::move(st).value(), std::move(db).value()));
    }
    ~BenchStore() {
        m_db.reset();  // closed before its files go
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    BenchStore(const BenchStore&) = delete;
    BenchStore& operator=(const BenchStore&) = delete;

    [[nodiscard]] store::Database& db() { return *m_db; }

private:
    BenchStore(std::filesystem::path dir, store::Store st, store::Database db)
        : m_dir(std::move(dir)), m_store(std::move(st)), m_db(std::move(db)) {}

    std::filesystem::path m_dir;
    store::Store m_store;
    std::optional<store::Database> m_db;
};

/// The i-th declaration: dossier 07916-2026-<i>, BHXH code 79000000000+i, ID 79090000000+i.
inline declarations::Declaration benchDeclaration(int i) {
    static const char* const given[] = {"Nguyễn Văn", "Trần Thị", "Lê Minh", "Phạm Thu", "Hoàng Đức", "Võ Thanh"};
    static const char* const last[] = {"An", "Bình", "Chi", "Dũng", "Hà", "Khôi", "Lan", "Nam", "Quỳnh", "Tâm"};
    declarations::Declaration d;
    char no[32];
    std::snprintf(no, sizeof no, "07916-2026-%06d", i);
    d.dossierNo = no;
    d.officeCode = "07916";
    d.request = bhxh::declarations::DeclarationRequest::Register;
    d.kind = bhxh::declarations::DeclarationKind::Individual;
    d.status = bhxh::declarations::DeclarationStatus::Pending;
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
