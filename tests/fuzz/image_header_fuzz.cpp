// libFuzzer target: the image header reader that guards every decoder (scan, face, portal
// photos). Any bytes: no crash, no read outside the input, bounded steps; a size it reports is
// never zero, and the pixel check agrees with the size.
#include "common/image_header.h"

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace bhxh::image;
    const std::span<const std::uint8_t> bytes(data, size);
    auto read = readImageSize(bytes);
    auto checked = checkImagePixels(bytes, kDefaultMaxPixels);
    if (read) {
        const bool agree = checked ? read->pixels() <= kDefaultMaxPixels
                                   : checked.error().code == "image.too_many_pixels" && read->pixels() > kDefaultMaxPixels;
        if (read->width == 0 || read->height == 0 || !agree) {
            std::fprintf(stderr, "INVARIANT BROKEN: size %ux%u, check %s\n", read->width, read->height,
                         checked ? "ok" : checked.error().code.c_str());
            std::abort();
        }
    } else if (checked) {
        std::fprintf(stderr, "INVARIANT BROKEN: an unreadable header passed the pixel check\n");
        std::abort();
    }
    return 0;
}
