// The approval queue with 100,000 declarations: CPU time of one frame of QueueView (ImGui's
// work, no GL: the draw lists are built but not rendered), while scrolling and with a search, and
// the store's load of the whole queue. Goal: ≤ 4 ms a frame.
//   bench_queue_view [ROWS]
#include "bench_store.h"
#include "headless_imgui.h"
#include "store/sqlite_declaration_repository.h"
#include "store/sqlite_queue_reader.h"
#include "ui_model/lang_catalog.h"
#include "ui/queue_view.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

using namespace bhxh;

namespace {

double threadCpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Figures {
    double median = 0;
    double p99 = 0;
    double max = 0;
};

Figures summarise(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return {v[v.size() / 2], v[std::min(v.size() - 1, v.size() * 99 / 100)], v.back()};
}

} // namespace

int main(int argc, char** argv) {
    const int rows = argc > 1 ? std::stoi(argv[1]) : 100000;
    const auto st = bench::BenchStore::open("bhxh-bench-queue");
    if (!st) return 1;
    store::SqliteDeclarationRepository repo(st->db());
    if (!bench::fillStore(repo, rows)) return 1;

    store::SqliteQueueReader reader(st->db());
    declarations::QueueFilter filter;
    filter.officeCode = "07916";
    const auto now = std::chrono::system_clock::now();
    auto t0 = std::chrono::steady_clock::now();
    auto loaded = reader.read(filter, now);
    const double loadMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (!loaded) return std::fprintf(stderr, "%s\n", loaded.error().message.c_str()), 1;
    filter.search = "nguyen van an";
    t0 = std::chrono::steady_clock::now();
    auto searched = reader.read(filter, now);
    const double searchMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();

    auto lang = ui::LangCatalog::loadDirectory(std::filesystem::path(BHXH_SOURCE_DIR) / "assets" / "lang");
    if (!lang) return std::fprintf(stderr, "%s\n", lang.error().message.c_str()), 1;
    const ui::test::HeadlessImGui imgui;  // the default font: glyph baking is not a frame cost
    ImGuiIO& io = ImGui::GetIO();

    ui::QueueSnapshot snapshot;
    snapshot.rows = std::make_shared<const std::vector<ui::QueueRow>>(std::move(loaded).value());
    ui::QueueView view(snapshot, {});
    ui::StatusSnapshot status;
    const ui::UiContext ctx{*lang, status};
    std::vector<double> frames;
    for (int f = 0; f < 600; ++f) {
        const double c0 = threadCpuMs();
        ImGui::NewFrame();
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(io.DisplaySize);
        ImGui::Begin("queue", nullptr, ImGuiWindowFlags_NoDecoration);
        view.draw(ctx);
        ImGui::End();
        ImGui::Render();
        frames.push_back(threadCpuMs() - c0);
        // Scroll through the table as a clerk holding J would.
        io.MouseWheel = -3.0f;
        io.MousePos = ImVec2(700, 500);
    }
    const Figures fig = summarise(frames);
    std::printf("queue view, %d declarations: load %.0f ms, search %zu rows in %.0f ms\n", rows, loadMs,
                searched ? searched->size() : 0, searchMs);
    std::printf("frame CPU (ImGui, no GL): median %.3f ms, p99 %.3f ms, max %.3f ms over %zu frames (goal <= 4 ms)\n",
                fig.median, fig.p99, fig.max, frames.size());
    return 0;
}
