#include "check/atom_matcher.h"

#include <algorithm>
#include <deque>
#include <map>

namespace tokki {
namespace {

// Whether matching `atom` byte for byte (ASCII folded) finds it wherever a case-insensitive
// match would: every character is ASCII or in U+3000–U+9FFF (CJK punctuation, kana, kanji),
// whose UTF-8 lead bytes are E3–E9.
bool ByteExact(std::string_view atom) {
  for (size_t i = 0; i < atom.size();) {
    const auto c = static_cast<unsigned char>(atom[i]);
    if (c < 0x80) {
      ++i;
    } else if (c >= 0xE3 && c <= 0xE9 && i + 2 < atom.size()) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

uint8_t Fold(uint8_t c) { return (c >= 'A' && c <= 'Z') ? static_cast<uint8_t>(c + 32) : c; }

}  // namespace

AtomMatcher::AtomMatcher(const std::vector<std::string>& atoms, bool exact)
    : atom_count_(atoms.size()) {
  // Byte classes: one per byte value used in an atom, one for all the others. Upper-case
  // ASCII letters share their lower-case letter's class.
  std::array<bool, 256> used{};
  for (const auto& a : atoms) {
    for (char c : a) used[Fold(static_cast<uint8_t>(c))] = true;
  }
  classes_ = 1;  // Class 0: bytes in no atom.
  for (int b = 0; b < 256; ++b) {
    if (used[static_cast<size_t>(b)])
      byte_class_[static_cast<size_t>(b)] = static_cast<uint8_t>(classes_++);
  }
  for (int b = 'A'; b <= 'Z'; ++b)
    byte_class_[static_cast<size_t>(b)] = byte_class_[static_cast<size_t>(b + 32)];

  // The trie, with children by class.
  std::vector<std::map<int, int>> children(1);
  outputs_.resize(1);
  for (size_t i = 0; i < atoms.size(); ++i) {
    if ((!exact && !ByteExact(atoms[i])) || atoms[i].empty()) {
      always_.push_back(static_cast<int>(i));
      continue;
    }
    int state = 0;
    for (char c : atoms[i]) {
      const int cls = byte_class_[static_cast<uint8_t>(c)];
      auto [it, added] = children[static_cast<size_t>(state)].emplace(cls, 0);
      if (added) {
        it->second = static_cast<int>(children.size());
        children.emplace_back();
        outputs_.emplace_back();
      }
      state = it->second;
    }
    outputs_[static_cast<size_t>(state)].push_back(static_cast<int>(i));
  }

  // The table is read once per byte of text at a state that depends on the text: it is the
  // cost of Find, in cache misses, so it is kept as small as the number of states allows, and
  // built at that width (a 32-bit table copied to 16 bits doubled the memory a cold start
  // touches).
  if (children.size() <= 0x10000) {
    Build(children, &next16_);
  } else {
    Build(children, &next32_);
  }
}

template <typename State>
void AtomMatcher::Build(const std::vector<std::map<int, int>>& children,
                        std::vector<State>* table) {
  // Breadth first: each state's transitions are its children, else its failure state's.
  const size_t n = children.size();
  const auto k = static_cast<size_t>(classes_);
  std::vector<State>& next = *table;
  next.assign(n * k, 0);
  std::vector<int> fail(n, 0);
  std::deque<int> queue;
  for (const auto& [cls, child] : children[0]) {
    next[static_cast<size_t>(cls)] = static_cast<State>(child);
    queue.push_back(child);
  }
  while (!queue.empty()) {
    const int s = queue.front();
    queue.pop_front();
    const auto su = static_cast<size_t>(s);
    const auto fu = static_cast<size_t>(fail[su]);
    // A suffix that is an atom ends here too.
    for (int a : outputs_[fu]) outputs_[su].push_back(a);
    std::copy_n(next.begin() + static_cast<std::ptrdiff_t>(fu * k), k,
                next.begin() + static_cast<std::ptrdiff_t>(su * k));
    for (const auto& [cls, child] : children[su]) {
      fail[static_cast<size_t>(child)] = static_cast<int>(next[fu * k + static_cast<size_t>(cls)]);
      next[su * k + static_cast<size_t>(cls)] = static_cast<State>(child);
      queue.push_back(child);
    }
  }
  has_output_.resize(n);
  for (size_t s = 0; s < n; ++s) has_output_[s] = !outputs_[s].empty();
}

template <typename State>
void AtomMatcher::Run(const std::vector<State>& next, std::string_view text,
                      std::vector<int>* found) const {
  const auto k = static_cast<size_t>(classes_);
  std::vector<bool> visited(outputs_.size());
  std::vector<bool> reported(atom_count_);
  size_t state = 0;
  for (char c : text) {
    state = static_cast<size_t>(next[state * k + byte_class_[static_cast<uint8_t>(c)]]);
    if (has_output_[state] && !visited[state]) {
      visited[state] = true;
      for (int a : outputs_[state]) {
        if (!reported[static_cast<size_t>(a)]) {
          reported[static_cast<size_t>(a)] = true;
          found->push_back(a);
        }
      }
    }
  }
  for (int a : always_) found->push_back(a);
}

void AtomMatcher::Find(std::string_view text, std::vector<int>* found) const {
  if (next32_.empty()) {
    Run(next16_, text, found);
  } else {
    Run(next32_, text, found);
  }
}

}  // namespace tokki
