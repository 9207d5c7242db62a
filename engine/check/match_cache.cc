#include "check/match_cache.h"

namespace tokki {

std::string MatchCache::Key(std::string_view norm_heading, std::string_view norm_text) {
  std::string key = std::to_string(norm_heading.size());
  key += ':';
  key.append(norm_heading);
  key.append(norm_text);
  return key;
}

size_t MatchCache::Cost(const std::string& key, const ProvisionMatch& m) {
  // The key, the map node and the match's vectors.
  return key.size() + 128 +
         sizeof(int) * (m.heading_categories.size() + m.detected_categories.size() +
                        2 * m.elements.size() + 2 * m.weakeners.size());
}

bool MatchCache::Find(const std::string& key, ProvisionMatch* match) {
  std::lock_guard<std::mutex> lock(mu_);
  if (auto it = current_.find(key); it != current_.end()) {
    *match = it->second;
    return true;
  }
  auto it = previous_.find(key);
  if (it == previous_.end()) return false;
  *match = it->second;
  return true;
}

void MatchCache::Insert(const std::string& key, const ProvisionMatch& match) {
  const size_t cost = Cost(key, match);
  if (cost > max_bytes_ / 2) return;
  std::lock_guard<std::mutex> lock(mu_);
  if (current_bytes_ + cost > max_bytes_ / 2) {
    previous_ = std::move(current_);
    previous_bytes_ = current_bytes_;
    current_.clear();
    current_bytes_ = 0;
  }
  if (current_.emplace(key, match).second) current_bytes_ += cost;
}

size_t MatchCache::bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return current_bytes_ + previous_bytes_;
}

}  // namespace tokki
