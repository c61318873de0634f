#include "declarations/qa_sample.h"

namespace bhxh::declarations {

const std::vector<std::string>& QaReview::flagReasons() {
    static const std::vector<std::string> reasons{"wrong_person",     "document_mismatch", "face_doubt",
                                                  "ack_not_justified", "missing_evidence",  "other"};
    return reasons;
}

} // namespace bhxh::declarations
