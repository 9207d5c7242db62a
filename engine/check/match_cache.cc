#include "check/match_cache.h"

namespace tokki {

std::string MatchCache::Key(std::string_view norm_heading, std::string_view norm_text) {
  std::string key = std::to_string(norm_heading.size());
  key += ':';
  key.append(norm_heading);
  key.append(norm_text);
  return key;
}

void MatchCache::Insert(const std::string& key, const ProvisionMatch& m) {
  cache_.Insert(key, m,
                sizeof(ProvisionMatch) +
                    sizeof(int) * (m.heading_categories.size() + m.detected_categories.size() +
                                   2 * m.elements.size() + 2 * m.weakeners.size()));
}

}  // namespace tokki
