#include "declarations/qa_sampler.h"

#include <algorithm>

namespace bhxh::declarations {

QaSampler::QaSampler(QaConfig config, RandomSource& random) : m_config(config), m_random(random) {
    m_config.samplePercent = std::clamp(m_config.samplePercent, 0, 100);
    m_config.newOfficerPercent = std::clamp(m_config.newOfficerPercent, 0, 100);
    m_config.newOfficerApprovals = std::max(m_config.newOfficerApprovals, 0);
}

QaDraw QaSampler::draw(const QaContext& context) const {
    if (context.secondOfficer) return {true, "second_officer", 100};
    if (context.acknowledged) return {true, "acknowledged", 100};
    const bool newOfficer = context.officerApprovalsBefore < m_config.newOfficerApprovals;
    // A new officer is never drawn at a lower share than everyone else.
    const int percent = newOfficer ? std::max(m_config.newOfficerPercent, m_config.samplePercent) : m_config.samplePercent;
    if (percent <= 0) return {false, "", 0};
    // Always draw (also at 100 %), so the source is used the same way whatever the share.
    const bool hit = m_random.uniform(10000) < static_cast<std::uint32_t>(percent) * 100U;
    if (!hit) return {false, "", percent};
    return {true, newOfficer && m_config.newOfficerPercent > m_config.samplePercent ? "new_officer" : "random", percent};
}

} // namespace bhxh::declarations
