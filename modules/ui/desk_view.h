#pragma once
#include "common/access_hooks.h"
#include "ui/chip_panel.h"
#include "ui/decision_panel.h"
#include "ui_model/desk_snapshot.h"
#include "ui/photo_panel.h"
#include "ui/pii_field.h"
#include "ui/view.h"

#include <chrono>
#include <functional>
#include <string>

namespace bhxh::ui {

/// The walk-in desk: the live camera with the QR outline, the declaration beside the scanned
/// card field by field, the rules, the photos and face scores, and the decision. Scanning a card
/// (camera or handheld scanner) opens the declaration by itself when none is open and undecided;
/// otherwise the card waits ("Thẻ mới … Ctrl+N") and the decision is disarmed until the clerk
/// opens it (Ctrl+N) or keeps the open dossier (Ctrl+K). F6 captures the live frame for the face
/// check, F8 approves, F9 rejects, Ctrl+N moves on after a decision, Ctrl+W closes the dossier.
/// Esc never closes the dossier: it closes the top-most popup only.
class DeskView final : public View {
public:
    struct Commands {
        /// A typed character (handheld scanner) and when it reached the desk.
        std::function<void(char32_t codepoint, std::chrono::steady_clock::time_point at)> wedgeKey;
        /// Enter, and when: true when it ended a scan.
        std::function<bool(std::chrono::steady_clock::time_point at)> wedgeEnter;
        std::function<void()> captureLive;
        std::function<void(const std::string& dossierNo)> openAlternative;
        std::function<void()> close;
        std::function<void()> openIncoming;  ///< Ctrl+N
        std::function<void()> keepCurrent;   ///< Ctrl+K
        DecisionPanel::Commands decision;
        ChipPanel::Commands chip;  ///< the clerk's typed chip key (expiry / MRZ)
    };
    DeskView(const DeskSnapshot& snapshot, Commands commands, AuditNoteFn onReveal);

    [[nodiscard]] const char* titleKey() const override { return "view.desk"; }
    void draw(const UiContext& ctx) override;

private:
    void feedWedge(const TypedKeys& typed);
    void drawMessage(const LangCatalog& lang);
    void drawCamera(const LangCatalog& lang, float width);
    void drawHeader(const declarations::Declaration& d, const LangCatalog& lang);
    void drawComparison(const declarations::Declaration& d, const LangCatalog& lang);
    void drawRequest(const declarations::Declaration& d, const LangCatalog& lang);
    void drawIncoming(const LangCatalog& lang);
    void drawFace(const LangCatalog& lang);
    void drawOutgoing(const LangCatalog& lang);

    const DeskSnapshot& m_desk;
    Commands m_commands;
    PiiField m_pii;
    PhotoPanel m_photos;
    DecisionPanel m_decision;
    ChipPanel m_chip;
    std::string m_shownDossier;
    /// When the last character was typed; an Enter within kScannerEnterWindow of it ends a
    /// scanner's burst and confirms no dialog.
    std::chrono::steady_clock::time_point m_lastTypedChar{};
    static constexpr std::chrono::milliseconds kScannerEnterWindow{400};  // resets the panels when another declaration opens
};

} // namespace bhxh::ui
