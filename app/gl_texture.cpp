#include "app/gl_texture.h"

#include <GL/gl.h>

#include <utility>

namespace bhxh::app {

GlTexture::~GlTexture() { reset(); }

GlTexture::GlTexture(GlTexture&& other) noexcept
    : m_id(std::exchange(other.m_id, 0)), m_width(other.m_width), m_height(other.m_height) {}

GlTexture& GlTexture::operator=(GlTexture&& other) noexcept {
    if (this != &other) {
        reset();
        m_id = std::exchange(other.m_id, 0);
        m_width = other.m_width;
        m_height = other.m_height;
    }
    return *this;
}

void GlTexture::reset() {
    if (m_id != 0) {
        GLuint id = m_id;
        glDeleteTextures(1, &id);
    }
    m_id = 0;
    m_width = 0;
    m_height = 0;
}

void GlTexture::upload(const cv::Mat& rgba) {
    if (rgba.empty() || rgba.type() != CV_8UC4) return;
    const cv::Mat pixels = rgba.isContinuous() ? rgba : rgba.clone();
    if (m_id == 0) {
        GLuint id = 0;
        glGenTextures(1, &id);
        m_id = id;
        glBindTexture(GL_TEXTURE_2D, m_id);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    } else {
        glBindTexture(GL_TEXTURE_2D, m_id);
    }
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    if (pixels.cols == m_width && pixels.rows == m_height) {
        glTexSubImage2D(GL_TEXTURE_2D, 0, 0, 0, pixels.cols, pixels.rows, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data);
    } else {
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, pixels.cols, pixels.rows, 0, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data);
    }
    m_width = pixels.cols;
    m_height = pixels.rows;
}

} // namespace bhxh::app
