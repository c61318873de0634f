#include "app/desk_receipt.h"

#include "app/detached_launcher.h"
#include "app/print_service.h"
#include "app/receipt_printer.h"
#include "common/log.h"
#include "receipt/receipt_writer.h"

namespace bhxh::app {
namespace {

// Hands a file to the desktop's default viewer (xdg-open), never waiting for it: on a bare kiosk
// session xdg-open runs the viewer in the foreground until it is closed. Without xdg-open (a kiosk
// without a desktop) the path shown is the way to it.
void openWithDesktop(const std::filesystem::path& file) {
    if (auto opened = DetachedLauncher::launch("xdg-open", {file.string()}); !opened) {
        log::warn("receipt: " + opened.error().message + "; the receipt is at " + file.string());
    }
}

} // namespace

void DeskReceipt::print(const ui::LangCatalog& lang, const std::string& officer) {
    const auto& view = m_state.view;
    if (!view.declaration || !view.decided) return;
    const declarations::Declaration d = *view.declaration;
    const std::uint64_t generation = m_state.generation;
    m_store.post([this, d, generation, &lang, officer](StoreContext& ctx) {
        auto decided = ctx.decisions.findByDossier(d.dossierNo);
        m_queue.post([this, d, generation, &lang, officer, decided = std::move(decided)] {
            if (!m_state.current(generation)) return;
            if (!decided || !*decided) {
                m_state.message("receipt.failed", {{"detail", decided ? "no decision" : decided.error().message}}, true);
                return;
            }
            // The texts come from the UI thread's catalogue; the file is written off it.
            receipt::ReceiptData data = ReceiptPrinter::compose(m_config, lang, **decided, d);
            const std::filesystem::path path = ReceiptPrinter::defaultPath(m_config, d.dossierNo);
            // With a printer the receipt goes to it; without, the desktop's viewer opens the PDF.
            const bool printing = m_printer && m_printer->configured();
            m_cpu.post([this, data = std::move(data), path, generation, printing, officer, dossier = d.dossierNo] {
                auto written = receipt::ReceiptWriter::writePdf(data, path);
                if (written && !printing) openWithDesktop(path);
                m_queue.post([this, written, path, generation, printing, officer, dossier] {
                    if (!m_state.current(generation)) return;
                    if (!written) {
                        m_state.message("receipt.failed", {{"detail", written.error().message}}, true);
                        return;
                    }
                    m_state.message("receipt.written", {{"path", path.string()}}, false);
                    if (!printing) return;
                    m_printer->submit(path, "receipt " + dossier, officer, [this, generation](const ui::PrintStatus& s) {
                        if (m_state.current(generation)) m_state.view.print = s;
                    });
                });
            });
        });
    });
}

} // namespace bhxh::app
