// The printer's words (IPP job-state, printer-state-reasons) turned into what the clerk reads.
#include "print/job_status_text.h"
#include "print/printer.h"

#include <catch2/catch.hpp>

using namespace bhxh::print;

TEST_CASE("IPP job states map to the desk's and only completed cancelled and aborted are finished", "[print]") {
    CHECK(JobStatusText::fromIpp(3) == JobState::Pending);
    CHECK(JobStatusText::fromIpp(4) == JobState::Held);
    CHECK(JobStatusText::fromIpp(5) == JobState::Processing);
    CHECK(JobStatusText::fromIpp(6) == JobState::Stopped);
    CHECK(JobStatusText::fromIpp(7) == JobState::Cancelled);
    CHECK(JobStatusText::fromIpp(8) == JobState::Aborted);
    CHECK(JobStatusText::fromIpp(9) == JobState::Completed);
    CHECK(JobStatusText::fromIpp(42) == JobState::Pending);
    CHECK(JobStatusText::finished(JobState::Completed));
    CHECK(JobStatusText::finished(JobState::Aborted));
    CHECK(JobStatusText::finished(JobState::Cancelled));
    CHECK_FALSE(JobStatusText::finished(JobState::Stopped));
    CHECK_FALSE(JobStatusText::finished(JobState::Processing));
    CHECK(std::string(JobStatusText::stateKey(JobState::Sending)) == "print.state.sending");
    CHECK(std::string(JobStatusText::stateKey(JobState::Completed)) == "print.state.completed");
}

TEST_CASE("the printer's reasons become the one message that matters most", "[print]") {
    CHECK(JobStatusText::reasonKey({}) == "");
    CHECK(JobStatusText::reasonKey({"none"}) == "");
    CHECK(JobStatusText::reasonKey({"media-empty-error"}) == "print.reason.media_empty");
    CHECK(JobStatusText::reasonKey({"media-needed"}) == "print.reason.media_empty");
    CHECK(JobStatusText::reasonKey({"media-jam-error"}) == "print.reason.media_jam");
    CHECK(JobStatusText::reasonKey({"offline-report"}) == "");  // a report asks for nothing
    CHECK(JobStatusText::reasonKey({"offline"}) == "print.reason.offline");
    CHECK(JobStatusText::reasonKey({"paused"}) == "print.reason.stopped");
    CHECK(JobStatusText::reasonKey({"toner-low-warning"}) == "");
    CHECK(JobStatusText::reasonKey({"toner-empty-error"}) == "print.reason.toner_empty");
    CHECK(JobStatusText::reasonKey({"cover-open-warning"}) == "print.reason.door_open");
    // Out of paper is what the clerk can fix: it comes first whatever the order.
    CHECK(JobStatusText::reasonKey({"paused", "media-empty-error"}) == "print.reason.media_empty");
    // A stopped printer with no reason it names; an error nobody maps.
    CHECK(JobStatusText::reasonKey({}, true) == "print.reason.stopped");
    CHECK(JobStatusText::reasonKey({"interpreter-resource-unavailable-error"}) == "print.reason.other");
    CHECK(JobStatusText::reasonKey({"interpreter-resource-unavailable-report"}) == "");
}

TEST_CASE("a printer URI is empty or ipp or ipps with a host", "[print]") {
    CHECK(Printer::acceptableUri(""));
    CHECK(Printer::acceptableUri("ipp://localhost:8631/ipp/print"));
    CHECK(Printer::acceptableUri("ipps://printer.q6.local/ipp/print"));
    CHECK(Printer::acceptableUri("ipp://192.168.1.20/printers/quay1"));
    CHECK_FALSE(Printer::acceptableUri("http://localhost:631/printers/x"));
    CHECK_FALSE(Printer::acceptableUri("ipp:///ipp/print"));
    CHECK_FALSE(Printer::acceptableUri("ipp://"));
    CHECK_FALSE(Printer::acceptableUri("ipp://host/ipp print"));
    CHECK_FALSE(Printer::acceptableUri("ipp://host/\x01"));
    CHECK_FALSE(Printer::acceptableUri("ipp://" + std::string(1100, 'a')));
    CHECK_FALSE(Printer::acceptableUri("/dev/usb/lp0"));
}
