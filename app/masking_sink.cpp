#include "app/masking_sink.h"

#include "common/pii_masker.h"

namespace bhxh::app {

MaskingSink::MaskingSink(std::vector<spdlog::sink_ptr> targets) : m_targets(std::move(targets)) {}

void MaskingSink::sink_it_(const spdlog::details::log_msg& msg) {
    const std::string masked = PiiMasker::mask(std::string_view(msg.payload.data(), msg.payload.size()));
    spdlog::details::log_msg copy(msg);
    copy.payload = spdlog::string_view_t(masked.data(), masked.size());
    for (auto& target : m_targets) {
        if (target->should_log(copy.level)) target->log(copy);
    }
}

void MaskingSink::flush_() {
    for (auto& target : m_targets) target->flush();
}

} // namespace bhxh::app
