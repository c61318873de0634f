#include "store_test_support.h"

#include "store/audit_chain.h"
#include "store/retention_purger.h"
#include "store/sqlite_audit_log.h"
#include "store/time_codec.h"

#include <fstream>
#include <iterator>

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;
using namespace std::chrono_literals;

namespace {

const auto kNow = std::chrono::sys_days{std::chrono::year{2026} / 6 / 1} + 9h;

// Bytes no other file in the folder could hold by chance.
std::string photoBytes(const std::string& tag) {
    std::string out;
    for (int i = 0; i < 2000; ++i) out += "JPEG-" + tag + "-" + std::to_string(i) + ";";
    return out;
}

void exec(Database& db, const std::string& sql) {
    auto ok = db.exec(sql);
    if (!ok) FAIL(ok.error().describe());
}

// A declaration decided at `decidedAt`, with a cached portrait file and a captured frame.
std::filesystem::path addDecided(Database& db, const std::filesystem::path& dataDir, const std::string& dossier,
                                 std::chrono::system_clock::time_point decidedAt, const std::string& bytes) {
    exec(db, "INSERT INTO declarations VALUES('" + dossier + "',1,'approved','tk01','new','07916','t','t','web',"
             "'Nguyễn Văn A','nguyen van a','0123456789','012345678901','0901234567',NULL,NULL,NULL,'t','{}',0)");
    const auto dir = dataDir / "files" / dossier;
    std::filesystem::create_directories(dir);
    const auto file = dir / "portrait-abc";
    std::ofstream(file, std::ios::binary) << bytes;
    const auto frame = dataDir / "frames" / (dossier + ".jpg");
    std::filesystem::create_directories(frame.parent_path());
    std::ofstream(frame, std::ios::binary) << bytes;
    exec(db, "INSERT INTO declaration_files VALUES('" + dossier + "','portrait','abc'," + std::to_string(bytes.size()) +
                 ",'image/jpeg','" + file.string() + "',NULL)");
    exec(db, "INSERT INTO scans(at_ms, card_kind, payload_sha256, dossier_no, officer_id, frame_path) VALUES(" +
                 std::to_string(toMs(decidedAt)) + ",'cccd','h','" + dossier + "','q6.clerk','" + frame.string() + "')");
    exec(db, "INSERT INTO decisions(dossier_no, declaration_version, outcome, officer_id, decided_at_ms, "
             "idempotency_key, checks_json) VALUES('" + dossier + "',1,'approved','q6.clerk'," +
                 std::to_string(toMs(decidedAt)) + ",'key-" + dossier + "','{}')");
    return file;
}

bool folderContains(const std::filesystem::path& dir, const std::string& needle) {
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file()) continue;
        std::ifstream in(entry.path(), std::ios::binary);
        const std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        if (content.find(needle) != std::string::npos) return true;
    }
    return false;
}

} // namespace

TEST_CASE("purge: old photos and frames are overwritten and deleted, recent ones kept", "[store][purge]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    const std::string oldBytes = photoBytes("OLD-07916-2026-000001");
    const std::string newBytes = photoBytes("NEW-07916-2026-000002");
    const auto oldFile = addDecided(db, tmp.path(), "07916-2026-000001", kNow - 31 * 24h, oldBytes);
    const auto newFile = addDecided(db, tmp.path(), "07916-2026-000002", kNow - 29 * 24h, newBytes);
    // An inline blob of the old dossier, and a frame of a scan that never led to a decision.
    exec(db, "INSERT INTO declaration_files VALUES('07916-2026-000001','id_front','def',5,'image/jpeg',NULL,"
             "CAST('" + photoBytes("BLOB").substr(0, 600) + "' AS BLOB))");
    const auto stray = tmp.path() / "frames" / "stray.jpg";
    std::ofstream(stray, std::ios::binary) << photoBytes("STRAY");
    exec(db, "INSERT INTO scans(at_ms, card_kind, payload_sha256, frame_path) VALUES(" +
                 std::to_string(toMs(kNow - 40 * 24h)) + ",'bhyt','h2','" + stray.string() + "')");
    REQUIRE(folderContains(tmp.path(), "OLD-07916-2026-000001"));

    RetentionPurger purger(db, tmp.path());
    auto report = purger.purge(std::chrono::days{30}, kNow, "q6.admin");
    REQUIRE(report.ok());
    CHECK(report->files == 1);
    CHECK(report->frames == 2);
    CHECK(report->bytes == static_cast<std::int64_t>(2 * oldBytes.size() + photoBytes("STRAY").size()));
    CHECK(report->rowsCleared == 4);  // portrait, blob row, two frames
    CHECK(report->missing == 0);
    CHECK(report->skipped == 0);

    CHECK_FALSE(std::filesystem::exists(oldFile));
    CHECK_FALSE(std::filesystem::exists(oldFile.parent_path()));
    CHECK_FALSE(std::filesystem::exists(stray));
    CHECK(std::filesystem::exists(newFile));
    // No trace of the purged images anywhere in the data folder (files, database, WAL).
    CHECK_FALSE(folderContains(tmp.path(), "OLD-07916-2026-000001"));
    CHECK_FALSE(folderContains(tmp.path(), "JPEG-STRAY"));
    CHECK_FALSE(folderContains(tmp.path(), "JPEG-BLOB"));
    CHECK(folderContains(tmp.path(), "NEW-07916-2026-000002"));

    // The declaration and its file rows stay; only the paths are gone.
    CHECK(count(db, "declaration_files") == 3);
    CHECK(*db.queryInt("SELECT count(*) FROM declaration_files WHERE local_path IS NULL AND blob IS NULL") == 2);
    CHECK(*db.queryInt("SELECT count(*) FROM scans WHERE frame_path IS NULL") == 2);

    SqliteAuditLog audit(db);
    auto entries = audit.read(1, 100);
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    CHECK(entries->front().event.kind == "purge");
    CHECK(entries->front().event.officerId == "q6.admin");
    CHECK(entries->front().event.detail.find("files 1, frames 2") != std::string::npos);
    CHECK(AuditChain::verify(db)->intact());

    // A second run finds nothing more to do, and says nothing in the audit log.
    auto again = purger.purge(std::chrono::days{30}, kNow, "q6.admin");
    REQUIRE(again.ok());
    CHECK(again->files + again->frames + again->rowsCleared == 0);
    CHECK(audit.read(1, 100)->size() == 1);
    // Thirty days later the other one goes too, with its own entry.
    auto later = purger.purge(std::chrono::days{30}, kNow + 2 * 24h, "q6.admin");
    REQUIRE(later.ok());
    CHECK(later->files == 1);
    CHECK_FALSE(std::filesystem::exists(newFile));
    auto after = audit.read(1, 100);
    REQUIRE(after.ok());
    REQUIRE(after->size() == 2);
    CHECK(after->back().event.kind == "purge");
    CHECK(after->back().event.detail.find("files 1, frames 1") != std::string::npos);
    CHECK(AuditChain::verify(db)->intact());
}

TEST_CASE("purge: a run with nothing to purge writes no audit entry", "[store][purge]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteAuditLog audit(db);
    RetentionPurger purger(db, tmp.path());

    // An empty store, as at the console's first start.
    auto empty = purger.purge(std::chrono::days{30}, kNow, "system");
    REQUIRE(empty.ok());
    CHECK(empty->files + empty->frames + empty->rowsCleared + empty->missing + empty->skipped == 0);
    CHECK(audit.read(1, 100)->empty());

    // Only recent photos: still nothing to purge, still no entry.
    const auto recent = addDecided(db, tmp.path(), "07916-2026-000004", kNow - 2 * 24h, photoBytes("RECENT"));
    auto idle = purger.purge(std::chrono::days{30}, kNow, "system");
    REQUIRE(idle.ok());
    CHECK(idle->files + idle->frames + idle->rowsCleared == 0);
    CHECK(std::filesystem::exists(recent));
    CHECK(audit.read(1, 100)->empty());

    // Only a row pointing outside the data folder (skipped every time): no entry either.
    TempDir elsewhere;
    const auto outside = elsewhere.path() / "important.txt";
    std::ofstream(outside) << "not a photo";
    exec(db, "UPDATE declaration_files SET local_path = '" + outside.string() + "'");
    exec(db, "UPDATE scans SET frame_path = NULL");
    auto skippedOnly = purger.purge(std::chrono::days{30}, kNow + 40 * 24h, "system");
    REQUIRE(skippedOnly.ok());
    CHECK(skippedOnly->skipped == 1);
    CHECK(skippedOnly->rowsCleared == 0);
    CHECK(std::filesystem::exists(outside));
    CHECK(audit.read(1, 100)->empty());
}

TEST_CASE("purge: a path outside the data folder is left alone, a missing file is cleared", "[store][purge]") {
    TempDir tmp;
    TempDir elsewhere;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    const auto file = addDecided(db, tmp.path(), "07916-2026-000003", kNow - 90 * 24h, photoBytes("X"));
    const auto outside = elsewhere.path() / "important.txt";
    std::ofstream(outside) << "not a photo";
    exec(db, "UPDATE declaration_files SET local_path = '" + outside.string() + "'");
    std::filesystem::remove(tmp.path() / "frames" / "07916-2026-000003.jpg");

    RetentionPurger purger(db, tmp.path());
    auto report = purger.purge(std::chrono::days{30}, kNow, "cli");
    REQUIRE(report.ok());
    CHECK(report->skipped == 1);
    CHECK(report->missing == 1);
    CHECK(report->files == 0);
    CHECK(std::filesystem::exists(outside));
    CHECK(*db.queryInt("SELECT count(*) FROM declaration_files WHERE local_path IS NOT NULL") == 1);
    CHECK(*db.queryInt("SELECT count(*) FROM scans WHERE frame_path IS NULL") == 1);
    // Clearing the row of a file already gone is a purge: it is audited.
    SqliteAuditLog audit(db);
    auto entries = audit.read(1, 100);
    REQUIRE(entries.ok());
    REQUIRE(entries->size() == 1);
    CHECK(entries->front().event.detail.find("missing 1, skipped 1") != std::string::npos);
    (void)file;
}

TEST_CASE("shredFile overwrites with zeros before unlinking and refuses symlinks", "[store][purge]") {
    TempDir tmp;
    const auto path = tmp.path() / "photo.jpg";
    std::ofstream(path, std::ios::binary) << photoBytes("SHRED");
    auto bytes = shredFile(path);
    REQUIRE(bytes.ok());
    CHECK(*bytes == static_cast<std::int64_t>(photoBytes("SHRED").size()));
    CHECK_FALSE(std::filesystem::exists(path));

    const auto target = tmp.path() / "target.txt";
    std::ofstream(target) << "keep me";
    std::filesystem::create_symlink(target, tmp.path() / "link.jpg");
    CHECK_FALSE(shredFile(tmp.path() / "link.jpg").ok());
    std::ifstream in(target);
    std::string kept;
    std::getline(in, kept);
    CHECK(kept == "keep me");
}
