// A bounded, thread-safe memo of a pure function's results by their exact input, for work
// that repeats across documents written from the same template (the municipal annex, a
// vendor's standard terms): MatchCache's rule matches of a provision. (Memos of cheaper work,
// such as a paragraph's NFKC, cost more time in lookups than they saved: bench/README.md.)
//
// Two generations of at most max_bytes / 2 each: when the current one is full it becomes the
// previous one and the oldest is dropped, so memory stays flat however many documents go
// through, and what was seen recently stays. A hit is the stored value itself: nothing is
// guessed from a hash or a prefix.
#ifndef TOKKI_BASE_BOUNDED_CACHE_H_
#define TOKKI_BASE_BOUNDED_CACHE_H_

#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace tokki {

template <typename Value>
class BoundedCache {
 public:
  explicit BoundedCache(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Copies the value stored for `key` into *value; false when there is none.
  bool Find(std::string_view key, Value* value) const {
    std::lock_guard<std::mutex> lock(mu_);
    for (const Map* map : {&current_, &previous_}) {
      if (auto it = map->find(key); it != map->end()) {
        *value = it->second;
        return true;
      }
    }
    return false;
  }

  // Stores `value` for `key`; `value_bytes` is what the value holds beyond its key (an
  // estimate is enough: it only bounds the memory).
  void Insert(std::string_view key, const Value& value, size_t value_bytes) {
    const size_t cost = key.size() + value_bytes + kEntryBytes;
    if (cost > max_bytes_ / 2) return;
    std::lock_guard<std::mutex> lock(mu_);
    if (current_bytes_ + cost > max_bytes_ / 2) {
      previous_ = std::move(current_);
      previous_bytes_ = current_bytes_;
      current_.clear();
      current_bytes_ = 0;
    }
    if (current_.emplace(std::string(key), value).second) current_bytes_ += cost;
  }

  // Bytes held (keys, values and the map's nodes, approximately).
  size_t bytes() const {
    std::lock_guard<std::mutex> lock(mu_);
    return current_bytes_ + previous_bytes_;
  }

 private:
  static constexpr size_t kEntryBytes = 96;  // A map node and the strings' headers.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  using Map = std::unordered_map<std::string, Value, Hash, std::equal_to<>>;

  const size_t max_bytes_;
  mutable std::mutex mu_;
  Map current_, previous_;
  size_t current_bytes_ = 0, previous_bytes_ = 0;
};

}  // namespace tokki

#endif  // TOKKI_BASE_BOUNDED_CACHE_H_
