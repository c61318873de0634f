#pragma once
#include "common/result.h"
#include "receipt/receipt_data.h"

#include <filesystem>

namespace bhxh::receipt {

/// Writes the citizen's receipt: one A4 page (PDF) with the office, the title, the decision's
/// fields as labelled lines, a QR code of the dossier number and a footer. Text is drawn in
/// "Noto Sans" (fontconfig), NFC.
class ReceiptWriter {
public:
    /// Writes `out` through a temporary file in the same folder, synced, then renamed into
    /// place, so a reader never sees half a PDF. Creates the folder when missing.
    /// Errors: receipt.font (a character the font cannot draw: the receipt would show boxes),
    /// receipt.qr, receipt.io.
    static Result<void> writePdf(const ReceiptData& data, const std::filesystem::path& out);
};

} // namespace bhxh::receipt
