#include "app/receipt_printer.h"

#include "receipt/receipt_writer.h"
#include "store/sqlite_decision_repository.h"
#include "store/sqlite_declaration_repository.h"
#include "store/store.h"

#include <ctime>
#include <iomanip>
#include <sstream>

namespace bhxh::app {
namespace {

std::string localTime(std::chrono::system_clock::time_point t, const char* format) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    localtime_r(&tt, &tm);
    std::ostringstream out;
    out << std::put_time(&tm, format);
    return out.str();
}

} // namespace

receipt::ReceiptData ReceiptPrinter::compose(const AppConfig& config, const ui::LangCatalog& lang,
                                             const declarations::Decision& decision,
                                             const declarations::Declaration& declaration) {
    receipt::ReceiptLabels labels{
        lang.tr("receipt.motto.line1"), lang.tr("receipt.motto.line2"), lang.tr("receipt.title"),
        lang.tr("receipt.office_code"), lang.tr("receipt.dossier_no"),  lang.tr("receipt.full_name"),
        lang.tr("receipt.request"),     lang.tr("receipt.decision"),    lang.tr("receipt.reason"),
        lang.tr("receipt.officer"),     lang.tr("receipt.decided_at"),  lang.tr("receipt.qr_caption"),
        lang.tr("receipt.footer")};
    const bool rejected = decision.outcome == declarations::DecisionOutcome::Rejected;
    // A known reason code reads in the receipt's language; "other" (and a code this version
    // does not know) is the clerk's own text.
    std::string reason = decision.reasonText;
    if (rejected && !decision.reasonCode.empty() && decision.reasonCode != "other") {
        const std::string key = "reason." + decision.reasonCode;
        if (const std::string text = lang.tr(key); text != key) reason = text;
    }
    const std::string request(declarations::toString(declaration.request));
    const std::string requestKey = "receipt.request." + request;
    std::string requestText = lang.tr(requestKey);
    if (requestText == requestKey) requestText = request;
    return receipt::ReceiptData{
        config.desk.officeName,
        declaration.officeCode.empty() ? config.desk.officeCode : declaration.officeCode,
        decision.dossierNo,
        declaration.fullName,
        requestText,
        lang.tr(rejected ? "receipt.decision.rejected" : "receipt.decision.approved"),
        rejected ? reason : std::string(),
        decision.officerId,
        localTime(decision.decidedAt, lang.tr("receipt.time_format")),
        std::move(labels)};
}

std::filesystem::path ReceiptPrinter::defaultPath(const AppConfig& config, const std::string& dossierNo) {
    std::string name = dossierNo;
    for (char& c : name) {
        const bool plain = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' ||
                           c == '_' || c == '.';
        if (!plain) c = '_';
    }
    if (name.empty() || name.front() == '.') name.insert(0, "_");
    return config.paths.dataDir / "receipts" / (name + ".pdf");
}

Result<void> ReceiptPrinter::printFromStore(const AppConfig& config, const ui::LangCatalog& lang,
                                            const std::filesystem::path& dbPath, const std::string& dossierNo,
                                            const std::filesystem::path& out) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dbPath, ec)) {
        return makeError("receipt.no_database", dbPath.string() + ": no such database file");
    }
    // Read only: printing never migrates or writes the desk's database.
    auto db = store::Database::open(dbPath, store::ConnectionOptions{true, 5000, false});
    if (!db) return db.error();
    store::SqliteDecisionRepository decisions(*db);
    auto decision = decisions.findByDossier(dossierNo);
    if (!decision) return decision.error();
    if (!*decision) {
        return makeError("receipt.no_decision",
                         "dossier " + dossierNo + " has no decision in " + dbPath.string() +
                             " (a receipt is printed after the clerk approves or rejects)");
    }
    store::SqliteDeclarationRepository declarations(*db);
    auto declaration = declarations.find(dossierNo);
    if (!declaration) return declaration.error();
    if (!*declaration) {
        return makeError("receipt.no_declaration", "dossier " + dossierNo + " has a decision but its declaration is not in " +
                                                       dbPath.string());
    }
    return receipt::ReceiptWriter::writePdf(compose(config, lang, **decision, **declaration), out);
}

} // namespace bhxh::app
