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
    shell.addView("desk", std::move(desk));
    shell.addView("queue", std::make_unique<ProbeView>("view.queue", [&] {
        if (ask) shell.selectView("desk");  // what QueueView's Enter does through openDeclaration
        ask = false;
    }));
    shell.selectView("queue");
    for (int i = 0; i < 3; ++i) imgui.frame([&] { shell.draw(); });
    REQUIRE(shell.selectedView() == "queue");
    const int deskFrames = deskView->drawn;
    ask = true;
    for (int i = 0; i < 4; ++i) imgui.frame([&] { shell.draw(); });
    CHECK(shell.selectedView() == "desk");
    CHECK(deskView->drawn > deskFrames);
}

TEST_CASE("Esc goes to the top-most overlay only", "[ui][keys]") {
    HeadlessImGui imgui;
    LangCatalog lang = testCatalog();
    StatusSnapshot status;
    AppShell shell(lang, status, {}, "test");
    bool escBelow = false;
    shell.addView("desk", std::make_unique<ProbeView>("view.desk", [&] { escBelow = escBelow || EscapeKey::take(); }));
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

TEST_CASE("a tab that needs an action shows only to roles that may do it and Ctrl+digits number the shown tabs",
          "[ui][keys]") {
    HeadlessImGui imgui;
    LangCatalog lang = testCatalog();
    StatusSnapshot status;
    AppShell shell(lang, status, {}, "test");
    bool mayReview = false;
    shell.setAccess([&](bhxh::Action action) { return action == bhxh::Action::QaReview && mayReview; });
    auto recheck = std::make_unique<ProbeView>("view.recheck");
    ProbeView* recheckView = recheck.get();
    shell.addView("desk", std::make_unique<ProbeView>("view.desk"));
    shell.addView("recheck", std::move(recheck), bhxh::Action::QaReview);
    shell.addView("queue", std::make_unique<ProbeView>("view.queue"));
    CHECK(shell.selectedView() == "desk");

    // A clerk: the re-check tab is not there, Ctrl+2 is the queue, and asking for it by id shows nothing.
    imgui.frame([&] { shell.draw(); });
    imgui.frame([&] { shell.draw(); }, {keys::Digit1 + 1}, true);
    imgui.frame([&] { shell.draw(); });
    CHECK(shell.selectedView() == "queue");
    shell.selectView("recheck");
    for (int i = 0; i < 3; ++i) imgui.frame([&] { shell.draw(); });
    CHECK(recheckView->drawn == 0);

    // A supervisor: Ctrl+2 is the re-check tab.
    mayReview = true;
    imgui.frame([&] { shell.draw(); }, {keys::Digit1 + 1}, true);
    for (int i = 0; i < 3; ++i) imgui.frame([&] { shell.draw(); });
    CHECK(shell.selectedView() == "recheck");
    CHECK(recheckView->drawn > 0);

    shell.selectView("no-such-tab");
    imgui.frame([&] { shell.draw(); });
    CHECK(shell.selectedView() == "recheck");
}
