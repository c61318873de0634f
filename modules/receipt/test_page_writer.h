#pragma once
#include "common/result.h"

#include <filesystem>
#include <string>
#include <vector>

namespace bhxh::receipt {

/// The printer test page of the settings screen: one A4 page, a title and a few lines (texts
/// from assets/lang print.test_page.*, composed by the caller), a frame 10 mm inside the page's
/// edge so that the margins the printer keeps can be seen.
class TestPageWriter {
public:
    static Result<void> writePdf(const std::string& title, const std::vector<std::string>& lines,
                                 const std::filesystem::path& out);
};

} // namespace bhxh::receipt
