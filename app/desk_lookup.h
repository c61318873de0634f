#pragma once
#include "app/store_worker.h"
#include "common/main_thread_queue.h"
#include "common/result.h"
#include "declarations/declaration.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::app {

/// The card → declaration part of the walk-in desk: a card number is looked up in the local
/// cache, then (when the cache has nothing open for this office) on the portal; when neither has
/// an open declaration, the store says why (not registered, another office, expired, decided).
/// It only finds; it shows nothing. Every answer comes back on the UI thread.
class DeskLookup {
public:
    /// What was found: an open declaration of this office (and the card's other open ones), or
    /// the message that explains why there is none.
    struct Outcome {
        std::optional<declarations::Declaration> found;
        std::vector<declarations::Declaration> alternatives;
        std::string messageKey;  ///< when nothing was found
        std::map<std::string, std::string> params;
    };
    using Done = std::function<void(Outcome)>;
    /// The portal's lookup (the desk lane); done() on any thread. Empty: an offline desk.
    using Remote = std::function<void(const std::string& number,
                                      std::function<void(Result<std::vector<declarations::Declaration>>)> done)>;
    /// Asked between the steps: false when the desk moved on, and the rest is not done.
    using Wanted = std::function<bool()>;

    DeskLookup(std::string officeCode, MainThreadQueue& queue, StoreWorker& store)
        : m_office(std::move(officeCode)), m_queue(queue), m_store(store) {}

    void setRemote(Remote remote) { m_remote = std::move(remote); }
    /// By the number the card gives (CCCD number or BHXH code: declarations::lookupKey).
    void byCard(const std::string& number, Wanted wanted, Done done);
    /// By dossier number (the queue's Enter, or another open declaration of the same card, when
    /// `alternatives` are the ones to keep beside it).
    void byDossier(const std::string& dossierNo, std::vector<declarations::Declaration> alternatives, Wanted wanted,
                   Done done);

    /// The declarations still open (pending or claimed) of this office, in the store's order.
    [[nodiscard]] static std::vector<declarations::Declaration> openInOffice(
        const std::vector<declarations::Declaration>& all, const std::string& office);

private:
    void explainMiss(const std::string& number, Wanted wanted, Done done);
    void askPortal(const std::string& number, Wanted wanted, Done done);
    /// The first open declaration found, the others beside it; false when there is none.
    [[nodiscard]] bool foundOpen(const std::vector<declarations::Declaration>& all, const Done& done) const;

    std::string m_office;
    MainThreadQueue& m_queue;
    StoreWorker& m_store;
    Remote m_remote;
};

} // namespace bhxh::app
