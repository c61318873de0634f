// The Re-check screen driven with the keyboard in a window-less ImGui: ↓ chooses, F8 → Enter
// confirms, F9 + a digit + a typed note + Enter flags, F10 flags with a follow-up, a judged
// sample takes no verdict, and every key is in the key map.
#include "headless_imgui.h"
#include "ui/recheck_view.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

using namespace bhxh::ui;
using bhxh::ui::test::HeadlessImGui;

namespace {

struct Flag {
    std::int64_t id;
    std::string reason;
    std::string note;
    bool followUp;
};

// The real texts (vi first), so the screen is drawn as the desk draws it.
LangCatalog realCatalog() {
    auto loaded = LangCatalog::loadDirectory(std::filesystem::path(BHXH_SOURCE_DIR) / "assets" / "lang");
    REQUIRE(loaded);
    return std::move(loaded).value();
}

struct RecheckFixture {
    HeadlessImGui imgui;
    LangCatalog lang = realCatalog();
    StatusSnapshot status;
    RecheckSnapshot snapshot;
    std::vector<std::int64_t> confirmed;
    std::vector<std::int64_t> selected;
    std::vector<Flag> flagged;
    RecheckView view{snapshot,
                     {[] {}, [this](std::int64_t id) { selected.push_back(id); },
                      [this](std::int64_t id) { confirmed.push_back(id); },
                      [this](std::int64_t id, const std::string& r, const std::string& n, bool f) {
                          flagged.push_back({id, r, n, f});
                      }},
                     {"wrong_person", "document_mismatch", "face_doubt", "ack_not_justified", "missing_evidence", "other"}};

    RecheckFixture() {
        for (std::int64_t id : {11, 12, 13}) {
            RecheckSnapshot::Row r;
            r.sampleId = id;
            r.dossierNo = "07916-2026-0000" + std::to_string(id);
            r.officer = "q6.clerk";
            r.state = id == 13 ? "confirmed" : "open";
            r.reason = "random";
            snapshot.rows.push_back(r);
        }
        ++snapshot.version;
    }
    void frame(std::initializer_list<int> held = {}) {
        const UiContext ctx{lang, status};
        imgui.frame([&] {
            ImGui::Begin("recheck");
            view.draw(ctx);
            ImGui::End();
        }, held);
    }
    void settle() {
        for (int i = 0; i < 3; ++i) frame();
    }
};

} // namespace

TEST_CASE("the re-check list is chosen with the arrows and F8 then Enter confirms", "[ui][keys][recheck]") {
    RecheckFixture f;
    f.settle();
    REQUIRE(f.selected == std::vector<std::int64_t>{11});  // the first row is chosen: its photos are asked for
    f.frame({keys::Down});
    f.settle();
    CHECK(f.selected.back() == 12);
    f.frame({keys::F8});
    f.settle();
    CHECK(f.confirmed.empty());  // not before Enter
    f.frame({keys::Enter});
    f.settle();
    CHECK(f.confirmed == std::vector<std::int64_t>{12});
}

TEST_CASE("F9 then a digit and a typed note and Enter flag the chosen approval", "[ui][keys][recheck]") {
    RecheckFixture f;
    f.settle();
    f.frame({keys::F9});
    f.settle();
    f.frame({keys::Enter});  // no reason yet: Enter saves nothing
    f.settle();
    CHECK(f.flagged.empty());
    f.frame({keys::Digit1 + 2});  // reason 3: face in doubt
    f.settle();
    f.imgui.type("ảnh mờ");
    f.settle();
    f.frame({keys::Enter});
    f.settle();
    REQUIRE(f.flagged.size() == 1);
    CHECK(f.flagged[0].id == 11);
    CHECK(f.flagged[0].reason == "face_doubt");
    CHECK(f.flagged[0].note == "ảnh mờ");
    CHECK_FALSE(f.flagged[0].followUp);
}

TEST_CASE("F10 flags with a follow-up and Esc leaves the dialog without a verdict", "[ui][keys][recheck]") {
    RecheckFixture f;
    f.settle();
    f.frame({keys::F10});
    f.settle();
    f.frame({keys::Escape});
    f.settle();
    CHECK(f.flagged.empty());
    f.frame({keys::F10});
    f.settle();
    f.frame({keys::F10});  // in the dialog F10 toggles the follow-up: off, then on again
    f.settle();
    f.frame({keys::F10});
    f.settle();
    f.frame({keys::Down});  // ↓ picks the first reason
    f.settle();
    f.frame({keys::Enter});
    f.settle();
    REQUIRE(f.flagged.size() == 1);
    CHECK(f.flagged[0].reason == "wrong_person");
    CHECK(f.flagged[0].followUp);
}

TEST_CASE("a judged sample takes no verdict and every re-check key is in the key map", "[ui][keys][recheck]") {
    RecheckFixture f;
    f.settle();
    f.frame({keys::Down});
    f.frame();
    f.frame({keys::Down});
    f.settle();
    CHECK(f.selected.back() == 13);  // confirmed already
    f.frame({keys::F8});
    f.settle();
    f.frame({keys::Enter});
    f.frame({keys::F9});
    f.settle();
    f.frame({keys::Digit1});
    f.settle();
    f.frame({keys::Enter});
    f.settle();
    CHECK(f.confirmed.empty());
    CHECK(f.flagged.empty());
    std::string mapped;
    for (const auto& hint : f.view.keyHints()) mapped += std::string(hint.keys) + " ";
    for (const char* key : {"F8", "F9", "F10", "Enter"}) CHECK(mapped.find(key) != std::string::npos);
}
