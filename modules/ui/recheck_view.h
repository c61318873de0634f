#pragma once
#include "ui/photo_panel.h"
#include "ui_model/recheck_snapshot.h"
#include "ui/view.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The supervisor's re-check of sampled approvals (docs/supervision.md): the list (decided on,
/// officer, citizen with a masked number, why drawn, state) and, for the chosen one, the evidence
/// the clerk had: fields matched, findings, acknowledgements, face score, photos, who decided.
///
/// Keyboard only: ↑/↓ (J/K) choose, Enter chooses too, F5 reloads; F8 confirms (Enter in the
/// one-line confirmation); F9 flags: a reason (1…6 or ↑/↓), a note, Enter saves, Esc goes back;
/// F10 flags with a follow-up (the citizen is to be contacted again; Alt+F in the dialog
/// toggles it). A sample already judged takes no verdict. The controller checks the role.
class RecheckView final : public View {
public:
    struct Commands {
        std::function<void()> refresh;
        std::function<void(std::int64_t sampleId)> select;
        std::function<void(std::int64_t sampleId)> confirm;
        std::function<void(std::int64_t sampleId, const std::string& reason, const std::string& note, bool followUp)> flag;
    };
    /// `flagReasons`: the codes a flag may give (declarations::QaReview::flagReasons, texts qa.flag.*).
    RecheckView(const RecheckSnapshot& snapshot, Commands commands, std::vector<std::string> flagReasons);
    [[nodiscard]] const char* titleKey() const override { return "view.recheck"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;
    [[nodiscard]] std::vector<KeyHint> keyHints() const override;

private:
    void handleKeys();
    void drawList(const LangCatalog& lang);
    void drawEvidence(const RecheckSnapshot::Row& row, const LangCatalog& lang);
    void drawConfirm(const LangCatalog& lang);
    void drawFlag(const LangCatalog& lang);
    [[nodiscard]] const RecheckSnapshot::Row* chosen() const;
    /// Opens the modal `id` when `requested` (and clears it), then begins it: the chosen row while
    /// it is still open for re-check, else nullptr (the popup closed, or not shown). With a row,
    /// the caller ends the popup.
    const RecheckSnapshot::Row* beginRowDialog(bool& requested, const char* id, const char* titleKey,
                                               const LangCatalog& lang);
    void openFlag(bool followUp);

    const RecheckSnapshot& m_snap;
    Commands m_commands;
    std::vector<std::string> m_reasons;
    PhotoPanel m_photos;
    std::size_t m_selected = 0;
    std::int64_t m_selectedId = 0;   // follows the sample when the list reloads
    std::uint64_t m_seenVersion = ~0ull;
    bool m_scrollToSelected = false;
    bool m_openConfirm = false;
    bool m_openFlag = false;
    bool m_focusNote = false;
    int m_reason = -1;
    bool m_followUp = false;
    char m_note[501] = {};
};

} // namespace bhxh::ui
