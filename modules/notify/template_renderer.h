#pragma once
#include "common/result.h"
#include "notify/notification.h"

#include <filesystem>
#include <map>
#include <string>

namespace bhxh::notify {

/// The texts of one message: SMS uses `text` only (unaccented GSM-7); e-mail uses all three.
struct RenderedMessage {
    std::string subject;
    std::string text;
    std::string html;
};

/// Fills the notification templates of assets/templates/notify/<lang>.json.
/// Placeholders are {name} (common/placeholders.h, the syntax of the language files); every one
/// must have a value (a missing one is an error naming it, never an empty hole in a letter to a
/// citizen). A template written with the old {{name}} is refused when the folder is loaded (at
/// start, by `doctor` and by `outbox`), naming the file, the template and what to write instead. Values are HTML-escaped in the HTML part,
/// transliterated to unaccented GSM-7 in SMS; ISO dates (YYYY-MM-DD) in variables named
/// *_date become DD/MM/YYYY. The rejection reason comes from the reason-code table of the
/// language (free text for `other`). SMS must fit `maxSmsParts` parts; only the free text of
/// `other` is shortened to fit, any other overflow is an error.
class TemplateRenderer {
public:
    /// Loads every <lang>.json in the folder.
    static Result<TemplateRenderer> loadDirectory(const std::filesystem::path& dir);
    /// One language from JSON text (tests, and loadDirectory).
    Result<void> addLanguage(const std::string& language, const std::string& jsonText);

    [[nodiscard]] Result<RenderedMessage> render(const Notification& n, Channel channel) const;
    /// The reason text of a code in a language ("photo_mismatch" → "Ảnh chân dung ...").
    [[nodiscard]] Result<std::string> reasonText(const std::string& language, const std::string& code) const;

    void setMaxSmsParts(std::size_t parts) { m_maxSmsParts = parts; }
    [[nodiscard]] bool hasLanguage(const std::string& language) const { return m_languages.count(language) > 0; }

private:
    struct KindTemplates {
        std::string sms;
        std::string subject;
        std::string text;
        std::string html;
    };
    struct Language {
        std::map<std::string, KindTemplates> kinds;
        std::map<std::string, std::string> reasons;
        std::map<std::string, std::string> fieldLabels;
    };

    const Language* language(const std::string& name) const;
    Result<std::map<std::string, std::string>> prepareVars(const Notification& n, const Language& lang) const;

    std::map<std::string, Language> m_languages;
    std::size_t m_maxSmsParts = 2;
};

/// & < > " ' → entities.
std::string htmlEscape(const std::string& s);

} // namespace bhxh::notify
