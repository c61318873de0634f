#include "face/adapters/embedding_cache.h"

namespace bhxh::face {

std::optional<FaceAnalysis> EmbeddingCache::find(const std::string& key) {
    std::lock_guard lock(m_mutex);
    auto it = m_index.find(key);
    if (it == m_index.end()) return std::nullopt;
    m_order.splice(m_order.begin(), m_order, it->second);
    ++m_hits;
    return it->second->second;
}

void EmbeddingCache::put(const std::string& key, const FaceAnalysis& analysis) {
    if (m_capacity == 0) return;
    std::lock_guard lock(m_mutex);
    if (auto it = m_index.find(key); it != m_index.end()) {
        it->second->second = analysis;
        m_order.splice(m_order.begin(), m_order, it->second);
        return;
    }
    m_order.emplace_front(key, analysis);
    m_index[key] = m_order.begin();
    while (m_order.size() > m_capacity) {
        m_index.erase(m_order.back().first);
        m_order.pop_back();
    }
}

std::size_t EmbeddingCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_order.size();
}

std::size_t EmbeddingCache::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

} // namespace bhxh::face
