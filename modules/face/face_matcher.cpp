#include "face/face_matcher.h"

#include <cmath>
#include <fstream>
#include <iterator>

namespace bhxh::face {

Result<FaceAnalysis> FaceMatcher::analyzeFile(const std::filesystem::path& path, const AnalyzeOptions& options) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return makeError("face.unreadable_file", path.string() + ": not a file (does it exist?)");
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) return makeError("face.unreadable_file", path.string() + ": cannot be read (does it exist?)");
    std::vector<std::uint8_t> bytes;
    try {
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    } catch (const std::ios_base::failure&) {
        return makeError("face.unreadable_file", path.string() + ": read error");
    }
    if (in.bad()) return makeError("face.unreadable_file", path.string() + ": read error");
    auto result = analyze(bytes, options);
    if (!result) return makeError(result.error().code, path.filename().string() + ": " + result.error().message);
    return result;
}

double cosineSimilarity(const std::vector<float>& a, const std::vector<float>& b) {
    if (a.empty() || a.size() != b.size()) return 0.0;
    double dot = 0, na = 0, nb = 0;
    for (std::size_t i = 0; i < a.size(); ++i) {
        dot += double(a[i]) * double(b[i]);
        na += double(a[i]) * double(a[i]);
        nb += double(b[i]) * double(b[i]);
    }
    if (na <= 0 || nb <= 0) return 0.0;
    return dot / (std::sqrt(na) * std::sqrt(nb));
}

} // namespace bhxh::face
