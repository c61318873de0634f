#include "app/desk_lookup.h"

#include "common/log.h"

namespace bhxh::app {

using declarations::Declaration;

std::vector<Declaration> DeskLookup::openInOffice(const std::vector<Declaration>& all, const std::string& office) {
    std::vector<Declaration> out;
    for (const auto& d : all) {
        if (declarations::isOpen(d.status) && d.officeCode == office) out.push_back(d);
    }
    return out;
}

bool DeskLookup::foundOpen(const std::vector<Declaration>& all, const Done& done) const {
    auto open = openInOffice(all, m_office);
    if (open.empty()) return false;
    Outcome outcome;
    outcome.found = std::move(open.front());
    open.erase(open.begin());
    outcome.alternatives = std::move(open);
    done(std::move(outcome));
    return true;
}

void DeskLookup::byCard(const std::string& number, Wanted wanted, Done done) {
    m_store.post([this, number, wanted = std::move(wanted), done = std::move(done)](StoreContext& ctx) mutable {
        auto found = ctx.declarations.findByCard(number);
        m_queue.post([this, number, wanted = std::move(wanted), done = std::move(done), found = std::move(found)]() mutable {
            if (!wanted()) return;
            if (!found) {
                done({{}, {}, "desk.store_error", {{"detail", found.error().message}}});
                return;
            }
            if (foundOpen(*found, done)) return;
            // Not cached (registered after the last pull, or pulled by another office): ask the portal.
            if (m_remote) {
                askPortal(number, std::move(wanted), std::move(done));
            } else {
                explainMiss(number, std::move(wanted), std::move(done));
            }
        });
    });
}

void DeskLookup::askPortal(const std::string& number, Wanted wanted, Done done) {
    m_remote(number, [this, number, wanted = std::move(wanted), done = std::move(done)](
                         Result<std::vector<Declaration>> remote) mutable {
        m_queue.post([this, number, wanted = std::move(wanted), done = std::move(done), remote = std::move(remote)]() mutable {
            if (!wanted()) return;
            if (remote) {
                if (foundOpen(*remote, done)) return;
            } else {
                log::warn("desk: portal lookup failed: " + remote.error().describe());
            }
            explainMiss(number, std::move(wanted), std::move(done));
        });
    });
}

void DeskLookup::explainMiss(const std::string& number, Wanted wanted, Done done) {
    m_store.post([this, number, wanted = std::move(wanted), done = std::move(done)](StoreContext& ctx) mutable {
        auto all = ctx.declarations.findByCard(number);
        m_queue.post([this, wanted = std::move(wanted), done = std::move(done), all = std::move(all)] {
            if (!wanted()) return;
            if (!all || all->empty()) {
                done({{}, {}, "desk.not_registered", {}});
                return;
            }
            const Declaration& d = all->back();
            if (d.officeCode != m_office) {
                done({{}, {}, "desk.other_office", {{"office", d.officeCode}, {"dossier", d.dossierNo}}});
            } else if (d.status == declarations::DeclarationStatus::Expired) {
                done({{}, {}, "desk.expired_declaration", {{"dossier", d.dossierNo}}});
            } else {
                done({{}, {}, "desk.already_decided",
                      {{"dossier", d.dossierNo}, {"status", std::string(declarations::toString(d.status))}}});
            }
        });
    });
}

void DeskLookup::byDossier(const std::string& dossierNo, std::vector<Declaration> alternatives, Wanted wanted, Done done) {
    m_store.post([this, dossierNo, alternatives = std::move(alternatives), wanted = std::move(wanted),
                  done = std::move(done)](StoreContext& ctx) mutable {
        auto found = ctx.declarations.find(dossierNo);
        m_queue.post([dossierNo, alternatives = std::move(alternatives), wanted = std::move(wanted), done = std::move(done),
                      found = std::move(found)]() mutable {
            if (!wanted()) return;
            if (!found || !*found) {
                done({{}, {}, "desk.not_registered", {}});
                return;
            }
            Outcome outcome;
            outcome.found = std::move(**found);
            for (auto& a : alternatives) {
                if (a.dossierNo != dossierNo) outcome.alternatives.push_back(std::move(a));
            }
            done(std::move(outcome));
        });
    });
}

} // namespace bhxh::app
