// The rule book's matches of provisions already seen, by their exact normalised heading and
// text (see base/bounded_cache.h). A provision's match depends on nothing else, so a
// remembered match is the match. Thread-safe.
#ifndef TOKKI_CHECK_MATCH_CACHE_H_
#define TOKKI_CHECK_MATCH_CACHE_H_

#include <string>
#include <string_view>

#include "base/bounded_cache.h"
#include "check/rules.h"

namespace tokki {

class MatchCache {
 public:
  explicit MatchCache(size_t max_bytes) : cache_(max_bytes) {}

  // The key of a provision: unambiguous for any heading and text.
  static std::string Key(std::string_view norm_heading, std::string_view norm_text);

  // Copies the remembered match of `key` into *match; false when there is none.
  bool Find(const std::string& key, ProvisionMatch* match) const { return cache_.Find(key, match); }
  void Insert(const std::string& key, const ProvisionMatch& match);

  // Bytes held (keys and matches, approximately), for tests.
  size_t bytes() const { return cache_.bytes(); }

 private:
  BoundedCache<ProvisionMatch> cache_;
};

}  // namespace tokki

#endif  // TOKKI_CHECK_MATCH_CACHE_H_
