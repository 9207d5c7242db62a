// Remembers what the rule book matched in provisions already seen, by their exact normalised
// heading and text. Agreements are written from templates: in a folder of them most provisions
// are word for word those of another file (the municipal annex, a vendor's standard terms),
// and a provision's match depends on nothing else, so a remembered match is the match.
//
// Bounded: two generations of at most max_bytes / 2 each; when the current one is full it
// becomes the previous one and the oldest is dropped, so memory stays flat however many files
// are checked, and a provision seen recently stays. Thread-safe.
#ifndef TOKKI_CHECK_MATCH_CACHE_H_
#define TOKKI_CHECK_MATCH_CACHE_H_

#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "check/rules.h"

namespace tokki {

class MatchCache {
 public:
  explicit MatchCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // The key of a provision: unambiguous for any heading and text.
  static std::string Key(std::string_view norm_heading, std::string_view norm_text);

  // Copies the remembered match of `key` into *match; false when there is none.
  bool Find(const std::string& key, ProvisionMatch* match);
  void Insert(const std::string& key, const ProvisionMatch& match);

  // Bytes held (keys and matches, approximately), for tests.
  size_t bytes() const;

 private:
  static size_t Cost(const std::string& key, const ProvisionMatch& match);

  const size_t max_bytes_;
  mutable std::mutex mu_;
  std::unordered_map<std::string, ProvisionMatch> current_, previous_;
  size_t current_bytes_ = 0, previous_bytes_ = 0;
};

}  // namespace tokki

#endif  // TOKKI_CHECK_MATCH_CACHE_H_
