#pragma once
#include "common/access_hooks.h"
#include "ui_model/lang_catalog.h"

#include <set>
#include <string>
#include <string_view>

namespace bhxh::ui {

/// Draws personal numbers (CCCD, BHXH code, phone) with only their last digits until the clerk
/// reveals them; a reveal lasts until hideAll() (e.g. when another declaration opens) and is
/// reported once through the audit hook. Each view owns one.
class PiiField {
public:
    explicit PiiField(AuditNoteFn onReveal = {});
    void setOnReveal(AuditNoteFn onReveal) { m_onReveal = std::move(onReveal); }
    /// Draws `value` (masked or not) and a small reveal button. `field` names it in the audit
    /// entry ("id_number", "bhxh_code", "phone"); `subject` is the dossier number.
    void draw(const char* field, const std::string& value, const std::string& subject, const LangCatalog& lang);
    [[nodiscard]] bool revealed(const std::string& field, const std::string& subject) const;
    void hideAll() {
        m_revealed.clear();
        m_revealAllOf.clear();
    }
    /// The reveal key (Ctrl+R): every number of `subject` drawn from now on is shown, each one
    /// reported through the audit hook as a click on its button would be.
    void revealAll(const std::string& subject) { m_revealAllOf = subject; }

private:
    AuditNoteFn m_onReveal;
    std::set<std::string> m_revealed;  // "field|subject"
    std::string m_revealAllOf;          // subject whose numbers the reveal key showed
};

} // namespace bhxh::ui
