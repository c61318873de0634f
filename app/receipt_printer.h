#pragma once
#include "app/app_config.h"
#include "common/result.h"
#include "declarations/decision.h"
#include "declarations/declaration.h"
#include "receipt/receipt_data.h"
#include "ui_model/lang_catalog.h"

#include <filesystem>
#include <string>

namespace bhxh::app {

/// The citizen's receipt of a decision: its texts from assets/lang (receipt.*) in the catalog's
/// current language, the PDF written by receipt::ReceiptWriter.
///
/// From the decision screen: compose() on the UI thread (no I/O; LangCatalog is the UI
/// thread's), then ReceiptWriter::writePdf(data, defaultPath(...)) on a worker, and open the
/// file when the worker reports back.
class ReceiptPrinter {
public:
    /// The receipt's texts for one stored decision on one declaration.
    [[nodiscard]] static receipt::ReceiptData compose(const AppConfig& config, const ui::LangCatalog& lang,
                                                      const declarations::Decision& decision,
                                                      const declarations::Declaration& declaration);
    /// <paths.data_dir>/receipts/<dossier>.pdf (characters other than letters, digits, '-', '_'
    /// and '.' in the dossier number become '_').
    [[nodiscard]] static std::filesystem::path defaultPath(const AppConfig& config, const std::string& dossierNo);
    /// Reads the dossier's decision and declaration from the store at `dbPath`, composes and
    /// writes the receipt to `out`. Errors: receipt.no_decision, receipt.no_declaration, the
    /// store's errors, the writer's errors.
    static Result<void> printFromStore(const AppConfig& config, const ui::LangCatalog& lang,
                                       const std::filesystem::path& dbPath, const std::string& dossierNo,
                                       const std::filesystem::path& out);
};

} // namespace bhxh::app
