#pragma once
#include "ui_model/desk_snapshot.h"

#include <cstdint>
#include <map>
#include <string>
#include <utility>

namespace bhxh::app {

/// What the walk-in desk shows and which dossier it shows: the one piece the desk's parts
/// (DeskController with DeskLookup, DeskFaceCheck, DeskDecisionFlow and DeskReceipt) share. UI
/// thread only. Each part writes its own fields of the view (see each part's header); a result
/// that comes back from a worker is used only while its generation is still the current one, so
/// nothing a clerk is looking at is changed by an answer about an older dossier.
struct DeskState {
    ui::DeskSnapshot view;
    /// Bumped for every new dossier (and when the desk empties).
    std::uint64_t generation = 0;

    [[nodiscard]] bool current(std::uint64_t g) const { return g == generation; }
    /// The line under the dossier: a language key and its {placeholders}.
    void message(std::string key, std::map<std::string, std::string> params, bool error) {
        view.messageKey = std::move(key);
        view.messageParams = std::move(params);
        view.messageIsError = error;
    }
};

} // namespace bhxh::app
