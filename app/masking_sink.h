#pragma once
#include <spdlog/sinks/base_sink.h>

#include <memory>
#include <mutex>
#include <vector>

namespace bhxh::app {

/// An spdlog sink that masks personal data (common/PiiMasker) in every message and hands the
/// masked copy to the sinks behind it. The logger has this sink only, so code that calls spdlog
/// directly is masked too, not only the bhxh::log facade.
class MaskingSink final : public spdlog::sinks::base_sink<std::mutex> {
public:
    explicit MaskingSink(std::vector<spdlog::sink_ptr> targets);

protected:
    void sink_it_(const spdlog::details::log_msg& msg) override;
    void flush_() override;

private:
    std::vector<spdlog::sink_ptr> m_targets;
};

} // namespace bhxh::app
