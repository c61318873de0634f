#include "app/print_service.h"

#include "common/log.h"
#include "print/job_status_text.h"

namespace bhxh::app {

PrintService::PrintService(MainThreadQueue& queue, std::unique_ptr<print::Printer> printer, std::string printerUri)
    : m_queue(queue), m_printer(std::move(printer)), m_uri(std::move(printerUri)) {}

PrintService::~PrintService() { stop(); }

void PrintService::stop() {
    m_stop.request_stop();
    m_thread.stop();
}

ui::PrintStatus PrintService::failed(const Error& error, const std::string& printer, const std::string& pdf) {
    ui::PrintStatus s;
    s.phase = ui::PrintStatus::Phase::Failed;
    s.errorKey = error.code.rfind("print.error.", 0) == 0 ? error.code : "print.error.unreachable";
    // stopped, failed and timeout carry the printer's reason as their message.
    if (error.message.rfind("print.reason.", 0) == 0) {
        s.reasonKey = error.message;
    } else {
        s.detail = error.message;
    }
    s.printer = printer;
    s.pdfPath = pdf;
    return s;
}

void PrintService::submit(const std::filesystem::path& pdf, const std::string& title, const std::string& officer,
                          Update update, const std::string& uri) {
    const std::string printer = uri.empty() ? m_uri : uri;
    ui::PrintStatus sending;
    sending.phase = ui::PrintStatus::Phase::Printing;
    sending.stateKey = print::JobStatusText::stateKey(print::JobState::Sending);
    sending.printer = printer;
    sending.pdfPath = pdf.string();
    if (update) update(sending);
    print::PrintRequest request{printer, pdf, title, officer};
    m_thread.post([this, request, update, stop = m_stop.get_token()] {
        auto progress = [this, &request, &update](const print::JobStatus& job) {
            ui::PrintStatus s;
            s.phase = ui::PrintStatus::Phase::Printing;
            s.stateKey = print::JobStatusText::stateKey(job.state);
            s.reasonKey = print::JobStatusText::reasonKey(job.printerReasons, job.printerStopped);
            s.printer = request.printerUri;
            s.pdfPath = request.pdf.string();
            s.jobId = job.jobId;
            m_queue.post([update, s] {
                if (update) update(s);
            });
        };
        auto result = m_printer->print(request, progress, stop);
        ui::PrintStatus end;
        if (result) {
            end.phase = ui::PrintStatus::Phase::Printed;
            end.stateKey = print::JobStatusText::stateKey(result->state);
            end.printer = request.printerUri;
            end.pdfPath = request.pdf.string();
            end.jobId = result->jobId;
            log::info("print: job " + std::to_string(result->jobId) + " printed on " + request.printerUri);
        } else {
            end = failed(result.error(), request.printerUri, request.pdf.string());
            log::warn("print: not printed on " + request.printerUri + ": " + result.error().describe() +
                      "; the PDF is kept at " + request.pdf.string());
        }
        if (stop.stop_requested()) return;  // the desk is closing: nobody to tell
        m_queue.post([update, end] {
            if (update) update(end);
        });
    });
}

} // namespace bhxh::app
