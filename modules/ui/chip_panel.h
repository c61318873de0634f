#pragma once
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <functional>
#include <string>

namespace bhxh::ui {

/// The desk's line about the card's chip (docs/chip.md "At the desk"): where to place the card,
/// the read's progress (DG2, the portrait, is the large file), then one verdict — genuine, read
/// but not verified, or not genuine with its reason. When the chip refused the key derived from
/// the QR, two fields for the clerk, keyboard only: the expiry date printed on the card
/// (dd/mm/yyyy, Enter) or the three MRZ lines (Ctrl+Enter); F4 puts the cursor in the first.
class ChipPanel {
public:
    struct Commands {
        std::function<void(const std::string& ddmmyyyy)> expiry;
        std::function<void(const std::string& mrz)> mrz;
    };
    void setCommands(Commands commands) { m_commands = std::move(commands); }
    /// keysActive: no popup and no other text field has the keyboard.
    void draw(const ChipView& chip, const LangCatalog& lang, bool keysActive);
    void reset();

private:
    void drawKeyEntry(const ChipView& chip, const LangCatalog& lang, bool keysActive);

    Commands m_commands;
    char m_expiry[16] = {};
    char m_mrz[128] = {};
    std::string m_focusedFor;  // the state the expiry field was last focused for
};

} // namespace bhxh::ui
