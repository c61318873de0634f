#pragma once
#include "ui_model/picture.h"

#include <cstdint>
#include <vector>

namespace bhxh::ui {

/// The UI thread's OpenGL textures for the pictures the views draw. A picture is uploaded the
/// first time it is drawn and its texture reused while the same picture is drawn again; a
/// texture whose picture was not drawn in the last two frames is deleted. UI thread only, with
/// the GL context current.
class TextureCache {
public:
    /// The one cache of the UI thread.
    static TextureCache& ui();

    /// The texture id (for ImGui's ImTextureID) of `picture`; 0 for an invalid picture.
    std::uintptr_t texture(const Picture& picture);
    /// After each frame: textures of pictures not drawn lately are deleted.
    void endFrame();
    /// Deletes every texture (before the GL context goes).
    void clear();
    [[nodiscard]] std::size_t size() const { return m_entries.size(); }

private:
    struct Entry {
        std::shared_ptr<const std::uint8_t> pixels;  // kept: the pointer cannot be reused meanwhile
        unsigned int id = 0;
        std::uint64_t lastFrame = 0;
    };
    std::vector<Entry> m_entries;
    std::uint64_t m_frame = 0;
};

} // namespace bhxh::ui
