#pragma once
#include "common/access_hooks.h"
#include "ui_model/settings_snapshot.h"
#include "ui_model/timed_key.h"
#include "ui/view.h"

#include <array>
#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The administrator's screen. Left: the settings in force by group, with a "test connection"
/// button per group; the face cut-offs and retention days can be changed here (Ctrl+S saves);
/// the camera picker (cameras found on the machine, or a video file / image folder typed in,
/// Ctrl+O) with "preview" and "use this camera". Right: the preview with the QR outline and what
/// it read, the scanner test (Ctrl+T: scan a card into the field and see how the desk takes it)
/// and the connection test results. The printer picker (Ctrl+G finds CUPS' printers, Ctrl+I types
/// a URI, Ctrl+Y uses it, Ctrl+P prints a test page) sits in the "Printer" group. Other roles see only that the screen is the administrator's.
class SettingsView : public View {
public:
    struct Commands {
        /// Runs one test ("camera", "portal", "email", "sms") or "all", off the UI thread.
        std::function<void(const std::string& test)> runTest;
        /// Stores changed values (key → text as typed).
        std::function<void(const std::map<std::string, std::string>& values)> save;
        std::function<void()> findCameras;
        std::function<void(const std::string& spec)> preview;
        std::function<void()> stopPreview;
        std::function<void(const std::string& spec)> useCamera;
        /// The scanner test field's text and keys, Enter pressed at the time given.
        std::function<void(const std::string& text, const std::vector<TimedKey>& keys,
                           std::chrono::steady_clock::time_point enterAt)>
            scannerTest;
        /// The printer picker: CUPS' printers, the printer to use (stored), a test page.
        std::function<void()> findPrinters;
        std::function<void(const std::string& uri)> usePrinter;
        std::function<void(const std::string& uri, const std::string& title, const std::vector<std::string>& lines)>
            printTestPage;
    };
    SettingsView(const SettingsSnapshot& snapshot, Commands commands, AuthorizeFn authorize);
    [[nodiscard]] const char* titleKey() const override { return "view.settings"; }
    void draw(const UiContext& ctx) override;
    [[nodiscard]] std::vector<KeyHint> keyHints() const override {
        return {{"Ctrl+G", "keys.printer_find"}, {"Ctrl+I", "keys.printer_field"},
                {"Ctrl+Y", "keys.printer_use"}, {"Ctrl+P", "keys.printer_test"}};
    }

    /// Called by the scanner test field for every character it accepts.
    void noteKey(char32_t codepoint);

private:
    void drawGroup(const UiContext& ctx, const SettingsSnapshot::Group& group, bool busy);
    void drawCameraPicker(const UiContext& ctx);
    void drawPrinterPicker(const UiContext& ctx);
    void testPage(const UiContext& ctx);
    void drawEditable(const UiContext& ctx, const std::string& titleKey);
    void drawSaveLine(const UiContext& ctx);
    void drawPreview(const UiContext& ctx);
    void drawScannerTest(const UiContext& ctx);
    void drawResults(const UiContext& ctx);
    void syncEdits();
    void saveEdits();

    const SettingsSnapshot& m_snapshot;
    Commands m_commands;
    AuthorizeFn m_authorize;
    std::map<std::string, std::array<char, 32>> m_edits;  // key → text in its field
    std::map<std::string, std::string> m_shown;  // key → value in force when the field was filled
    char m_sourceField[512] = {};                // the camera source typed in
    char m_printerField[1025] = {};              // the printer URI typed in or picked
    std::string m_printerShown;                  // the printer in force when the field was filled
    bool m_focusPrinter = false;
    bool m_focusEditable = false;  ///< Ctrl+E: the first value that can be changed (Tab: the next)
    char m_scannerField[2048] = {};
    std::vector<TimedKey> m_scannerKeys;
    std::vector<TimedKey> m_frameKeys;  // this frame's typed keys with their stamps
    std::size_t m_frameNext = 0;        // the next of them the scanner field may take
    bool m_focusScanner = false;
    bool m_focusSource = false;
};

} // namespace bhxh::ui
