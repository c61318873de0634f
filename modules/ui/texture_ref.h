#pragma once
#include <cstdint>

namespace bhxh::ui {

/// A picture the UI thread has uploaded as a GL texture; 0 = none.
struct TextureRef {
    std::uintptr_t id = 0;
    int width = 0;
    int height = 0;
    [[nodiscard]] bool valid() const { return id != 0 && width > 0 && height > 0; }
};

} // namespace bhxh::ui
