// PrintService without a printer on the network: a scripted print::Printer on the print thread,
// the MainThreadQueue drained as the UI would. Every change reaches the UI thread as a
// ui::PrintStatus, the errors keep the PDF's path and the printer's reason, and stop() ends a
// job's wait at once without telling anyone.
#include "app/print_service.h"
#include "common/stop_wait.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace bhxh;
using namespace bhxh::app;
using namespace std::chrono_literals;

namespace {

class ScriptedPrinter final : public print::Printer {
public:
    enum class Ends { Printed, OutOfPaper, Hangs };
    explicit ScriptedPrinter(Ends ends) : m_ends(ends) {}
    Result<print::JobStatus> print(const print::PrintRequest& request, const Progress& progress, std::stop_token stop) override {
        seenUri = request.printerUri;
        onThread = std::this_thread::get_id();
        print::JobStatus s;
        s.jobId = 7;
        s.state = print::JobState::Pending;
        progress(s);
        if (m_ends == Ends::Hangs) {
            waitUnlessStopped(stop, 60s);
            return makeError("print.error.cancelled", "stopped");
        }
        if (m_ends == Ends::OutOfPaper) {
            s.printerReasons = {"media-empty-error"};
            progress(s);
            return makeError("print.error.timeout", "print.reason.media_empty");
        }
        s.state = print::JobState::Processing;
        progress(s);
        s.state = print::JobState::Completed;
        return s;
    }
    std::string seenUri;
    std::thread::id onThread;

private:
    Ends m_ends;
};

struct Fixture {
    explicit Fixture(ScriptedPrinter::Ends ends) {
        auto owned = std::make_unique<ScriptedPrinter>(ends);
        printer = owned.get();
        service = std::make_unique<PrintService>(queue, std::move(owned), "ipp://localhost:8631/ipp/print");
    }
    bool pumpUntil(const std::function<bool()>& done) {
        const auto deadline = std::chrono::steady_clock::now() + 10s;
        while (std::chrono::steady_clock::now() < deadline) {
            queue.drain();
            if (done()) return true;
            std::this_thread::sleep_for(2ms);
        }
        return false;
    }
    MainThreadQueue queue;
    ScriptedPrinter* printer = nullptr;
    std::unique_ptr<PrintService> service;
    std::vector<ui::PrintStatus> seen;
};

} // namespace

TEST_CASE("a printed job reports each state on the UI thread and ends printed", "[app][print]") {
    Fixture f(ScriptedPrinter::Ends::Printed);
    const auto ui = std::this_thread::get_id();
    f.service->submit("/tmp/r.pdf", "receipt 1", "q6.clerk", [&](const ui::PrintStatus& s) {
        CHECK(std::this_thread::get_id() == ui);
        f.seen.push_back(s);
    });
    REQUIRE(f.pumpUntil([&] { return !f.seen.empty() && f.seen.back().phase != ui::PrintStatus::Phase::Printing; }));
    CHECK(f.printer->onThread != ui);  // never on the UI thread
    CHECK(f.printer->seenUri == "ipp://localhost:8631/ipp/print");
    REQUIRE(f.seen.size() >= 3);
    CHECK(f.seen.front().stateKey == "print.state.sending");
    CHECK(f.seen[1].stateKey == "print.state.pending");
    CHECK(f.seen.back().phase == ui::PrintStatus::Phase::Printed);
    CHECK(f.seen.back().jobId == 7);
    CHECK(f.seen.back().pdfPath == "/tmp/r.pdf");
}

TEST_CASE("out of paper shows while waiting and the error keeps the reason and the PDF", "[app][print]") {
    Fixture f(ScriptedPrinter::Ends::OutOfPaper);
    f.service->submit("/tmp/r.pdf", "receipt 1", "q6.clerk", [&](const ui::PrintStatus& s) { f.seen.push_back(s); },
                      "ipp://elsewhere/ipp/print");
    REQUIRE(f.pumpUntil([&] { return !f.seen.empty() && f.seen.back().phase == ui::PrintStatus::Phase::Failed; }));
    CHECK(f.printer->seenUri == "ipp://elsewhere/ipp/print");  // the test page's printer, not the configured one
    bool warned = false;
    for (const auto& s : f.seen) warned = warned || (s.phase == ui::PrintStatus::Phase::Printing && s.reasonKey == "print.reason.media_empty");
    CHECK(warned);
    CHECK(f.seen.back().errorKey == "print.error.timeout");
    CHECK(f.seen.back().reasonKey == "print.reason.media_empty");
    CHECK(f.seen.back().pdfPath == "/tmp/r.pdf");
}

TEST_CASE("stopping ends a job's wait at once and tells nobody", "[app][print]") {
    Fixture f(ScriptedPrinter::Ends::Hangs);
    f.service->submit("/tmp/r.pdf", "receipt 1", "q6.clerk", [&](const ui::PrintStatus& s) { f.seen.push_back(s); });
    REQUIRE(f.pumpUntil([&] { return f.seen.size() >= 2; }));  // sending, pending
    const auto started = std::chrono::steady_clock::now();
    f.service->stop();
    CHECK(std::chrono::steady_clock::now() - started < 2s);
    f.queue.drain();
    for (const auto& s : f.seen) CHECK(s.phase == ui::PrintStatus::Phase::Printing);
}
