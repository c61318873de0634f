#pragma once
#include "ui_model/desk_snapshot.h"
#include "ui_model/lang_catalog.h"

#include <functional>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The checklist and the decision for the open declaration.
///
/// The checklist is the office's decision policy applied to every check: what blocks an approval
/// (red), what the clerk must acknowledge (orange; Alt+1…9 opens the item's reasons, a digit
/// picks one, Enter confirms), what needs a second officer, and what is fine (green).
/// F8 approves: refused with the reasons while anything blocks or waits for an acknowledgement;
/// otherwise a one-line confirmation naming the citizen (Enter approves, Esc goes back), or the
/// second officer's sign-in when the policy asks for one. F9 opens the rejection reasons (1–9,
/// Enter). Esc closes only the top-most popup. A press while a decision is being recorded, or
/// after it was, does nothing; with a new card waiting (the panel is disarmed) F8 and F9 do
/// nothing either.
class DecisionPanel {
public:
    struct Commands {
        /// reasonCode empty = approve. secondOfficer/secondPassword are set when four-eyes applied.
        std::function<void(const std::string& reasonCode, const std::string& reasonText,
                           const std::string& secondOfficer, const std::string& secondPassword)>
            decide;
        /// The clerk acknowledges a checklist item with a listed reason.
        std::function<void(const std::string& item, const std::string& reason)> acknowledge;
        /// After the decision: write the citizen's receipt (PDF) and open it for printing.
        std::function<void()> printReceipt;
    };
    /// Reason codes of portal-api.md, in the order the list shows them.
    static const std::vector<std::string>& reasonCodes();

    void setCommands(Commands commands) { m_commands = std::move(commands); }
    /// `scannerTyping`: characters were typed a moment ago (a handheld scanner's burst): its
    /// closing Enter confirms no dialog.
    void draw(const DeskSnapshot& desk, const LangCatalog& lang, bool keysActive, bool scannerTyping);
    /// Another declaration opened: forget the reason being typed.
    void reset();

private:
    void drawChecklist(const DeskSnapshot& desk, const LangCatalog& lang, bool keysActive);
    void drawWhyNot(const DeskSnapshot& desk, const LangCatalog& lang);
    void drawConfirmPopup(const DeskSnapshot& desk, const LangCatalog& lang);
    void drawAckPopup(const DeskSnapshot& desk, const LangCatalog& lang);
    void drawRejectPopup(const LangCatalog& lang);
    void drawFourEyesPopup(const LangCatalog& lang);
    void send(const std::string& code, const std::string& text);

    Commands m_commands;
    bool m_openReject = false;
    bool m_openFourEyes = false;
    bool m_openConfirm = false;
    bool m_openAck = false;
    bool m_showWhyNot = false;  // F8 was refused: the reasons stay in view
    std::string m_ackItem;
    int m_ackReason = -1;
    int m_reason = -1;
    char m_reasonText[256] = {};
    char m_secondId[64] = {};
    char m_secondPassword[128] = {};
    bool m_sent = false;  // guard until the snapshot says deciding/decided
    bool m_scannerTyping = false;
};

/// The clerk's text of one checklist item, from the language files.
[[nodiscard]] std::string checklistText(const declarations::ChecklistItem& item, const DeskSnapshot& desk,
                                        const LangCatalog& lang);

} // namespace bhxh::ui
