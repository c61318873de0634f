#pragma once
// Declarations and requests of the decision flow's unit tests.
#include "declarations/decision_recorder.h"
#include "sample_declaration.h"

namespace bhxh::test {

inline declarations::Declaration sampleDeclaration(
    declarations::DeclarationRequest request = declarations::DeclarationRequest::Register) {
    declarations::Declaration d = pendingDeclaration("07916-2026-000123");
    d.request = request;
    d.email = "biennt@example.vn";
    if (request == declarations::DeclarationRequest::Adjust) {
        declarations::AdjustRequest a;
        a.phone = "0912345678";
        a.email = "bien.moi@example.vn";
        d.adjust = a;
    }
    if (request == declarations::DeclarationRequest::Stop) d.stop = declarations::StopRequest{"2026-12-01", "chuyển đơn vị"};
    return d;
}

inline declarations::DecisionRequest approveRequest(
    declarations::DeclarationRequest request = declarations::DeclarationRequest::Register) {
    declarations::DecisionRequest r;
    r.declaration = sampleDeclaration(request);
    r.outcome = declarations::DecisionOutcome::Approved;
    r.officerId = "q6.nguyenvana";
    r.leaseId = "lease-1";
    r.checks.faceScore = 0.71;
    r.checks.faceModel = "faceplugin-512";
    r.checks.fieldsMatched = {"full_name", "id_number", "date_of_birth"};
    r.checks.cardScanned = "cccd";
    r.checks.walkIn = true;
    r.officeName = "BHXH Quận 6";
    r.facts = clearFacts();
    return r;
}

inline declarations::DecisionRequest rejectRequest(const std::string& code, const std::string& text = "") {
    auto r = approveRequest();
    r.outcome = declarations::DecisionOutcome::Rejected;
    r.reasonCode = code;
    r.reasonText = text;
    return r;
}

} // namespace bhxh::test
