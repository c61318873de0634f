#include "declarations/sync_engine.h"

#include "common/job_thread.h"
#include "common/log.h"
#include "declarations/portal_errors.h"

#include <chrono>
#include <future>
#include <iterator>
#include <memory>
#include <set>

namespace bhxh::declarations {

SyncEngine::SyncEngine(PortalClient& client, DeclarationRepository& declarations, SyncStateRepository& state,
                       FileCache* files, Options options)
    : m_client(client), m_declarations(declarations), m_state(state), m_files(files), m_options(std::move(options)) {}

std::string SyncEngine::scope() const { return "office:" + m_options.officeCode; }

void SyncEngine::noteError(SyncSummary& summary, const Error& error) {
    ++summary.errors;
    if (!summary.firstError) summary.firstError = error;
    if (isTransientPortalError(error.code)) summary.unreachable = true;
}

Result<SyncSummary> SyncEngine::runOnce(std::stop_token stop) {
    const auto start = std::chrono::steady_clock::now();
    SyncSummary summary;
    if (auto ok = pull(summary, stop); !ok) return ok.error();
    if (m_files && m_options.downloadFiles && !stop.stop_requested() && !summary.unreachable) {
        if (auto ok = fetchMissingFiles(summary, stop); !ok) return ok.error();
    }
    summary.ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
    report({SyncProgress::Phase::Done, 0, summary.pulled, summary.photos, 0, 0});
    // Record the health of the scope; the cursor itself was written with each page.
    auto state = m_state.load(scope());
    if (!state) return state.error();
    if (summary.firstError) {
        state->lastError = summary.firstError->describe();
    } else {
        state->lastError.clear();
        state->lastSuccessAt = std::chrono::system_clock::now();
    }
    state->scope = scope();
    if (auto ok = m_state.save(*state); !ok) return ok.error();
    bhxh::log::info("sync " + scope() + ": pulled " + std::to_string(summary.pulled) + ", updated " +
                    std::to_string(summary.updated) + ", files " + std::to_string(summary.photos) + ", errors " +
                    std::to_string(summary.errors));
    return summary;
}

Result<void> SyncEngine::pull(SyncSummary& summary, std::stop_token stop) {
    auto state = m_state.load(scope());
    if (!state) return state.error();
    std::optional<std::string> cursor = state->cursor;
    std::set<std::string> cursorsSeen;
    std::string previousPage;  // the dossier numbers of the last page, joined

    // Pages are written on a thread of their own while the next ones are asked for and parsed
    // here, so the portal's time and the parse overlap the SQLite writes. When the writes fall
    // behind, the pages pulled meanwhile (at most kBatchPages) wait here and then go to the
    // store together, in one transaction with the cursor of the last of them: fewer commits, and
    // the indexes' pages are written once for several pages (bench_sync_pull). The repository
    // is used by one thread at a time (this one waits for the write under way before it touches
    // the repository again or starts the next write), writes go in order, each with its cursor,
    // so what is stored is always a prefix of what was pulled. Every way out of the loop first
    // stores what was pulled and checked (a stop drops it: it is pulled again next time) and
    // waits for the write: the summary counts only what was stored.
    constexpr std::size_t kBatchPages = 4;
    JobThread writer("sync-store");
    struct Pending {
        std::future<Result<std::size_t>> written;
        std::size_t items = 0;
        std::size_t page = 0;
    };
    std::optional<Pending> pending;
    struct Batch {
        std::vector<Declaration> items;
        std::size_t pages = 0;
        std::size_t lastPage = 0;
        std::optional<std::string> cursor;
    } batch;
    auto finishWrite = [&]() -> Result<void> {
        if (!pending) return {};
        auto written = pending->written.get();
        const std::size_t items = pending->items, page = pending->page;
        pending.reset();
        if (!written) return written.error();
        summary.pulled += items;
        summary.updated += *written;
        report({SyncProgress::Phase::Pull, page, summary.pulled, 0, 0, 0});
        return {};
    };
    auto startWrite = [&] {  // only when no write is under way
        if (batch.pages == 0) return;
        auto items = std::make_shared<std::vector<Declaration>>(std::move(batch.items));
        auto promise = std::make_shared<std::promise<Result<std::size_t>>>();
        pending = Pending{promise->get_future(), items->size(), batch.lastPage};
        writer.post([this, promise, items, next = batch.cursor, scope = scope()] {
            try {
                promise->set_value(m_declarations.storePage(*items, scope, next));
            } catch (...) {
                promise->set_exception(std::current_exception());  // rethrown on the syncing thread
            }
        });
        batch = Batch{};
    };
    // Everything pulled and checked so far, stored: the write under way, then the batch.
    auto storeAll = [&]() -> Result<void> {
        if (auto ok = finishWrite(); !ok) return ok.error();
        startWrite();
        return finishWrite();
    };
    auto writeDone = [&] {
        return !pending || pending->written.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    };
    auto badCursor = [&](const std::string& why) -> Result<void> {
        if (auto ok = storeAll(); !ok) return ok.error();
        noteError(summary, Error{"portal.bad_cursor", "declaration pages of office " + m_options.officeCode + ": " + why +
                                                          " (" + std::to_string(summary.pulled) + " declarations stored)"});
        return Result<void>{};
    };
    for (int pages = 0;; ++pages) {
        if (stop.stop_requested()) return finishWrite();
        if (pages >= m_options.maxPages) {
            return badCursor("more than " + std::to_string(m_options.maxPages) + " pages; the portal never said the list ended");
        }
        if (cursor && !cursorsSeen.insert(*cursor).second) return badCursor("the cursor went back to one already read");
        auto page = m_client.listDeclarations(m_options.officeCode, cursor, m_options.pageSize);
        if (!page) {
            if (auto ok = storeAll(); !ok) return ok.error();
            noteError(summary, page.error());
            return {};  // the cursor stays where the last stored page left it
        }
        const bool full = page->items.size() >= static_cast<std::size_t>(m_options.pageSize);
        std::string thisPage;
        for (const auto& d : page->items) thisPage += d.dossierNo + "\n";
        if (full && (!page->nextCursor || page->nextCursor == cursor)) {
            return badCursor("a full page whose next cursor does not advance");
        }
        if (full && !thisPage.empty() && thisPage == previousPage) return badCursor("the same page came twice");
        previousPage = std::move(thisPage);
        const std::optional<std::string> next = page->nextCursor ? page->nextCursor : cursor;
        if (batch.items.empty()) batch.items = std::move(page->items);
        else std::move(page->items.begin(), page->items.end(), std::back_inserter(batch.items));
        ++batch.pages;
        batch.lastPage = static_cast<std::size_t>(pages) + 1;
        batch.cursor = next;
        cursor = next;
        if (!full) {
            if (auto ok = storeAll(); !ok) return ok.error();
            summary.upToDate = true;
            return {};
        }
        // The write under way is done, or the batch is full and waits for it.
        if (writeDone() || batch.pages >= kBatchPages) {
            if (auto ok = finishWrite(); !ok) return ok.error();
            startWrite();
        }
    }
}

namespace {
bool isSha256Hex(const std::string& s) {
    if (s.size() != 64) return false;
    for (char c : s) {
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    }
    return true;
}
} // namespace

Result<void> SyncEngine::fetchMissingFiles(SyncSummary& summary, std::stop_token stop) {
    // Every cached declaration still open at the desk, not only this run's pages: a file whose
    // download failed last time is fetched now.
    DeclarationQuery query;
    query.officeCode = m_options.officeCode;
    query.statuses = {DeclarationStatus::Pending, DeclarationStatus::Claimed};
    query.limit = 1'000'000;
    auto open = m_declarations.query(query);
    if (!open) return open.error();
    SyncProgress progress{SyncProgress::Phase::Files, 0, summary.pulled, 0, open->size(), 0};
    for (const auto& declaration : *open) {
        if (stop.stop_requested() || summary.unreachable) return {};
        const std::size_t before = summary.photos;
        if (auto ok = fetchFilesOf(declaration, summary); !ok) return ok.error();
        ++progress.filesChecked;
        progress.files = summary.photos;
        // Every declaration that brought a file, and every 500th otherwise: the caller's screen
        // or terminal is not flooded by 100,000 cached ones.
        if (summary.photos != before || progress.filesChecked % 500 == 0) report(progress);
    }
    return {};
}

Result<void> SyncEngine::fetchFilesOf(const Declaration& declaration, SyncSummary& summary) {
    if (!m_files) return {};
    for (const auto& file : declaration.files) {
        if (summary.unreachable) return {};  // the next sync tries again
        if (!isSha256Hex(file.sha256)) {
            noteError(summary, Error{"portal.bad_response", "declaration " + declaration.dossierNo + ": files[" +
                                                                file.kind + "].sha256 is not a sha256"});
            continue;
        }
        auto cached = m_declarations.fileLocalPath(declaration.dossierNo, file.kind, file.sha256);
        if (!cached) return cached.error();
        if (*cached) continue;
        auto download = m_client.downloadFile(declaration.dossierNo, file.kind);
        if (!download) {
            noteError(summary, download.error());
            continue;
        }
        // Only pictures of a sane size reach the cache (and so the desk's decoder).
        const auto* data = reinterpret_cast<const std::uint8_t*>(download->bytes.data());
        if (auto size = image::checkImagePixels({data, download->bytes.size()}, m_options.maxImagePixels); !size) {
            noteError(summary, Error{"portal.bad_response", "declaration " + declaration.dossierNo + ": files[" +
                                                                file.kind + "]: " + size.error().message});
            continue;
        }
        auto path = m_files->save(declaration.dossierNo, file.kind, file.sha256, download->bytes);
        if (!path) {
            noteError(summary, path.error());
            continue;
        }
        if (auto ok = m_declarations.setFileLocalPath(declaration.dossierNo, file.kind, file.sha256, *path); !ok) {
            return ok.error();
        }
        ++summary.photos;
    }
    return {};
}

} // namespace bhxh::declarations
