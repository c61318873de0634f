#include "declarations/decision_recorder.h"

#include "declarations/decision_payload.h"
#include "declarations/reason_codes.h"

#include <cstdio>
#include <ctime>
#include <random>

namespace bhxh::declarations {

namespace {

std::string rfc3339Utc(std::chrono::system_clock::time_point t) {
    const std::time_t tt = std::chrono::system_clock::to_time_t(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf;
}

Result<void> validate(const DecisionRequest& r) {
    const Declaration& d = r.declaration;
    const std::string who = "decision on " + (d.dossierNo.empty() ? std::string("?") : d.dossierNo);
    if (d.dossierNo.empty()) return makeError("decision.invalid", "decision: the declaration has no dossier number");
    if (r.officerId.empty()) return makeError("decision.invalid", who + ": no officer is signed in");
    if (!isOpen(d.status)) {
        return makeError("decision.not_open", who + ": the declaration is " + std::string(toString(d.status)) +
                                                  ", not open for a decision");
    }
    if (d.phone.empty() && (!d.email || d.email->empty())) {
        // The outcome (and for an approval the password) must reach the citizen somehow.
        return makeError("decision.invalid", who + ": the declaration has neither a phone nor an e-mail address");
    }
    if (r.language.empty()) return makeError("decision.invalid", who + ": no language for the citizen's messages");
    if (r.outcome == DecisionOutcome::Approved) {
        if (!r.reasonCode.empty()) return makeError("decision.invalid", who + ": an approval takes no reason code");
        return {};
    }
    if (r.reasonCode.empty()) return makeError("decision.reason_required", who + ": a rejection needs a reason");
    const auto reason = ReasonCodes::find(r.reasonCode);
    if (!reason) return makeError("decision.unknown_reason", who + ": unknown reason code '" + r.reasonCode + "'");
    if (reason->needsFreeText && r.reasonText.find_first_not_of(" \t\r\n") == std::string::npos) {
        return makeError("decision.reason_required", who + ": reason 'other' needs the reason written out");
    }
    return {};
}

/// The approval the policy does not allow, as an Error naming what stands in the way.
Result<void> refusal(const ApprovalVerdict& verdict, const std::string& dossierNo) {
    auto list = [](const std::vector<std::string>& ids) {
        std::string out;
        for (const auto& id : ids) out += (out.empty() ? "" : ", ") + id;
        return out;
    };
    const std::string who = "approval of " + dossierNo;
    switch (verdict.state) {
    case ApprovalVerdict::State::Ready: return {};
    case ApprovalVerdict::State::Blocked:
        return makeError("decision.blocked", who + " refused by the checks: " + list(verdict.blocking));
    case ApprovalVerdict::State::NeedsAcknowledgement:
        return makeError("decision.needs_acknowledgement", who + " needs an acknowledgement of: " + list(verdict.unacknowledged));
    case ApprovalVerdict::State::NeedsSecondOfficer:
        return makeError("decision.needs_second_officer", who + " needs a second officer");
    }
    return makeError("decision.blocked", who);
}

} // namespace

DecisionRecorder::DecisionRecorder(DecisionRepository& decisions, Clock clock, DecisionPolicy policy,
                                   const QaSampler* sampler)
    : m_decisions(decisions),
      m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::system_clock::now(); })),
      m_policy(policy),
      m_sampler(sampler) {}

std::string DecisionRecorder::makeIdempotencyKey() {
    // random_device draws from the kernel; the key only has to be unique, not secret.
    std::random_device rd;
    unsigned char b[16];
    for (std::size_t i = 0; i < sizeof b; i += 4) {
        const unsigned v = rd();
        for (std::size_t k = 0; k < 4; ++k) b[i + k] = static_cast<unsigned char>(v >> (8 * k));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
    char out[37];
    std::snprintf(out, sizeof out, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                  b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
    return out;
}

Result<Decision> DecisionRecorder::record(const DecisionRequest& request) {
    if (auto ok = validate(request); !ok) return ok.error();
    const Declaration& d = request.declaration;
    const bool rejected = request.outcome == DecisionOutcome::Rejected;
    const Checklist checklist = m_policy.evaluate(request.facts);
    if (!rejected) {
        const ApprovalVerdict verdict =
            m_policy.approval(checklist, request.facts, request.acknowledgements, !request.secondOfficerId.empty());
        if (auto refused = refusal(verdict, d.dossierNo); !refused) return refused.error();
    }

    Decision decision;
    decision.dossierNo = d.dossierNo;
    decision.declarationVersion = d.version;
    decision.outcome = request.outcome;
    if (rejected) {
        decision.reasonCode = request.reasonCode;
        const auto reason = ReasonCodes::find(request.reasonCode);
        decision.reasonText = reason->needsFreeText ? request.reasonText : reason->textVi;
    }
    decision.officerId = request.officerId;
    decision.leaseId = request.leaseId;
    decision.decidedAt = m_clock();
    decision.idempotencyKey = makeIdempotencyKey();
    decision.checks = request.checks;
    decision.checks.secondOfficerId = request.secondOfficerId;
    decision.checks.findings.clear();
    for (const auto& i : checklist.items) {
        if (i.severity == CheckSeverity::Ok) continue;
        decision.checks.findings.push_back(i.id + ":" + std::string(severityName(i.severity)) + ":" + i.state);
    }
    decision.checks.acknowledgements.clear();
    if (!rejected) {
        for (const auto& a : request.acknowledgements) {
            const auto* found = checklist.find(a.item);
            if (found && found->severity == CheckSeverity::Acknowledge) decision.checks.acknowledgements.push_back(a);
        }
    }

    if (!rejected && m_sampler) {
        QaContext qa;
        // An officer whose approvals cannot be counted is drawn as a new one (the higher share).
        auto before = m_decisions.countApprovalsByOfficer(decision.officerId);
        qa.officerApprovalsBefore = before ? *before : 0;
        qa.acknowledged = !decision.checks.acknowledgements.empty();
        qa.secondOfficer = !request.secondOfficerId.empty();
        const QaDraw draw = m_sampler->draw(qa);
        if (draw.sampled) decision.qaSample = draw.reason;
    }

    DecisionPayload payload;
    payload.leaseId = decision.leaseId;
    payload.decision = decision.outcome;
    payload.reasonCode = decision.reasonCode;
    payload.reasonText = decision.reasonText;
    payload.officerId = decision.officerId;
    payload.decidedAt = rfc3339Utc(decision.decidedAt);
    payload.checks = decision.checks;
    payload.dossierNo = d.dossierNo;
    payload.request = d.request;
    payload.fullName = d.fullName;
    payload.bhxhCode = d.bhxhCode;
    payload.phone = d.phone;
    payload.email = d.email.value_or("");
    payload.adjust = d.adjust;
    payload.stop = d.stop;
    payload.language = request.language;
    payload.officeName = request.officeName;

    notify::OutboxItem row;
    row.key = decision.idempotencyKey;
    row.channel = notify::OutboxChannel::PortalDecision;
    row.dossierNo = d.dossierNo;
    row.payload = payload.toJson();
    row.maxAttempts = kPortalMaxAttempts;
    row.nextAttemptAt = decision.decidedAt;

    // The subject (dossier number) identifies the citizen on the record; the detail carries no
    // ID number, BHXH code, phone or free text, which may hold any of them.
    std::string detail = std::string(toString(payload.decision)) + " " + std::string(toString(d.request)) + " v" + std::to_string(d.version) +
                         (decision.leaseId.empty() ? " without lease" : " with lease");
    if (rejected) detail += " reason=" + decision.reasonCode;
    if (!request.secondOfficerId.empty()) detail += " confirmed_by=" + request.secondOfficerId;
    for (const auto& a : decision.checks.acknowledgements) detail += " ack=" + a.item + ":" + a.reason;
    if (decision.checks.faceScore) {
        char score[16];
        std::snprintf(score, sizeof score, "%.2f", *decision.checks.faceScore);
        detail += std::string(" face=") + score;
    }
    // The chip's verdict and the signer that vouched for it (the certificate's fingerprint names
    // no one); never the chip's data.
    if (!decision.checks.chipVerdict.empty()) {
        detail += " chip=" + decision.checks.chipVerdict;
        if (!decision.checks.chipReason.empty()) detail += ":" + decision.checks.chipReason;
        if (!decision.checks.chipDsFingerprint.empty()) detail += " ds=" + decision.checks.chipDsFingerprint;
    }
    const AuditEvent audit{"decision", decision.officerId, d.dossierNo, detail, decision.decidedAt};

    auto id = m_decisions.record(decision, {row}, audit);
    if (!id) return id.error();
    decision.id = *id;
    return decision;
}

} // namespace bhxh::declarations
