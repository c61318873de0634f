#pragma once
#include "common/job_thread.h"
#include "common/main_thread_queue.h"
#include "print/printer.h"
#include "ui_model/print_status.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <stop_token>
#include <string>

namespace bhxh::app {

/// The desk's printer (issue #20): PDFs (the receipt, the day report, the test page) go to the
/// printer chosen in the settings ([print] printer_uri) on a thread of their own — never the UI
/// thread nor a store thread, as a printer may take its time — one job at a time, and every
/// change of the job's state comes back on the UI thread as a ui::PrintStatus. Stopping the
/// desk stops the job's wait at once. Without a printer nothing is sent and the PDF is all
/// there is ("save as PDF").
class PrintService {
public:
    using Update = std::function<void(const ui::PrintStatus&)>;

    PrintService(MainThreadQueue& queue, std::unique_ptr<print::Printer> printer, std::string printerUri);
    ~PrintService();
    PrintService(const PrintService&) = delete;
    PrintService& operator=(const PrintService&) = delete;

    /// UI thread. The printer jobs go to from now on ("" = none: save as PDF only).
    void setPrinterUri(std::string uri) { m_uri = std::move(uri); }
    [[nodiscard]] const std::string& printerUri() const { return m_uri; }
    [[nodiscard]] bool configured() const { return !m_uri.empty(); }

    /// UI thread. Sends `pdf` to the printer (`uri`, default the configured one); `update` runs on
    /// the UI thread at every change and once at the end (Printed or Failed).
    void submit(const std::filesystem::path& pdf, const std::string& title, const std::string& officer, Update update,
                const std::string& uri = {});
    /// Stops the job's wait and joins (the destructor does it too).
    void stop();

    /// The status a print::Printer result is shown as (exposed for the tests).
    [[nodiscard]] static ui::PrintStatus failed(const Error& error, const std::string& printer, const std::string& pdf);

private:
    MainThreadQueue& m_queue;
    std::unique_ptr<print::Printer> m_printer;
    std::string m_uri;
    std::stop_source m_stop;
    JobThread m_thread{"print"};  // last: joined first
};

} // namespace bhxh::app
