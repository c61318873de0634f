#include "ui/texture_cache.h"

#include <GL/gl.h>

#include <algorithm>

namespace bhxh::ui {

TextureCache& TextureCache::ui() {
    static TextureCache cache;
    return cache;
}

std::uintptr_t TextureCache::texture(const Picture& picture) {
    if (!picture.valid()) return 0;
    for (auto& e : m_entries) {
        if (e.pixels == picture.rgba) {
            e.lastFrame = m_frame;
            return e.id;
        }
    }
    GLuint id = 0;
    glGenTextures(1, &id);
    glBindTexture(GL_TEXTURE_2D, id);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 1);
    glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA, picture.width, picture.height, 0, GL_RGBA, GL_UNSIGNED_BYTE,
                 picture.rgba.get());
    m_entries.push_back({picture.rgba, id, m_frame});
    return id;
}

void TextureCache::endFrame() {
    ++m_frame;
    std::erase_if(m_entries, [this](const Entry& e) {
        if (m_frame - e.lastFrame <= 2) return false;
        GLuint id = e.id;
        glDeleteTextures(1, &id);
        return true;
    });
}

void TextureCache::clear() {
    for (const auto& e : m_entries) {
        GLuint id = e.id;
        glDeleteTextures(1, &id);
    }
    m_entries.clear();
}

} // namespace bhxh::ui
