#include "face/adapters/cv_face_matcher.h"

#include "face/adapters/embedding_cache.h"
#include "face/adapters/face_models.h"
#include "face/adapters/image_source.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <opencv2/dnn.hpp>
#include <opencv2/imgproc.hpp>

namespace bhxh::face {
namespace {

// ArcFace 112×112 reference points: left eye, right eye, nose tip, mouth left, mouth right.
const std::array<cv::Point2f, 5> kArcFaceTemplate{{{38.2946f, 51.6963f}, {73.5318f, 51.5014f},
                                                   {56.0252f, 71.7366f}, {41.5493f, 92.3655f},
                                                   {70.7299f, 92.2041f}}};

// The turns tried for an ID photo besides upright, clockwise.
constexpr std::array<std::pair<int, cv::RotateFlags>, 3> kTurns{
    {{90, cv::ROTATE_90_CLOCKWISE}, {180, cv::ROTATE_180}, {270, cv::ROTATE_90_COUNTERCLOCKWISE}}};

struct Detection {
    std::vector<FaceBox> faces;  // after NMS, best (highest score) first
};

cv::Rect clipRect(cv::Rect r, const cv::Size& size) { return r & cv::Rect(0, 0, size.width, size.height); }

cv::Point2f meanOf(const std::vector<cv::Point2f>& p, std::initializer_list<int> idx) {
    cv::Point2f sum(0, 0);
    for (int i : idx) sum += p[static_cast<std::size_t>(i)];
    return sum * (1.0f / static_cast<float>(idx.size()));
}

// Least-squares similarity transform (rotation, uniform scale, translation) taking src onto dst
// (Umeyama without reflection; what skimage's SimilarityTransform does for ArcFace alignment).
// Deterministic, unlike a RANSAC/LMEDS fit, so the same photo always gives the same score.
cv::Mat similarityTransform(const std::vector<cv::Point2f>& src, const std::vector<cv::Point2f>& dst) {
    const auto n = static_cast<double>(src.size());
    cv::Point2d ms(0, 0), md(0, 0);
    for (std::size_t i = 0; i < src.size(); ++i) {
        ms += cv::Point2d(src[i]);
        md += cv::Point2d(dst[i]);
    }
    ms *= 1.0 / n;
    md *= 1.0 / n;
    double a = 0, b = 0, var = 0;  // a = Σ(s·d), b = Σ(s×d), var = Σ|s|²
    for (std::size_t i = 0; i < src.size(); ++i) {
        const cv::Point2d s = cv::Point2d(src[i]) - ms, d = cv::Point2d(dst[i]) - md;
        a += s.x * d.x + s.y * d.y;
        b += s.x * d.y - s.y * d.x;
        var += s.x * s.x + s.y * s.y;
    }
    if (var <= 1e-9) return {};
    const double c = a / var, sn = b / var;  // scale·cos, scale·sin
    cv::Mat m = (cv::Mat_<double>(2, 3) << c, -sn, md.x - (c * ms.x - sn * ms.y), sn, c, md.y - (sn * ms.x + c * ms.y));
    return m;
}

} // namespace

struct CvFaceMatcher::Impl {
    CvFaceOptions options;
    ModelHashes hashes;
    cv::dnn::Net detect, landmark, feature, liveness;
    std::unique_ptr<EmbeddingCache> cache;

    Detection detectFaces(const cv::Mat& bgr) {
        cv::Mat blob = cv::dnn::blobFromImage(bgr, 1.0 / 128.0, cv::Size(320, 240), cv::Scalar(127, 127, 127), true);
        detect.setInput(blob);
        std::vector<cv::Mat> outs;
        detect.forward(outs, std::vector<cv::String>{"scores", "boxes"});
        const cv::Mat scores = outs[0].reshape(1, static_cast<int>(outs[0].total() / 2));
        const cv::Mat boxes = outs[1].reshape(1, static_cast<int>(outs[1].total() / 4));
        std::vector<cv::Rect2d> rects;
        std::vector<float> confs;
        const auto w = static_cast<double>(bgr.cols), h = static_cast<double>(bgr.rows);
        for (int i = 0; i < scores.rows; ++i) {
            const float s = scores.at<float>(i, 1);
            if (s < options.detectThreshold) continue;
            const double x1 = std::clamp(double(boxes.at<float>(i, 0)), 0.0, 1.0) * w;
            const double y1 = std::clamp(double(boxes.at<float>(i, 1)), 0.0, 1.0) * h;
            const double x2 = std::clamp(double(boxes.at<float>(i, 2)), 0.0, 1.0) * w;
            const double y2 = std::clamp(double(boxes.at<float>(i, 3)), 0.0, 1.0) * h;
            if (x2 - x1 < 2 || y2 - y1 < 2) continue;
            rects.emplace_back(x1, y1, x2 - x1, y2 - y1);
            confs.push_back(s);
        }
        std::vector<int> keep;
        cv::dnn::NMSBoxes(rects, confs, options.detectThreshold, options.nmsThreshold, keep);
        Detection d;
        for (int k : keep) {
            const auto& r = rects[static_cast<std::size_t>(k)];
            d.faces.push_back(FaceBox{static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.x + r.width),
                                      static_cast<float>(r.y + r.height), confs[static_cast<std::size_t>(k)]});
        }
        std::sort(d.faces.begin(), d.faces.end(), [](const FaceBox& a, const FaceBox& b) { return a.score > b.score; });
        return d;
    }

    std::vector<cv::Point2f> landmarks(const cv::Mat& bgr, const FaceBox& box) {
        // Square of side = box height, centred on the box, clipped to the image.
        const float side = box.height();
        const float cx = (box.x1 + box.x2) / 2;
        const cv::Rect square(static_cast<int>(std::lround(cx - side / 2)), static_cast<int>(std::lround(box.y1)),
                              static_cast<int>(std::lround(side)), static_cast<int>(std::lround(side)));
        const cv::Rect crop = clipRect(square, bgr.size());
        cv::Mat grey;
        cv::cvtColor(bgr(crop), grey, cv::COLOR_BGR2GRAY);
        cv::Mat blob = cv::dnn::blobFromImage(grey, 1.0 / 256.0, cv::Size(64, 64), cv::Scalar(), false);
        landmark.setInput(blob);
        cv::Mat out = landmark.forward();
        const float* v = out.ptr<float>();
        std::vector<cv::Point2f> points(68);
        for (std::size_t i = 0; i < 68; ++i) {
            points[i] = {v[2 * i] * static_cast<float>(crop.width) + static_cast<float>(crop.x),
                         v[2 * i + 1] * static_cast<float>(crop.height) + static_cast<float>(crop.y)};
        }
        return points;
    }

    std::vector<float> embed(const cv::Mat& bgr, const std::vector<cv::Point2f>& p, float& alignmentError) {
        const std::vector<cv::Point2f> five{meanOf(p, {37, 38, 40, 41}), meanOf(p, {43, 44, 46, 47}), p[30],
                                            meanOf(p, {48, 60}), meanOf(p, {54, 64})};
        const std::vector<cv::Point2f> dst(kArcFaceTemplate.begin(), kArcFaceTemplate.end());
        cv::Mat m = similarityTransform(five, dst);
        if (m.empty()) return {};
        double sq = 0;
        for (std::size_t i = 0; i < five.size(); ++i) {
            const double x = m.at<double>(0, 0) * five[i].x + m.at<double>(0, 1) * five[i].y + m.at<double>(0, 2);
            const double y = m.at<double>(1, 0) * five[i].x + m.at<double>(1, 1) * five[i].y + m.at<double>(1, 2);
            sq += (x - dst[i].x) * (x - dst[i].x) + (y - dst[i].y) * (y - dst[i].y);
        }
        alignmentError = static_cast<float>(std::sqrt(sq / double(five.size())));
        cv::Mat aligned;
        cv::warpAffine(bgr, aligned, m, cv::Size(112, 112), cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        cv::Mat blob = cv::dnn::blobFromImage(aligned, 1.0 / 128.0, cv::Size(112, 112), cv::Scalar(127, 127, 127), false);
        feature.setInput(blob);
        cv::Mat out = feature.forward();
        std::vector<float> e(out.ptr<float>(), out.ptr<float>() + out.total());
        double norm = 0;
        for (float x : e) norm += double(x) * double(x);
        norm = std::sqrt(norm);
        if (norm <= 0) return {};
        for (float& x : e) x = static_cast<float>(double(x) / norm);
        return e;
    }

    float live(const cv::Mat& bgr, const FaceBox& box) {
        const float cx = (box.x1 + box.x2) / 2, cy = (box.y1 + box.y2) / 2;
        const float w = box.width() * 2.7f, h = box.height() * 2.7f;
        const cv::Rect crop = clipRect(cv::Rect(static_cast<int>(cx - w / 2), static_cast<int>(cy - h / 2),
                                                static_cast<int>(w), static_cast<int>(h)),
                                       bgr.size());
        cv::Mat blob = cv::dnn::blobFromImage(bgr(crop), 1.0, cv::Size(128, 128), cv::Scalar(), true);
        liveness.setInput(blob);
        cv::Mat out = liveness.forward();
        const float* v = out.ptr<float>();
        const float mx = std::max({v[0], v[1], v[2]});
        const float e0 = std::exp(v[0] - mx), e1 = std::exp(v[1] - mx), e2 = std::exp(v[2] - mx);
        return e0 / (e0 + e1 + e2);
    }

    // Landmarks, embedding (and liveness) of the best face of a detection already made.
    FaceAnalysis describe(const cv::Mat& bgr, const Detection& d, bool withLiveness) {
        FaceAnalysis a;
        a.imageWidth = bgr.cols;
        a.imageHeight = bgr.rows;
        a.faceCount = static_cast<int>(d.faces.size());
        if (d.faces.empty()) return a;
        a.best = d.faces.front();
        a.tinyFace = a.best->height() < static_cast<float>(options.minFacePx);
        a.embedding = embed(bgr, landmarks(bgr, *a.best), a.alignmentError);
        if (withLiveness && options.liveness) a.liveness = live(bgr, *a.best);
        return a;
    }

    FaceAnalysis analyzeMat(const cv::Mat& bgr, bool withLiveness) { return describe(bgr, detectFaces(bgr), withLiveness); }

    // Keep the rotation whose best face the detector is most sure of; 0° wins ties. The
    // detector, trained on upright faces, still finds turned ones, but less surely
    // (docs/face-calibration.md). The landmark fit error did not separate them, and choosing by
    // match score would push impostor scores up. Each turn is only detected; the winner alone
    // gets landmarks and an embedding (before issue #21 every turn was embedded).
    FaceAnalysis analyzeRotations(const cv::Mat& bgr, bool withLiveness) {
        cv::Mat bestImage = bgr;
        Detection bestDetection = detectFaces(bgr);
        int bestDegrees = 0;
        for (const auto& [degrees, flag] : kTurns) {
            // A turn wins only with a higher score: after a certain face (softmax exactly 1) none can.
            if (!bestDetection.faces.empty() && bestDetection.faces.front().score >= 1.0f) break;
            cv::Mat turned;
            cv::rotate(bgr, turned, flag);
            Detection d = detectFaces(turned);
            if (d.faces.empty()) continue;
            if (bestDetection.faces.empty() || d.faces.front().score > bestDetection.faces.front().score) {
                bestDetection = std::move(d);
                bestImage = turned;
                bestDegrees = degrees;
            }
        }
        FaceAnalysis a = describe(bestImage, bestDetection, withLiveness);
        if (bestDegrees != 0 && a.embedding.empty()) return analyzeMat(bgr, withLiveness);
        a.rotationDegrees = bestDegrees;
        return a;
    }
};

CvFaceMatcher::CvFaceMatcher(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
CvFaceMatcher::~CvFaceMatcher() = default;

Result<std::unique_ptr<CvFaceMatcher>> CvFaceMatcher::load(const std::filesystem::path& modelsDir,
                                                           const CvFaceOptions& options) {
    auto hashes = verifyModels(modelsDir);
    if (!hashes) return hashes.error();
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->hashes = *hashes;
    impl->cache = std::make_unique<EmbeddingCache>(options.cacheEntries);
    const auto file = [&](const char* name) { return (modelsDir / name).string(); };
    try {
        impl->detect = cv::dnn::readNetFromONNX(file("fr_detect.onnx"));
        impl->landmark = cv::dnn::readNetFromONNX(file("fr_landmark.onnx"));
        impl->feature = cv::dnn::readNetFromONNX(file("fr_feature.onnx"));
        if (options.liveness) impl->liveness = cv::dnn::readNetFromONNX(file("fr_liveness.onnx"));
    } catch (const cv::Exception& e) {
        return makeError("face.model_failed", "OpenCV could not load the face models in " + modelsDir.string() + ": " + e.msg);
    }
    return std::unique_ptr<CvFaceMatcher>(new CvFaceMatcher(std::move(impl)));
}

Result<FaceAnalysis> CvFaceMatcher::analyze(std::span<const std::uint8_t> encoded, const AnalyzeOptions& options) {
    Impl& im = *m_impl;
    if (encoded.size() > im.options.maxImageBytes) {
        return makeError("face.image_too_large", "the image is " + std::to_string(encoded.size() / (1024 * 1024)) +
                                                     " MiB; the limit is " +
                                                     std::to_string(im.options.maxImageBytes / (1024 * 1024)) + " MiB");
    }
    const std::string sha = sha256Hex(encoded.data(), encoded.size());
    const std::string key = sha + (options.tryRotations ? ":r" : ":0") + (options.liveness ? "l" : "");
    if (auto hit = im.cache->find(key)) return *hit;

    auto decoded =
        decodeImage(encoded, ImageLimits{im.options.maxImageBytes, im.options.maxImageSide, im.options.maxImagePixels});
    if (!decoded) return decoded.error();
    FaceAnalysis best;
    try {
        best = options.tryRotations ? im.analyzeRotations(decoded->bgr, options.liveness)
                                    : im.analyzeMat(decoded->bgr, options.liveness);
    } catch (const cv::Exception& e) {
        return makeError("face.model_failed", "the face models failed on this image: " + e.msg);
    }
    best.grayscale = decoded->grayscale;
    best.downscaled = decoded->downscaled;
    best.imageSha256 = sha;
    im.cache->put(key, best);
    return best;
}

ModelHashes CvFaceMatcher::modelHashes() const { return m_impl->hashes; }

std::size_t CvFaceMatcher::cacheHits() const { return m_impl->cache->hits(); }

} // namespace bhxh::face
