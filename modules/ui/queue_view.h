#pragma once
#include "ui_model/queue_snapshot.h"
#include "ui/view.h"

#include <functional>
#include <string>

namespace bhxh::ui {

/// The office's declarations by deadline in a virtualised table (only the visible rows are
/// drawn, so 100,000 stay smooth). Filters: status, due within N days, channel, minors;
/// search by name without diacritics, ID number, BHXH code or phone. J/K (↑/↓) move, Enter
/// opens the row in the walk-in desk, Ctrl+F goes to the search box (Esc leaves it, keeping the
/// text), Alt+1…4 change the status, deadline, channel and minors filters. Rows due today are
/// amber, overdue ones red.
class QueueView final : public View {
public:
    struct Commands {
        std::function<void(const QueueFilter&)> query;  ///< the filter changed: load again
        std::function<void(const std::string& dossierNo)> open;
    };
    QueueView(const QueueSnapshot& snapshot, Commands commands);

    [[nodiscard]] const char* titleKey() const override { return "view.queue"; }
    void draw(const UiContext& ctx) override;
    void onShow() override;
    /// The filter the view asked for last.
    [[nodiscard]] const QueueFilter& filter() const { return m_filter; }

private:
    void filterKeys(QueueFilter& next) const;
    void drawFilters(const LangCatalog& lang);
    void drawTable(const LangCatalog& lang);
    void handleKeys(std::size_t rowCount);

    const QueueSnapshot& m_queue;
    Commands m_commands;
    QueueFilter m_filter;
    char m_search[128] = {};
    std::size_t m_selected = 0;
    bool m_scrollToSelected = false;
    bool m_focusSearch = false;
};

} // namespace bhxh::ui
