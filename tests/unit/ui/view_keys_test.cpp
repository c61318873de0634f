#include "headless_imgui.h"
#include "ui/app_shell.h"
#include "ui/error_text.h"
#include "ui/escape_key.h"
#include "ui/queue_view.h"
#include "ui_model/error_key.h"

#include <catch2/catch.hpp>
#include <imgui_internal.h>

#include <memory>
#include <string>
#include <vector>

using namespace bhxh::ui;
using bhxh::ui::test::HeadlessImGui;

namespace {

LangCatalog testCatalog() {
    LangCatalog lang;
    REQUIRE(lang.addLanguage("vi", R"({"error.portal.conflict": "Cổng từ chối: quầy khác đang xử lý"})", "test").ok());
    return lang;
}

// A tab that counts its frames and may ask the shell for another tab while it draws.
class ProbeView final : public View {
public:
    ProbeView(const char* title, std::function<void()> onDraw = {}) : m_title(title), m_onDraw(std::move(onDraw)) {}
    [[nodiscard]] const char* titleKey() const override { return m_title; }
    void draw(const UiContext&) override {
        ++drawn;
        if (m_onDraw) m_onDraw();
    }
    int drawn = 0;

private:
    const char* m_title;
    std::function<void()> m_onDraw;
};

// The approval queue drawn in a window of its own, frame by frame.
struct QueueFixture {
    HeadlessImGui imgui;
    LangCatalog lang = testCatalog();
    StatusSnapshot status;
    QueueSnapshot snapshot;
    std::vector<std::string> opened;
    QueueView view{snapshot, {[](const QueueFilter&) {}, [this](const std::string& d) { opened.push_back(d); }}};

    void frame(std::initializer_list<int> held = {}, bool ctrl = false, bool alt = false) {
        const UiContext ctx{lang, status};
        imgui.frame(
            [&] {
                ImGui::Begin("queue");
                view.draw(ctx);
                ImGui::End();
            },
            held, ctrl, alt);
    }
};

} // namespace

TEST_CASE("a tab asked for while another tab draws is shown (the queue's Enter opens the desk)", "[ui][keys]") {
    HeadlessImGui imgui;
    LangCatalog lang = testCatalog();
    StatusSnapshot status;
    AppShell shell(lang, status, {}, "test");
    bool ask = false;
    auto desk = std::make_unique<ProbeView>("view.desk");
    ProbeView* deskView = desk.get();
    shell.addView(std::move(desk));
    shell.addView(std::make_unique<ProbeView>("view.queue", [&] {
        if (ask) shell.selectView(0);  // what QueueView's Enter does through openDeclaration
        ask = false;
    }));
    shell.selectView(1);
    for (int i = 0; i < 3; ++i) imgui.frame([&] { shell.draw(); });
    REQUIRE(shell.selectedView() == 1);
    const int deskFrames = deskView->drawn;
    ask = true;
    for (int i = 0; i < 4; ++i) imgui.frame([&] { shell.draw(); });
    CHECK(shell.selectedView() == 0);
    CHECK(deskView->drawn > deskFrames);
}

TEST_CASE("Esc goes to the top-most overlay only", "[ui][keys]") {
    HeadlessImGui imgui;
    LangCatalog lang = testCatalog();
    StatusSnapshot status;
    AppShell shell(lang, status, {}, "test");
    bool escBelow = false;
    shell.addView(std::make_unique<ProbeView>("view.desk", [&] { escBelow = escBelow || EscapeKey::take(); }));
    imgui.frame([&] { shell.draw(); }, {keys::F1});  // the key map opens
    imgui.frame([&] { shell.draw(); });
    imgui.frame([&] { shell.draw(); }, {keys::Escape});
    CHECK_FALSE(escBelow);  // the key map took it
    imgui.frame([&] { shell.draw(); });
    imgui.frame([&] { shell.draw(); }, {keys::Escape});
    CHECK(escBelow);  // nothing above the view any more

    bool first = false;
    bool second = true;
    imgui.frame([] {});
    imgui.frame([&] {
        first = EscapeKey::take();
        second = EscapeKey::take();
    }, {keys::Escape});
    CHECK(first);
    CHECK_FALSE(second);
}

TEST_CASE("Esc leaves the queue's search field keeping the text", "[ui][keys][queue]") {
    QueueFixture q;
    q.frame();
    q.frame({keys::F}, true);  // Ctrl+F: to the search field
    q.frame();
    q.frame();
    q.imgui.type("nguyen");
    q.frame();
    q.frame();
    REQUIRE(q.view.filter().search == "nguyen");
    q.frame({keys::Escape});
    q.frame();
    CHECK(q.view.filter().search == "nguyen");  // ImGui 1.86 alone puts back "" here
    CHECK(ImGui::GetActiveID() == 0);            // out of the field: Enter now opens a row
}

TEST_CASE("Alt+1…4 change the queue's filters", "[ui][keys][queue]") {
    QueueFixture q;
    q.frame();
    REQUIRE(q.view.filter().status == bhxh::declarations::DeclarationStatus::Pending);
    q.frame({keys::Digit1}, false, true);
    CHECK(q.view.filter().status == bhxh::declarations::DeclarationStatus::Claimed);
    q.frame({keys::Digit1 + 1}, false, true);
    CHECK(q.view.filter().dueWithinDays == 0);
    q.frame({keys::Digit1 + 2}, false, true);
    CHECK(q.view.filter().channel == "vssid");
    q.frame({keys::Digit1 + 3}, false, true);
    CHECK(q.view.filter().minorsOnly);
}

TEST_CASE("errors reach the clerk through the lang text of their code", "[ui][lang]") {
    LangCatalog lang = testCatalog();
    CHECK(ErrorKey::keyFor(lang, "the portal refused the decision (not retried): portal.conflict: held by 07916-D02",
                            "outbox.last_error") == "error.portal.conflict");
    CHECK(ErrorKey::keyFor(lang, "portal.conflict.", "x") == "error.portal.conflict");
    CHECK(ErrorKey::keyFor(lang, "eSMS 108: phone format", "outbox.last_error") == "outbox.last_error");
    CHECK(ErrorKey::keyFor(lang, "portal.unheard_of: what", "outbox.last_error") == "outbox.last_error");
    CHECK(ErrorKey::keyFor(lang, "", "outbox.last_error") == "outbox.last_error");
}
