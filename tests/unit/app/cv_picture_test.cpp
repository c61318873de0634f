// Controllers hand views plain pictures (no GL): a picture of a camera frame shares its pixels,
// keeps them alive after the Mat goes, and is empty for what is not 8-bit RGBA.
#include "app/cv_picture.h"

#include <catch2/catch.hpp>
#include <opencv2/core.hpp>

TEST_CASE("pictureOf shares an RGBA frame's pixels and keeps them alive", "[picture]") {
    bhxh::ui::Picture picture;
    const std::uint8_t* data = nullptr;
    {
        cv::Mat rgba(4, 6, CV_8UC4, cv::Scalar(10, 20, 30, 255));
        data = rgba.ptr<std::uint8_t>();
        picture = bhxh::app::pictureOf(rgba);
    }
    REQUIRE(picture.valid());
    CHECK(picture.width == 6);
    CHECK(picture.height == 4);
    CHECK(picture.rgba.get() == data);  // no copy of a continuous frame
    CHECK(picture.rgba.get()[0] == 10);
    CHECK(picture.rgba.get()[6 * 4 * 4 - 1] == 255);
}

TEST_CASE("pictureOf copies a view with gaps and refuses what is not RGBA", "[picture]") {
    cv::Mat big(10, 10, CV_8UC4, cv::Scalar(1, 2, 3, 4));
    const cv::Mat view = big(cv::Rect(2, 2, 4, 3));
    REQUIRE_FALSE(view.isContinuous());
    const auto picture = bhxh::app::pictureOf(view);
    REQUIRE(picture.valid());
    CHECK(picture.width == 4);
    CHECK(picture.height == 3);
    CHECK_FALSE(bhxh::app::pictureOf(cv::Mat(3, 3, CV_8UC3)).valid());
    CHECK_FALSE(bhxh::app::pictureOf(cv::Mat()).valid());
    const auto copy = bhxh::ui::Picture::copyOf(picture.rgba.get(), 4, 3);
    REQUIRE(copy.valid());
    CHECK(copy.rgba.get() != picture.rgba.get());
    CHECK(copy.rgba.get()[3] == 4);
}
