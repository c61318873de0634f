#pragma once
#include "ui/desk_snapshot.h"

#include <opencv2/core/mat.hpp>

namespace bhxh::app {

/// One OpenGL texture holding an RGBA picture. UI thread only (it needs the GL context);
/// deleted with the object.
class GlTexture {
public:
    GlTexture() = default;
    ~GlTexture();
    GlTexture(GlTexture&& other) noexcept;
    GlTexture& operator=(GlTexture&& other) noexcept;
    GlTexture(const GlTexture&) = delete;
    GlTexture& operator=(const GlTexture&) = delete;

    /// Uploads an 8-bit RGBA image, reusing the texture when the size is unchanged.
    void upload(const cv::Mat& rgba);
    void reset();
    [[nodiscard]] ui::TextureRef ref() const { return {m_id, m_width, m_height}; }

private:
    unsigned int m_id = 0;
    int m_width = 0;
    int m_height = 0;
};

} // namespace bhxh::app
