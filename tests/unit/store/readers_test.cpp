#include "store_test_support.h"

#include "declarations/rfc3339.h"
#include "store/sqlite_dashboard_reader.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_outbox_repository.h"
#include "store/sqlite_queue_reader.h"

using namespace bhxh;
using namespace bhxh::store;
using namespace bhxh::store::test;
using declarations::Declaration;

namespace {

const auto kNow = *declarations::parseRfc3339("2026-12-04T10:00:00+07:00");

Declaration entry(int n, const std::string& name, const std::string& expires, const std::string& status = "pending") {
    Declaration d;
    char dossier[32];
    std::snprintf(dossier, sizeof dossier, "07916-2026-%06d", n);
    d.dossierNo = dossier;
    d.officeCode = "07916";
    d.status = declarations::parseDeclarationStatus(status).value();
    d.submittedAt = "2026-11-28T09:00:00+07:00";
    d.expiresAt = expires;
    d.channel = n % 2 ? "vssid" : "web";
    d.fullName = name;
    d.bhxhCode = "79" + std::string(dossier).substr(11, 6) + "00";
    d.idNumber = "0790" + std::string(dossier).substr(11, 6) + "00";
    d.dateOfBirth = "1990-01-01";
    d.gender = "female";
    d.phone = "0912" + std::string(dossier).substr(11, 6);
    d.updatedAt = d.submittedAt;
    d.version = 1;
    return d;
}

} // namespace

TEST_CASE("the queue reader filters, searches without diacritics and sorts by deadline", "[store][queue]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    REQUIRE(repo.upsert(entry(1, "Nguyễn Thị Hồng", "2026-12-09T09:00:00+07:00")).ok());
    REQUIRE(repo.upsert(entry(2, "Trần Văn Đức", "2026-12-05T09:00:00+07:00")).ok());
    auto minor = entry(3, "Lê Minh Khôi", "2026-12-07T09:00:00+07:00");
    minor.kind = bhxh::declarations::DeclarationKind::MinorViaGuardian;
    REQUIRE(repo.upsert(minor).ok());
    REQUIRE(repo.upsert(entry(4, "Phạm Thu Hà", "2026-12-01T09:00:00+07:00", "expired")).ok());
    auto other = entry(5, "Võ Văn Tám", "2026-12-06T09:00:00+07:00");
    other.officeCode = "07914";
    REQUIRE(repo.upsert(other).ok());

    SqliteQueueReader reader(db);
    declarations::QueueFilter f;
    f.officeCode = "07916";
    auto rows = reader.read(f, kNow);
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 3);
    CHECK((*rows)[0].dossierNo == "07916-2026-000002");  // soonest deadline first
    CHECK((*rows)[0].daysLeft == 0);
    CHECK((*rows)[1].dossierNo == "07916-2026-000003");
    CHECK((*rows)[2].daysLeft == 4);

    f.search = "duc";
    rows = reader.read(f, kNow);
    REQUIRE(rows->size() == 1);
    CHECK((*rows)[0].fullName == "Trần Văn Đức");

    f.search = "0912000001";
    CHECK(reader.read(f, kNow)->size() == 1);
    f.search = "07916_2026";  // a LIKE wildcard is matched literally
    CHECK(reader.read(f, kNow)->empty());

    f.search.clear();
    f.minorsOnly = true;
    CHECK(reader.read(f, kNow)->size() == 1);
    f.minorsOnly = false;
    f.dueWithinDays = 1;
    CHECK(reader.read(f, kNow)->size() == 1);
    f.dueWithinDays = -1;
    f.status = std::nullopt;
    CHECK(reader.read(f, kNow)->size() == 4);
    f.channel = "web";
    CHECK(reader.read(f, kNow)->size() == 2);
    CHECK((*reader.read(f, kNow))[0].kind == declarations::DeclarationKind::Individual);

    // A status this version does not know (a hand-edited row): the queue says so, it does not
    // show the row as pending, and the dashboard does not count it.
    REQUIRE(db.exec("UPDATE declarations SET status = 'archived' WHERE dossier_no = '07916-2026-000001'").ok());
    f.channel.clear();
    auto unknown = reader.read(f, kNow);
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().code == "store.bad_value");
    CHECK(unknown.error().message.find("declarations.status") != std::string::npos);
    CHECK(unknown.error().message.find("archived") != std::string::npos);
    f.status = declarations::DeclarationStatus::Pending;
    CHECK(reader.read(f, kNow).ok());  // the filtered query does not read the row
}

TEST_CASE("the dashboard reader counts today's decisions per hour and officer", "[store][dashboard]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteDeclarationRepository repo(db);
    REQUIRE(repo.upsert(entry(1, "Nguyễn Thị Hồng", "2026-12-09T09:00:00+07:00")).ok());
    REQUIRE(repo.upsert(entry(2, "Trần Văn Đức", "2026-12-04T08:00:00+07:00", "expired")).ok());
    REQUIRE(repo.upsert(entry(3, "Lê Minh Khôi", "2026-12-04T09:30:00+07:00")).ok());  // passed today, undecided

    SqliteDecisionRepository decisions(db);
    auto decideAt = [&](const std::string& dossier, const std::string& key, const std::string& at, bool approved,
                        const std::string& officer) {
        auto d = makeDecision(dossier, key);
        d.decidedAt = *declarations::parseRfc3339(at);
        d.officerId = officer;
        if (!approved) {
            d.outcome = declarations::DecisionOutcome::Rejected;
            d.reasonCode = "photo_mismatch";
        }
        REQUIRE(decisions.record(d, {portalItem(dossier, key)}, decisionAudit(dossier)).ok());
    };
    decideAt("07916-2026-000010", "k1", "2026-12-04T08:15:00+07:00", true, "q6.an");
    decideAt("07916-2026-000011", "k2", "2026-12-04T08:45:00+07:00", true, "q6.binh");
    decideAt("07916-2026-000012", "k3", "2026-12-04T14:05:00+07:00", false, "q6.an");
    decideAt("07916-2026-000013", "k4", "2026-12-03T16:00:00+07:00", true, "q6.an");  // yesterday

    SqliteDashboardReader reader(db);
    const auto dayStart = *declarations::parseRfc3339("2026-12-04T00:00:00+07:00");
    auto f = reader.read("07916", dayStart, kNow, 7 * 60, "2026-12-04");
    REQUIRE(f.ok());
    CHECK(f->approved == 2);
    CHECK(f->rejected == 1);
    CHECK(f->approvedByHour[8] == 2);
    CHECK(f->rejectedByHour[14] == 1);
    REQUIRE(f->officers.size() == 2);
    CHECK(f->officers[0].officerId == "q6.an");
    CHECK(f->officers[0].approved == 1);
    CHECK(f->officers[0].rejected == 1);
    CHECK(f->pending == 1);
    CHECK(f->expired == 2);
}

TEST_CASE("the outbox lists a dossier's rows and counts rows per state", "[store][outbox]") {
    TempDir tmp;
    auto store = openStore(tmp.path());
    auto db = connect(store);
    SqliteOutboxRepository outbox(db);
    auto a = portalItem("07916-2026-000001", "key-1");
    auto b = portalItem("07916-2026-000001", "key-1:sms");
    b.channel = notify::OutboxChannel::Sms;
    auto c = portalItem("07916-2026-000002", "key-2");
    for (const auto& item : {a, b, c}) REQUIRE(outbox.enqueue(item).ok());
    auto rows = outbox.listByDossier("07916-2026-000001");
    REQUIRE(rows.ok());
    REQUIRE(rows->size() == 2);
    CHECK((*rows)[0].key == "key-1");
    auto counts = outbox.countByState();
    REQUIRE(counts.ok());
    CHECK(counts->at(notify::OutboxState::Queued) == 3);
}
