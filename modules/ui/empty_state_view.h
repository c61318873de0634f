#pragma once
#include "ui/view.h"

#include <string>

namespace bhxh::ui {

/// A screen that has nothing to show yet: its title and one line telling the clerk what will
/// appear there and how to get it.
class EmptyStateView : public View {
public:
    EmptyStateView(std::string titleKey, std::string hintKey);
    [[nodiscard]] const char* titleKey() const override { return m_titleKey.c_str(); }
    void draw(const UiContext& ctx) override;

private:
    std::string m_titleKey;
    std::string m_hintKey;
};

} // namespace bhxh::ui
