#pragma once
#include "common/image_header.h"
#include "common/result.h"
#include "declarations/declaration_repository.h"
#include "declarations/file_cache.h"
#include "declarations/portal_client.h"
#include "declarations/sync_state_repository.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <stop_token>
#include <string>

namespace bhxh::declarations {

/// What one sync run did (`bhxh-desk sync --once` prints it).
struct SyncSummary {
    std::size_t pulled = 0;   ///< declarations received from the portal
    std::size_t updated = 0;  ///< of those, written to the local copy (new or newer version)
    std::size_t photos = 0;   ///< files downloaded, verified and cached
    std::size_t errors = 0;   ///< failed requests (after the client's own retries)
    std::int64_t ms = 0;
    bool upToDate = false;    ///< the pull reached a page shorter than the limit
    /// A request failed for a cause a retry may cure (timeout, network, 5xx, 408, 429) even after
    /// the client's own retries: the portal is out of reach, so the pass made no further request.
    bool unreachable = false;
    std::optional<Error> firstError;
};

/// Where a sync pass stands, after every page and every downloaded file (the status bar, the
/// progress line of `sync --once`). The contract gives no total of pages: the pull counts up;
/// the downloads know how many files are left.
struct SyncProgress {
    enum class Phase { Pull, Files, Done };
    Phase phase = Phase::Pull;
    std::size_t pages = 0;
    std::size_t pulled = 0;
    std::size_t files = 0;       ///< downloaded so far
    std::size_t filesToCheck = 0;  ///< declarations whose files the pass looks at (Files phase)
    std::size_t filesChecked = 0;  ///< of those, done
};

/// Incremental pull of one office's declarations (every status) from the persisted cursor until up to
/// date, then downloads of the files not yet cached. Each page is stored with its cursor in one
/// transaction (up to four consecutive pages together when the writes fall behind the portal),
/// so an interrupted run resumes where it stopped and loses nothing. A portal out of
/// reach ends the pass at its first failed request, so a pass lasts one client call's
/// callTimeoutMs at most on a portal that hangs, not one per missing file.
class SyncEngine {
public:
    struct Options {
        std::string officeCode;
        int pageSize = 500;
        bool downloadFiles = true;
        /// A downloaded photo whose header declares more pixels is refused (never cached).
        std::uint64_t maxImagePixels = image::kDefaultMaxPixels;
        /// A pull never takes more pages than this (10,000 × 500 = 5 million declarations, far
        /// beyond any office): a portal that never says "done" ends with portal.bad_cursor.
        int maxPages = 10'000;
    };
    SyncEngine(PortalClient& client, DeclarationRepository& declarations, SyncStateRepository& state,
               FileCache* files, Options options);
    /// One pass. Failures are counted in the summary (and kept as the scope's lastError); a
    /// local storage failure stops the pass and is returned as an Error. A pull always ends: a
    /// full page whose next cursor does not advance, a cursor or a page seen before in this pass,
    /// or more than maxPages pages is the error portal.bad_cursor, with the pages stored so far
    /// kept. `stop` ends the pass between two requests (summary.upToDate stays false).
    Result<SyncSummary> runOnce(std::stop_token stop = {});
    /// Downloads, verifies and caches the files of one declaration not cached yet (a lookup's
    /// results, too); failures are counted in the summary, a local storage failure is returned.
    Result<void> fetchFilesOf(const Declaration& declaration, SyncSummary& summary);
    /// Called on the syncing thread after every page and every declaration's files.
    void setProgress(std::function<void(const SyncProgress&)> progress) { m_progress = std::move(progress); }
    /// The scope key of the cursor in SyncStateRepository.
    [[nodiscard]] std::string scope() const;

private:
    Result<void> pull(SyncSummary& summary, std::stop_token stop);
    Result<void> fetchMissingFiles(SyncSummary& summary, std::stop_token stop);
    static void noteError(SyncSummary& summary, const Error& error);
    void report(const SyncProgress& progress) const {
        if (m_progress) m_progress(progress);
    }

    PortalClient& m_client;
    DeclarationRepository& m_declarations;
    SyncStateRepository& m_state;
    FileCache* m_files;
    Options m_options;
    std::function<void(const SyncProgress&)> m_progress;
};

} // namespace bhxh::declarations
