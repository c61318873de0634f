#pragma once
#include <cstdint>
#include <cstring>
#include <memory>
#include <vector>

namespace bhxh::ui {

/// A picture a controller hands to a view: 8-bit RGBA pixels, rows packed (width × 4 bytes),
/// shared and never changed once made (a new camera frame is a new Picture). Nothing of OpenGL
/// here, so controllers build and run without a window; the UI thread's TextureCache uploads a
/// picture when a view draws it.
struct Picture {
    std::shared_ptr<const std::uint8_t> rgba;  ///< width × height × 4 bytes; may alias a larger owner
    int width = 0;
    int height = 0;
    [[nodiscard]] bool valid() const { return rgba != nullptr && width > 0 && height > 0; }

    /// A picture holding its own copy of `pixels` (width × height × 4 bytes).
    static Picture copyOf(const std::uint8_t* pixels, int width, int height) {
        if (!pixels || width <= 0 || height <= 0) return {};
        const auto bytes = static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4u;
        auto owner = std::make_shared<std::vector<std::uint8_t>>(pixels, pixels + bytes);
        return {std::shared_ptr<const std::uint8_t>(owner, owner->data()), width, height};
    }
};

} // namespace bhxh::ui
