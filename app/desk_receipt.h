#pragma once
#include "app/app_config.h"
#include "app/desk_state.h"
#include "app/store_worker.h"
#include "common/cpu_pool.h"
#include "common/main_thread_queue.h"
#include "ui_model/lang_catalog.h"

#include <string>

namespace bhxh::app {

class PrintService;

/// The citizen's receipt of the desk's decision (F7): the decision as recorded is read from the
/// store, the PDF is written on the CPU pool (<data_dir>/receipts/<dossier>.pdf), then sent to
/// the counter's printer when one is configured, else opened with the desktop's viewer
/// (xdg-open, never waited for). Writes the view's `print` and the message. UI thread only.
class DeskReceipt {
public:
    DeskReceipt(const AppConfig& config, MainThreadQueue& queue, StoreWorker& store, CpuPool& cpu, DeskState& state)
        : m_config(config), m_queue(queue), m_store(store), m_cpu(cpu), m_state(state) {}

    void setPrinter(PrintService* printer) { m_printer = printer; }
    /// The receipt of the open, decided dossier; `officer` is who asked for the print job.
    void print(const ui::LangCatalog& lang, const std::string& officer);

private:
    const AppConfig& m_config;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    CpuPool& m_cpu;
    DeskState& m_state;
    PrintService* m_printer = nullptr;
};

} // namespace bhxh::app
