#include "ui/pii_field.h"

#include "ui_model/masked_number.h"

#include <imgui.h>

namespace bhxh::ui {

PiiField::PiiField(AuditNoteFn onReveal) : m_onReveal(std::move(onReveal)) {}

bool PiiField::revealed(const std::string& field, const std::string& subject) const {
    return m_revealed.count(field + "|" + subject) > 0;
}

void PiiField::draw(const char* field, const std::string& value, const std::string& subject,
                    const LangCatalog& lang) {
    const std::string key = std::string(field) + "|" + subject;
    if (!value.empty() && subject == m_revealAllOf && m_revealed.insert(key).second && m_onReveal) {
        m_onReveal("reveal", subject, field);
    }
    const bool shown = m_revealed.count(key) > 0;
    ImGui::TextUnformatted(shown ? value.c_str() : MaskedNumber::of(value).c_str());
    if (shown || value.empty()) return;
    ImGui::SameLine();
    ImGui::PushID(key.c_str());
    if (ImGui::SmallButton(lang.tr("pii.reveal"))) {
        m_revealed.insert(key);
        if (m_onReveal) m_onReveal("reveal", subject, field);
    }
    ImGui::PopID();
}

} // namespace bhxh::ui
