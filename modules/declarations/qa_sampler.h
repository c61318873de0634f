#pragma once
#include "common/random_source.h"

#include <string>

namespace bhxh::declarations {

/// [qa] in the configuration: which share of approvals goes to the supervisor's re-check list.
struct QaConfig {
    int samplePercent = 5;          ///< every approval, 0…100
    int newOfficerApprovals = 20;   ///< an officer's first N approvals are drawn at newOfficerPercent
    int newOfficerPercent = 25;     ///< 0…100
};

/// What the approval was, as the sampler sees it.
struct QaContext {
    int officerApprovalsBefore = 0;  ///< the officer's approvals recorded before this one
    bool acknowledged = false;       ///< the clerk acknowledged at least one finding
    bool secondOfficer = false;      ///< a second officer confirmed it (four-eyes)
};

/// One draw: sampled or not, and why. `reason` is the qa_samples.reason value and the lang key
/// suffix "qa.reason.<reason>": acknowledged | second_officer | new_officer | random.
struct QaDraw {
    bool sampled = false;
    std::string reason;
    int percent = 0;  ///< the share the draw was made at (100 for the always-sampled cases)
};

/// Draws, at every approval, whether it goes to the supervisor's re-check list (docs/supervision.md):
/// always when it needed an acknowledgement or a second officer, at newOfficerPercent for an
/// officer's first newOfficerApprovals approvals, else at samplePercent. The draw uses the given
/// RandomSource (cryptographic in the desk), in steps of 0.01 %.
class QaSampler {
public:
    QaSampler(QaConfig config, RandomSource& random);
    [[nodiscard]] QaDraw draw(const QaContext& context) const;
    [[nodiscard]] const QaConfig& config() const { return m_config; }

private:
    QaConfig m_config;
    RandomSource& m_random;
};

} // namespace bhxh::declarations
