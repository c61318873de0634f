#include "ui/settings_view.h"

#include "ui/camera_picture.h"
#include "ui/keys.h"
#include "ui/print_status_line.h"

#include <imgui.h>

#include <cstdio>
#include <cstring>

namespace bhxh::ui {
namespace {

const ImVec4 kOk(0.16f, 0.55f, 0.27f, 1.0f);
const ImVec4 kWarn(0.80f, 0.50f, 0.10f, 1.0f);
const ImVec4 kFail(0.75f, 0.20f, 0.18f, 1.0f);

// The group whose editable values are drawn under it.
const char* groupOfKey(const std::string& key) {
    return key.rfind("face.", 0) == 0 ? "settings.group.face" : "settings.group.privacy";
}

// Numbers as clerks write them: digits, a minus, a decimal point or comma ("0,45").
int numberCharFilter(ImGuiInputTextCallbackData* data) {
    const ImWchar c = data->EventChar;
    const bool allowed = (c >= '0' && c <= '9') || c == '.' || c == ',' || c == '-';
    return allowed ? 0 : 1;
}

int scannerCharFilter(ImGuiInputTextCallbackData* data) {
    static_cast<SettingsView*>(data->UserData)->noteKey(static_cast<char32_t>(data->EventChar));
    return 0;  // keep the character
}

void copyInto(char* out, std::size_t size, const std::string& text) {
    std::snprintf(out, size, "%s", text.c_str());
}

} // namespace

SettingsView::SettingsView(const SettingsSnapshot& snapshot, Commands commands, AuthorizeFn authorize)
    : m_snapshot(snapshot), m_commands(std::move(commands)), m_authorize(std::move(authorize)) {}

void SettingsView::noteKey(char32_t codepoint) {
    // The field takes this frame's characters in the order they were typed: each one gets the
    // stamp of when it reached the desk (ui::TypedKeys), as the desk's own scanner assembly does.
    for (std::size_t i = m_frameNext; i < m_frameKeys.size(); ++i) {
        if (!m_frameKeys[i].isEnter() && m_frameKeys[i].codepoint == codepoint) {
            m_scannerKeys.push_back(m_frameKeys[i]);
            m_frameNext = i + 1;
            return;
        }
    }
    m_scannerKeys.push_back({codepoint, std::chrono::steady_clock::now()});  // pasted, not typed
}

void SettingsView::saveEdits() {
    if (!m_commands.save || m_snapshot.saving) return;
    std::map<std::string, std::string> values;
    for (const auto& [key, text] : m_edits) values[key] = text.data();
    m_commands.save(values);
}

void SettingsView::syncEdits() {
    // A field shows the value in force until the administrator types in it; after a save (or a
    // change made elsewhere) it shows the new value in force.
    for (const auto& e : m_snapshot.editable) {
        auto shown = m_shown.find(e.key);
        if (shown != m_shown.end() && shown->second == e.value) continue;
        m_shown[e.key] = e.value;
        copyInto(m_edits[e.key].data(), m_edits[e.key].size(), e.value);
    }
}

void SettingsView::draw(const UiContext& ctx) {
    if (m_authorize) {
        if (auto allowed = m_authorize("settings.change"); !allowed) {
            ImGui::Dummy(ImVec2(0, ImGui::GetTextLineHeight()));
            ImGui::TextUnformatted(ctx.lang.tr("settings.admin_only"));
            return;
        }
    }
    syncEdits();
    m_frameKeys = ctx.typed.frame();
    m_frameNext = 0;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::T, false)) m_focusScanner = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::O, false)) m_focusSource = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::S, false)) saveEdits();
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::F, false) && m_commands.findCameras) m_commands.findCameras();
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::U, false) && m_commands.useCamera && m_sourceField[0] != '\0') {
        m_commands.useCamera(m_sourceField);
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::G, false) && m_commands.findPrinters) m_commands.findPrinters();
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::I, false)) m_focusPrinter = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::E, false)) m_focusEditable = true;
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::Y, false) && m_commands.usePrinter) m_commands.usePrinter(m_printerField);
    if (io.KeyCtrl && ImGui::IsKeyPressed(keys::P, false)) testPage(ctx);
    if (ImGui::IsKeyPressed(keys::F5, false) && m_commands.runTest && m_snapshot.running.empty()) m_commands.runTest("all");
    if (ImGui::IsKeyPressed(keys::Escape, false) && m_commands.stopPreview && !m_snapshot.previewSpec.empty()) {
        m_commands.stopPreview();
    }

    const bool busy = !m_snapshot.running.empty();
    ImGui::TextDisabled("%s", ctx.lang.format("settings.source", {{"file", m_snapshot.configFile.empty()
                                                                                ? std::string(ctx.lang.tr("settings.defaults"))
                                                                                : m_snapshot.configFile}})
                                  .c_str());
    ImGui::BeginDisabled(busy);
    const std::string runAll = std::string(ctx.lang.tr("settings.run_all")) + " (F5)";
    if (ImGui::Button(runAll.c_str()) && m_commands.runTest) m_commands.runTest("all");
    ImGui::EndDisabled();
    if (busy) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.running"));
    }

    const float half = ImGui::GetContentRegionAvail().x * 0.52f;
    ImGui::BeginChild("##settings-groups", ImVec2(half, 0), false);
    for (const auto& group : m_snapshot.groups) {
        drawGroup(ctx, group, busy);
        if (group.titleKey == "settings.group.privacy") drawSaveLine(ctx);  // under the last editable group
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("##settings-side", ImVec2(0, 0), true);
    ImGui::PushTextWrapPos(0.0f);  // long lines (timings, paths, the driver's words) wrap in this column
    drawPreview(ctx);
    ImGui::Spacing();
    drawScannerTest(ctx);
    ImGui::Spacing();
    drawResults(ctx);
    ImGui::PopTextWrapPos();
    ImGui::EndChild();
}

void SettingsView::drawGroup(const UiContext& ctx, const SettingsSnapshot::Group& group, bool busy) {
    ImGui::Spacing();
    ImGui::TextUnformatted(ctx.lang.tr(group.titleKey));
    if (!group.test.empty()) {
        ImGui::SameLine();
        ImGui::BeginDisabled(busy);
        const std::string label = std::string(ctx.lang.tr("settings.test")) + "###test-" + group.test;
        if (ImGui::SmallButton(label.c_str()) && m_commands.runTest) m_commands.runTest(group.test);
        ImGui::EndDisabled();
    }
    ImGui::Separator();
    if (group.titleKey == "settings.group.camera") drawCameraPicker(ctx);
    if (group.titleKey == "settings.group.print") drawPrinterPicker(ctx);
    if (ImGui::BeginTable(group.titleKey.c_str(), 2, ImGuiTableFlags_RowBg)) {
        // One label width for every group, so the values line up down the screen.
        ImGui::TableSetupColumn("##name", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 14);
        ImGui::TableSetupColumn("##value", ImGuiTableColumnFlags_WidthStretch);
        drawEditable(ctx, group.titleKey);
        for (const auto& row : group.rows) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.lang.tr(row.labelKey));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", row.valueIsKey ? ctx.lang.tr(row.value) : row.value.c_str());
        }
        ImGui::EndTable();
    }
}

// The values of this group that may be changed here, as fields (inside the group's table).
void SettingsView::drawEditable(const UiContext& ctx, const std::string& titleKey) {
    for (const auto& e : m_snapshot.editable) {
        if (titleKey != groupOfKey(e.key)) continue;
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(ctx.lang.tr(e.labelKey));
        // The keyboard's way in: Ctrl+E the first of these fields, then Tab / Shift+Tab.
        const bool first = &e == &m_snapshot.editable.front();
        if (first) {
            ImGui::SameLine();
            ImGui::TextDisabled("(Ctrl+E)");
        }
        ImGui::TableNextColumn();
        auto& buffer = m_edits[e.key];
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
        const std::string id = "##edit-" + e.key;
        if (first && m_focusEditable) {
            ImGui::SetKeyboardFocusHere();
            m_focusEditable = false;
        }
        ImGui::InputText(id.c_str(), buffer.data(), buffer.size(), ImGuiInputTextFlags_CallbackCharFilter, numberCharFilter);
        if (e.changedHere) {
            ImGui::SameLine();
            ImGui::TextDisabled("%s", ctx.lang.tr("settings.changed_here"));
        }
    }
}

void SettingsView::drawSaveLine(const UiContext& ctx) {
    ImGui::Spacing();
    ImGui::Separator();
    ImGui::BeginDisabled(m_snapshot.saving);
    const std::string label = std::string(ctx.lang.tr("settings.save")) + " (Ctrl+S)";
    if (ImGui::Button(label.c_str())) saveEdits();
    ImGui::EndDisabled();
    if (m_snapshot.saving) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.saving"));
    } else if (!m_snapshot.saveKey.empty()) {
        ImGui::SameLine();
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(m_snapshot.saveFailed ? kFail : kOk, "%s", ctx.lang.tr(m_snapshot.saveKey));
        ImGui::PopTextWrapPos();
    }
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextDisabled("%s", ctx.lang.tr("settings.save_note"));
    ImGui::PopTextWrapPos();
}

void SettingsView::drawCameraPicker(const UiContext& ctx) {
    ImGui::Text("%s: %s", ctx.lang.tr("settings.camera_in_use"), m_snapshot.cameraSource.c_str());
    ImGui::BeginDisabled(m_snapshot.probing);
    const std::string find = std::string(ctx.lang.tr(m_snapshot.probing ? "settings.cameras_probing" : "settings.find_cameras")) +
                             " (Ctrl+F)###find-cameras";
    if (ImGui::Button(find.c_str()) && m_commands.findCameras) {
        m_commands.findCameras();
    }
    ImGui::EndDisabled();
    for (const auto& cam : m_snapshot.cameras) {
        ImGui::SameLine();
        const std::string label = cam.label + (cam.inUse ? std::string(" · ") + ctx.lang.tr("settings.in_use") : "") +
                                  "##cam-" + cam.spec;
        if (ImGui::Button(label.c_str())) copyInto(m_sourceField, sizeof m_sourceField, cam.spec);
    }
    if (m_focusSource) {
        ImGui::SetKeyboardFocusHere();
        m_focusSource = false;
    }
    ImGui::SetNextItemWidth(-1);
    const bool entered = ImGui::InputTextWithHint("##camera-source", ctx.lang.tr("settings.camera_source_hint"), m_sourceField,
                                                  sizeof m_sourceField, ImGuiInputTextFlags_EnterReturnsTrue);
    const std::string spec = m_sourceField;
    ImGui::BeginDisabled(spec.empty());
    if ((ImGui::Button(ctx.lang.tr("settings.preview")) || entered) && m_commands.preview) m_commands.preview(spec);
    ImGui::SameLine();
    ImGui::BeginDisabled(m_snapshot.saving || spec == m_snapshot.cameraSource);
    const std::string use = std::string(ctx.lang.tr("settings.use_camera")) + " (Ctrl+U)";
    if (ImGui::Button(use.c_str()) && m_commands.useCamera) m_commands.useCamera(spec);
    ImGui::EndDisabled();
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(m_snapshot.previewSpec.empty());
    const std::string stop = std::string(ctx.lang.tr("settings.stop_preview")) + " (Esc)";
    if (ImGui::Button(stop.c_str()) && m_commands.stopPreview) m_commands.stopPreview();
    ImGui::EndDisabled();
}

void SettingsView::testPage(const UiContext& ctx) {
    if (!m_commands.printTestPage || m_snapshot.printTest.phase == PrintStatus::Phase::Printing) return;
    const std::string uri = m_printerField[0] != '\0' ? std::string(m_printerField) : m_snapshot.printerUri;
    if (uri.empty()) return;
    const LangCatalog& lang = ctx.lang;
    m_commands.printTestPage(uri, lang.tr("print.test_page.title"),
                             {lang.tr("print.test_page.line1"), lang.format("print.test_page.printer", {{"uri", uri}}),
                              lang.tr("print.test_page.line2")});
}

void SettingsView::drawPrinterPicker(const UiContext& ctx) {
    const LangCatalog& lang = ctx.lang;
    // The field shows the printer in force until the administrator types or picks another.
    if (m_printerShown != m_snapshot.printerUri) {
        m_printerShown = m_snapshot.printerUri;
        copyInto(m_printerField, sizeof m_printerField, m_snapshot.printerUri);
    }
    ImGui::Text("%s: %s", lang.tr("settings.printer_in_use"),
                m_snapshot.printerUri.empty() ? lang.tr("settings.no_printer") : m_snapshot.printerUri.c_str());
    ImGui::BeginDisabled(m_snapshot.findingPrinters);
    const std::string find = std::string(lang.tr(m_snapshot.findingPrinters ? "settings.printers_finding" : "settings.find_printers")) +
                             " (Ctrl+G)###find-printers";
    if (ImGui::Button(find.c_str()) && m_commands.findPrinters) m_commands.findPrinters();
    ImGui::EndDisabled();
    for (const auto& p : m_snapshot.printers) {
        ImGui::SameLine();
        const std::string label = p.label + "##printer-" + p.uri;
        if (ImGui::Button(label.c_str())) copyInto(m_printerField, sizeof m_printerField, p.uri);
    }
    if (!m_snapshot.printersErrorKey.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.tr(m_snapshot.printersErrorKey));
    } else if (m_snapshot.printers.empty() && !m_snapshot.findingPrinters) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", lang.tr("settings.printers_none"));
    }
    if (m_focusPrinter) {
        ImGui::SetKeyboardFocusHere();
        m_focusPrinter = false;
    }
    ImGui::SetNextItemWidth(-1);
    const std::string hint = std::string(lang.tr("settings.printer_hint")) + " (Ctrl+I)";
    ImGui::InputTextWithHint("##printer-uri", hint.c_str(), m_printerField, sizeof m_printerField);
    ImGui::BeginDisabled(m_snapshot.saving || m_printerField == m_snapshot.printerUri);
    const std::string use = std::string(lang.tr("settings.use_printer")) + " (Ctrl+Y)";
    if (ImGui::Button(use.c_str()) && m_commands.usePrinter) m_commands.usePrinter(m_printerField);
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::BeginDisabled(m_snapshot.printTest.phase == PrintStatus::Phase::Printing ||
                         (m_printerField[0] == '\0' && m_snapshot.printerUri.empty()));
    const std::string test = std::string(lang.tr("settings.test_page")) + " (Ctrl+P)";
    if (ImGui::Button(test.c_str())) testPage(ctx);
    ImGui::EndDisabled();
    if (!m_snapshot.saveKey.empty() && m_snapshot.saveKey == "settings.error.printer_uri") {
        ImGui::TextColored(kFail, "%s", lang.tr(m_snapshot.saveKey));
    }
    PrintStatusLine::draw(m_snapshot.printTest, lang);
}

void SettingsView::drawPreview(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("settings.preview_title"));
    ImGui::Separator();
    if (m_snapshot.previewSpec.empty()) {
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.preview_none"));
        return;
    }
    ImGui::TextWrapped("%s: %s", m_snapshot.previewSpec.c_str(), ctx.lang.tr(m_snapshot.previewStateKey));
    if (!m_snapshot.previewDetail.empty()) ImGui::TextColored(kFail, "%s", m_snapshot.previewDetail.c_str());
    const float width = std::min(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 24);
    drawCameraPicture(m_snapshot.preview, m_snapshot.previewOutline, width, ctx.lang.tr("settings.preview.opening"));
    if (!m_snapshot.previewReadKey.empty()) {
        ImGui::TextColored(kOk, "%s %s", ctx.lang.tr("settings.preview_read"), ctx.lang.tr(m_snapshot.previewReadKey));
        ImGui::SameLine();
        ImGui::TextUnformatted(m_snapshot.previewRead.c_str());
    }
}

void SettingsView::drawScannerTest(const UiContext& ctx) {
    const std::string title = std::string(ctx.lang.tr("settings.scanner_title")) + " (Ctrl+T)";
    ImGui::TextUnformatted(title.c_str());
    ImGui::Separator();
    ImGui::TextDisabled("%s", ctx.lang.tr("settings.scanner_hint"));
    if (m_focusScanner) {
        ImGui::SetKeyboardFocusHere();
        m_focusScanner = false;
    }
    ImGui::SetNextItemWidth(-1);
    const bool entered =
        ImGui::InputText("##scanner-test", m_scannerField, sizeof m_scannerField,
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CallbackCharFilter, scannerCharFilter, this);
    if (m_scannerField[0] == '\0' && !entered) m_scannerKeys.clear();  // emptied by hand: start again
    if (entered) {
        if (m_commands.scannerTest && m_scannerField[0] != '\0') {
            auto enterAt = std::chrono::steady_clock::now();
            for (const TimedKey& k : m_frameKeys) {
                if (k.isEnter()) enterAt = k.at;
            }
            m_commands.scannerTest(m_scannerField, m_scannerKeys, enterAt);
        }
        m_scannerField[0] = '\0';
        m_scannerKeys.clear();
        m_focusScanner = true;  // ready for the next card
    }
    const auto& t = m_snapshot.scanner;
    if (!t.done) return;
    const std::string timing = ctx.lang.format(
        "settings.scanner_timing", {{"chars", std::to_string(t.characters)}, {"ms", std::to_string(t.totalMs)},
                                    {"gap", std::to_string(t.slowestGapMs)}, {"allowed", std::to_string(t.allowedGapMs)},
                                    {"min", std::to_string(t.minLength)}});
    ImGui::TextColored(t.recognised ? kOk : kWarn, "%s",
                       ctx.lang.tr(t.recognised ? "settings.scanner_recognised" : "settings.scanner_not_recognised"));
    ImGui::TextDisabled("%s", timing.c_str());
    ImGui::TextUnformatted(ctx.lang.tr(t.kindKey));
    if (!t.error.empty()) ImGui::TextColored(kFail, "%s", t.error.c_str());
    if (!t.fields.empty() && ImGui::BeginTable("##scanner-fields", 2, ImGuiTableFlags_RowBg)) {
        ImGui::TableSetupColumn("##n", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8);
        ImGui::TableSetupColumn("##v", ImGuiTableColumnFlags_WidthStretch);
        for (const auto& [label, value] : t.fields) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(ctx.lang.tr(label));
            ImGui::TableNextColumn();
            ImGui::TextWrapped("%s", value.c_str());
        }
        ImGui::EndTable();
    }
    for (const auto& [key, params] : t.warnings) ImGui::TextColored(kWarn, "%s", ctx.lang.format(key, params).c_str());
}

void SettingsView::drawResults(const UiContext& ctx) {
    ImGui::TextUnformatted(ctx.lang.tr("settings.results"));
    ImGui::Separator();
    if (m_snapshot.results.empty()) {
        ImGui::TextDisabled("%s", ctx.lang.tr("settings.no_results"));
        return;
    }
    for (const auto& line : m_snapshot.results) {
        const ImVec4 color = line.status == "OK" ? kOk : (line.status == "WARN" ? kWarn : kFail);
        ImGui::TextColored(color, "%s", line.status.c_str());
        ImGui::SameLine(ImGui::GetFontSize() * 3.5f);
        ImGui::TextUnformatted(line.subject.c_str());
        ImGui::Indent(ImGui::GetFontSize() * 3.5f);
        ImGui::PushTextWrapPos(0.0f);
        // What to do in the officer's language first; what was found (English) below it.
        if (!line.fixKey.empty()) {
            ImGui::TextWrapped("%s %s", ctx.lang.tr("settings.fix"), ctx.lang.formatMap(line.fixKey, line.fixParams).c_str());
        }
        ImGui::TextDisabled("%s", line.detail.c_str());
        ImGui::PopTextWrapPos();
        ImGui::Unindent(ImGui::GetFontSize() * 3.5f);
    }
}

} // namespace bhxh::ui
