#pragma once
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <vector>

namespace bhxh::ui {

/// The face pairs as a table — pair, score, band — coloured by band and wrapping, so that the long
/// labels never run into the score at the kiosk's font size: the desk's face check and the
/// supervisor's re-check of it show them the same way.
class FacePairTable {
public:
    static void draw(const char* id, const std::vector<FacePairView>& pairs, const LangCatalog& lang);
};

} // namespace bhxh::ui
