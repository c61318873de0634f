#pragma once
#include "ui/desk_snapshot.h"
#include "ui/lang_catalog.h"

#include <functional>
#include <string>
#include <vector>

namespace bhxh::ui {

/// Approve / reject for the open declaration. F8 approves; F9 opens the reasons (1–9 pick one,
/// Enter confirms; "other" needs a text). A press while a decision is being recorded, or after
/// it was, does nothing (the double-press guard; the store also refuses a second decision).
/// When the face check needs a second officer, approving asks for one (four-eyes).
class DecisionPanel {
public:
    struct Commands {
        /// reasonCode empty = approve. secondOfficer/secondPassword are set when four-eyes applied.
        std::function<void(const std::string& reasonCode, const std::string& reasonText,
                           const std::string& secondOfficer, const std::string& secondPassword)>
            decide;
        /// After the decision: write the citizen's receipt (PDF) and open it for printing.
        std::function<void()> printReceipt;
    };
    /// Reason codes of portal-api.md, in the order the list shows them.
    static const std::vector<std::string>& reasonCodes();

    void setCommands(Commands commands) { m_commands = std::move(commands); }
    /// `fourEyes`: the configured rule is on ([desk] four_eyes).
    void draw(const DeskSnapshot& desk, const LangCatalog& lang, bool fourEyes, bool keysActive);
    /// Another declaration opened: forget the reason being typed.
    void reset();

private:
    void drawRejectPopup(const LangCatalog& lang);
    void drawFourEyesPopup(const LangCatalog& lang);
    void send(const std::string& code, const std::string& text);

    Commands m_commands;
    bool m_openReject = false;
    bool m_openFourEyes = false;
    int m_reason = -1;
    char m_reasonText[256] = {};
    char m_secondId[64] = {};
    char m_secondPassword[128] = {};
    bool m_sent = false;  // guard until the snapshot says deciding/decided
};

} // namespace bhxh::ui
