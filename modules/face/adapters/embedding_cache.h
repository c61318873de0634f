#pragma once
#include "face/face_types.h"

#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace bhxh::face {

/// Analyses keyed by the image's sha256 (and whether rotations were tried), so that the same
/// portrait compared three times is embedded once. Least recently used entries go first.
class EmbeddingCache {
public:
    explicit EmbeddingCache(std::size_t capacity) : m_capacity(capacity) {}

    [[nodiscard]] std::optional<FaceAnalysis> find(const std::string& key);
    void put(const std::string& key, const FaceAnalysis& analysis);
    [[nodiscard]] std::size_t size() const;
    [[nodiscard]] std::size_t hits() const;

private:
    using Entry = std::pair<std::string, FaceAnalysis>;
    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::list<Entry> m_order;  // front = most recent
    std::unordered_map<std::string, std::list<Entry>::iterator> m_index;
    std::size_t m_hits = 0;
};

} // namespace bhxh::face
