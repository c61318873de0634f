#pragma once
#include "ui_model/picture.h"

#include <opencv2/core/mat.hpp>

namespace bhxh::app {

/// A ui::Picture of an 8-bit RGBA cv::Mat, sharing its pixels (a continuous copy when the Mat is
/// a view with gaps); an empty Picture for anything else.
ui::Picture pictureOf(const cv::Mat& rgba);

} // namespace bhxh::app
