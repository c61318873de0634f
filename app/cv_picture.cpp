#include "app/cv_picture.h"

#include <memory>

namespace bhxh::app {

ui::Picture pictureOf(const cv::Mat& rgba) {
    if (rgba.empty() || rgba.type() != CV_8UC4) return {};
    // The Mat's own reference count keeps the pixels; the Picture aliases them.
    auto owner = std::make_shared<const cv::Mat>(rgba.isContinuous() ? rgba : rgba.clone());
    return {std::shared_ptr<const std::uint8_t>(owner, owner->ptr<std::uint8_t>()), owner->cols, owner->rows};
}

} // namespace bhxh::app
