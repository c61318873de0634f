#pragma once
#include "app/app_config.h"
#include "app/chip_service.h"
#include "declarations/card_comparison.h"
#include "declarations/decision_policy.h"
#include "idcard/parsed_card.h"
#include "ui_model/desk_snapshot.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace bhxh::app {

/// The desk's part of the CCCD chip (docs/chip.md "At the desk"), owned by the DeskController:
/// after a CCCD QR it gives the ChipService the key derived from the QR (chip::CccdBacKey), takes
/// the clerk's typed expiry or MRZ when the chip refuses it, and turns the service's snapshot
/// into what the view draws (ui::ChipView), the policy's facts (the verdict, the chip's fields
/// beside the declaration) and the chip portrait for the face check. UI thread only; the reading
/// itself runs on the service's thread. Without `[chip] enabled` it owns no service and does
/// nothing (the chip is optional).
class DeskChip {
public:
    explicit DeskChip(const AppConfig::Chip& config);
    ~DeskChip();
    DeskChip(const DeskChip&) = delete;
    DeskChip& operator=(const DeskChip&) = delete;

    [[nodiscard]] bool enabled() const { return m_service != nullptr; }
    /// A card was opened at the desk: a CCCD's derived key goes to the reader (a BHYT card has no
    /// chip to read); anything else forgets the last chip.
    void onCard(const std::optional<idcard::ParsedCard>& card);
    /// The dossier closed: forget the keys and the result.
    void clear();
    /// The clerk typed the expiry date printed on the card (dd/mm/yyyy). False (and the view's
    /// keyErrorKey set) when it is not a date or there is no CCCD to pair it with.
    bool submitExpiry(const std::string& text);
    /// The clerk typed (or a reader typed) the three MRZ lines.
    bool submitMrz(const std::string& text);
    /// UI thread, every frame: follows the service. True when a new reading (or none) arrived,
    /// so the desk recomputes its checks and the face check.
    bool poll();

    /// The view's part, the comparison filled against `declaration` (when one is open).
    [[nodiscard]] const ui::ChipView& view() const { return m_view; }
    void compareWith(const std::optional<declarations::Declaration>& declaration);
    [[nodiscard]] declarations::ChipFinding finding() const;
    /// The reading the desk uses (nullptr until a chip was read for the open card).
    [[nodiscard]] std::shared_ptr<const chip::ChipReading> reading() const { return m_reading; }

    /// The chip's fields as a CCCD card (DG13, else the MRZ), for the comparison's rules.
    [[nodiscard]] static std::optional<idcard::ParsedCard> asCard(const chip::ChipReading& reading);
    /// ChipService::State → the view's state name (chip.state.*).
    [[nodiscard]] static const char* stateName(ChipService::State state);
    /// A data group number of the progress → chip.file.* suffix.
    [[nodiscard]] static std::string fileName(int file);

private:
    void request(std::vector<chip::BacInput> keys);

    std::unique_ptr<ChipService> m_service;
    std::optional<idcard::CccdCard> m_card;  // the CCCD whose chip is asked for
    std::uint64_t m_seenGeneration = 0;
    std::shared_ptr<const chip::ChipReading> m_reading;
    bool m_keyNeeded = false;  // no key could be derived: the clerk types one
    ui::ChipView m_view;
};

} // namespace bhxh::app
