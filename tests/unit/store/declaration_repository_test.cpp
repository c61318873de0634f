#include "store_test_support.h"

#include "declarations/declaration_json.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_sync_state_repository.h"

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;
using declarations::Declaration;

namespace {

Declaration sample(const std::string& dossier, const std::string& name, const std::string& expires, std::int64_t version = 3) {
    Declaration d;
    d.dossierNo = dossier;
    d.officeCode = "07916";
    d.submittedAt = "2026-11-20T09:12:00+07:00";
    d.expiresAt = expires;
    d.channel = "vssid";
    d.fullName = name;
    d.bhxhCode = "01130" + dossier.substr(dossier.size() - 5);
    d.idNumber = "0010990" + dossier.substr(dossier.size() - 5);
    d.dateOfBirth = "1984-08-05";
    d.gender = "male";
    d.address = {"01", "272", "09763", "Cụm 4", "Cụm 4, Xã Phúc Hòa, Huyện Phúc Thọ, Thành phố Hà Nội"};
    d.contactPerson = name;
    d.email = "biennt@example.vn";
    d.phone = "09838" + dossier.substr(dossier.size() - 5);
    d.files = {{"portrait", std::string(64, 'a'), 48213, "image/jpeg"}, {"id_front", std::string(64, 'b'), 51000, "image/jpeg"}};
    d.updatedAt = "2026-11-20T09:12:00+07:00";
    d.version = version;
    return d;
}

} // namespace

TEST_CASE("declarations round-trip through the store with every field", "[store][declarations]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    auto d = sample("07916-2026-000123", "Nguyễn Thành Biên", "2026-11-30T09:12:00+07:00");
    d.kind = bhxh::declarations::DeclarationKind::MinorViaGuardian;
    d.guardian = declarations::Guardian{"0113000001", "Nguyễn Văn An", "001080000111"};
    d.request = bhxh::declarations::DeclarationRequest::Adjust;
    d.adjust = declarations::AdjustRequest{std::string("new@example.vn"), std::nullopt, std::nullopt, std::nullopt,
                                           std::nullopt, std::nullopt};
    REQUIRE(*repo.upsert(d));
    auto found = repo.find(d.dossierNo);
    REQUIRE(found->has_value());
    const Declaration& back = **found;
    CHECK(back.fullName == "Nguyễn Thành Biên");
    CHECK(back.address.text == d.address.text);
    CHECK(back.guardian->idNumber == "001080000111");
    CHECK(back.adjust->email == std::optional<std::string>("new@example.vn"));
    CHECK_FALSE(back.adjust->phone.has_value());
    REQUIRE(back.files.size() == 2);
    CHECK(back.files[1].bytes == 51000);
    CHECK(back.version == 3);
    CHECK(declarations::DeclarationJson::parse(declarations::DeclarationJson::serialize(back))->dossierNo == d.dossierNo);
}

TEST_CASE("an older version never overwrites a newer one", "[store][declarations]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    auto v5 = sample("07916-2026-000200", "Trần Thị Hoa", "2026-11-30T09:12:00+07:00", 5);
    v5.status = bhxh::declarations::DeclarationStatus::Claimed;
    REQUIRE(*repo.upsert(v5));
    auto v4 = sample("07916-2026-000200", "Trần Thị Hoa", "2026-11-30T09:12:00+07:00", 4);
    CHECK_FALSE(*repo.upsert(v4));
    CHECK(repo.find(v5.dossierNo).value()->status == bhxh::declarations::DeclarationStatus::Claimed);
}

TEST_CASE("the queue filters by office and status, sorts by deadline and searches without diacritics", "[store][declarations]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    REQUIRE(repo.upsert(sample("07916-2026-000301", "Nguyễn Thành Biên", "2026-11-30T09:00:00+07:00")).ok());
    REQUIRE(repo.upsert(sample("07916-2026-000302", "Lê Văn Đức", "2026-11-25T09:00:00+07:00")).ok());
    auto approved = sample("07916-2026-000303", "Nguyễn Thị Lan", "2026-11-21T09:00:00+07:00");
    approved.status = bhxh::declarations::DeclarationStatus::Approved;
    REQUIRE(repo.upsert(approved).ok());
    auto other = sample("07917-2026-000304", "Nguyễn Văn Nam", "2026-11-22T09:00:00+07:00");
    other.officeCode = "07917";
    REQUIRE(repo.upsert(other).ok());

    declarations::DeclarationQuery q;
    q.officeCode = "07916";
    q.statuses = {bhxh::declarations::DeclarationStatus::Pending};
    auto pending = repo.query(q);
    REQUIRE(pending->size() == 2);
    CHECK(pending->at(0).dossierNo == "07916-2026-000302");  // soonest deadline first

    q.statuses = {};
    q.search = "NGUYEN thanh";
    auto found = repo.query(q);
    REQUIRE(found->size() == 1);
    CHECK(found->at(0).fullName == "Nguyễn Thành Biên");
    q.search = "le van duc";
    CHECK(repo.query(q)->size() == 1);
    q.search = "098380030";  // the start of a phone
    CHECK(repo.query(q)->size() == 3);
    q.search = "%";  // a wildcard is matched literally
    CHECK(repo.query(q)->empty());
}

TEST_CASE("a scanned card finds declarations by BHXH code, ID number or guardian", "[store][declarations]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    auto child = sample("07916-2026-000401", "Phạm Minh Khôi", "2026-11-30T09:00:00+07:00");
    child.kind = bhxh::declarations::DeclarationKind::MinorViaGuardian;
    child.guardian = declarations::Guardian{"0113000009", "Phạm Văn Tú", "001080009999"};
    REQUIRE(repo.upsert(child).ok());
    CHECK(repo.findByCard("001080009999")->size() == 1);
    CHECK(repo.findByCard("0113000009")->size() == 1);  // the guardian's BHYT card
    CHECK(repo.findByCard(child.bhxhCode)->size() == 1);
    CHECK(repo.findByCard(child.idNumber)->size() == 1);
    CHECK(repo.findByCard("000000000000")->empty());
}

TEST_CASE("a pulled page and its cursor are stored together; cached files follow their sha256", "[store][declarations]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    SqliteSyncStateRepository sync(db);
    CHECK_FALSE(sync.load("office:07916:pending")->cursor.has_value());
    std::vector<Declaration> page{sample("07916-2026-000501", "Võ Thị Mai", "2026-11-30T09:00:00+07:00"),
                                  sample("07916-2026-000502", "Đặng Quốc Huy", "2026-11-29T09:00:00+07:00")};
    auto written = repo.storePage(page, "office:07916:pending", std::string("cursor-2"));
    REQUIRE(written.ok());
    CHECK(*written == 2);
    CHECK(sync.load("office:07916:pending")->cursor == std::optional<std::string>("cursor-2"));
    // The page skipped its own fsync; the connection's decisions are durable again after it.
    auto level = db.prepare("PRAGMA synchronous");
    REQUIRE(level);
    REQUIRE(*level->step());
    CHECK(level->getInt(0) == 2);  // FULL

    const auto sha = std::string(64, 'a');
    REQUIRE(repo.setFileLocalPath("07916-2026-000501", "portrait", sha, "/cache/ab/portrait.jpg").ok());
    CHECK(repo.fileLocalPath("07916-2026-000501", "portrait", sha).value() == std::optional<std::string>("/cache/ab/portrait.jpg"));
    CHECK(repo.setFileLocalPath("07916-2026-000501", "portrait", std::string(64, 'f'), "/x").error().code == "store.file_unknown");
    // A new version with another portrait drops the cached path.
    auto changed = page[0];
    changed.version = 4;
    changed.files[0].sha256 = std::string(64, 'c');
    REQUIRE(*repo.upsert(changed));
    CHECK_FALSE(repo.fileLocalPath("07916-2026-000501", "portrait", std::string(64, 'c'))->has_value());

    declarations::SyncState failed{"office:07916:pending", std::string("cursor-2"), {}, "portal: HTTP 503"};
    REQUIRE(sync.save(failed).ok());
    CHECK(sync.load("office:07916:pending")->lastError == "portal: HTTP 503");
}
