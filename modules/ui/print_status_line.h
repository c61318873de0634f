#pragma once
#include "ui_model/lang_catalog.h"
#include "ui_model/print_status.h"

namespace bhxh::ui {

/// One line (two when it failed) telling where a print job is: "Printing: waiting for the
/// printer — out of paper", "Printed", or the error and where the PDF was kept. Drawn the same on
/// the desk, the dashboard and the settings screen.
class PrintStatusLine {
public:
    static void draw(const PrintStatus& status, const LangCatalog& lang);
};

} // namespace bhxh::ui
