#include "notify/delivery_result.h"

namespace bhxh::notify {

const char* outcomeName(DeliveryOutcome outcome) {
    switch (outcome) {
    case DeliveryOutcome::Sent: return "sent";
    case DeliveryOutcome::Retry: return "retry";
    case DeliveryOutcome::Failed: return "failed";
    case DeliveryOutcome::Unknown: return "unknown";
    }
    return "failed";
}

} // namespace bhxh::notify
