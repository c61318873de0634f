#pragma once
#include "ui_model/desk_snapshot.h"

#include <cstdint>
#include <string>
#include <vector>

namespace bhxh::ui {

/// The supervisor's re-check list as the Re-check screen shows it (RecheckController fills it on
/// the UI thread): each sampled approval with the evidence the clerk saw.
struct RecheckSnapshot {
    struct Row {
        std::int64_t sampleId = 0;
        std::string dossierNo;
        std::string officer;         ///< who approved
        std::string secondOfficer;   ///< who confirmed it (four-eyes), or empty
        std::string decidedAt;       ///< local "dd/mm/yyyy HH:MM:SS"
        std::string reason;          ///< why it was drawn (lang "qa.reason.<reason>")
        std::string state;           ///< open | confirmed | flagged (lang "qa.state.<state>")
        std::string flagReason;      ///< lang "qa.flag.<code>"
        std::string note;
        bool followUp = false;
        std::string reviewer;
        std::string citizenName;     ///< from the stored declaration; empty when it is gone (purged)
        std::string citizenIdMasked; ///< the CCCD number with only its last digits
        // The evidence, as recorded with the decision (checks_json).
        std::string cardScanned;                  ///< cccd | bhyt | none
        std::string faceScore;                    ///< "0.71" or empty
        /// Every face pair the clerk saw (the declaration's and the chip's), from the evidence.
        std::vector<FacePairView> facePairs;
        std::string faceModel;
        std::vector<std::string> fieldsMatched;
        std::vector<std::string> findings;        ///< "<item>:<severity>:<state>"
        std::vector<std::string> acknowledgements;  ///< "<item>: <reason>"
    };
    std::vector<Row> rows;
    std::int64_t photosOf = 0;       ///< the sample whose photos are in `photos`
    std::vector<PhotoSlot> photos;   ///< its declaration's photos, as the clerk saw them
    std::uint64_t version = 0;  ///< bumped whenever rows are replaced
    bool loading = false;
    bool denied = false;
    std::string error;
    std::string messageKey;     ///< the last verdict's outcome (qa.confirmed, qa.flagged, qa.error.*)
    std::string messageDetail;
};

} // namespace bhxh::ui
