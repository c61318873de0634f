// libFuzzer target: the TOML configuration loader. No input may crash it; a configuration it
// accepts holds only finite numbers within their ranges.
#include "app/config_loader.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace {

void check(bool ok, const char* what) {
    if (ok) return;
    std::fprintf(stderr, "INVARIANT BROKEN: %s\n", what);
    std::abort();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    auto config = bhxh::app::ConfigLoader::loadString(input, "fuzz.toml");
    if (!config) {
        check(!config.error().code.empty() && config.error().message.rfind("fuzz.toml", 0) == 0,
              "an error names the file");
        return 0;
    }
    const auto& c = *config;
    for (double v : {c.ui.fontScale, c.ui.kioskFontScale, c.ui.fontSizePx, c.face.sameAtOrAbove, c.face.differentBelow}) {
        check(std::isfinite(v), "an accepted number is finite");
    }
    check(c.face.sameAtOrAbove >= -1.0 && c.face.sameAtOrAbove <= 1.0, "face.same_at_or_above in range");
    check(c.face.differentBelow <= c.face.sameAtOrAbove, "face cut-offs in order");
    check(c.ui.fontScale >= 0.5 && c.ui.fontScale <= 4.0, "ui.font_scale in range");
    check(c.images.maxPixels >= 1'000'000, "images.max_pixels in range");
    return 0;
}
