// Finds which of a fixed set of literal strings occur in a text: the Aho-Corasick automaton,
// compiled to a full DFA over byte classes, one table lookup per byte of text.
//
// Used to feed re2::FilteredRE2 (see rules.h): RE2 offers no way to report every literal of a
// large set cheaply. A many-match RE2::Set builds a new DFA state for every new combination of
// literals already seen, and an RE2 alternation searched again after each hit costs a call per
// occurrence; both made the atom search the largest cost of a check (bench/README.md).
//
// Case: the atoms FilteredRE2 returns are lowercased. ASCII letters in the text are folded to
// lowercase here. An atom with any character outside ASCII and U+3000–U+9FFF (where case
// folding beyond ASCII could apply) is reported as always present, which only lets through
// a pattern that RE2 then runs itself; unless `exact`, when the caller knows that every atom
// is byte for byte what the text holds but for ASCII case (the compact form, alphabet.h,
// whose codes are characters without case). Immutable after construction; thread-safe.
#ifndef TOKKI_CHECK_ATOM_MATCHER_H_
#define TOKKI_CHECK_ATOM_MATCHER_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace tokki {

class AtomMatcher {
 public:
  explicit AtomMatcher(const std::vector<std::string>& atoms, bool exact = false);

  // Appends to *found the index of every atom that occurs in `text`, each once, in no
  // particular order.
  void Find(std::string_view text, std::vector<int>* found) const;

  size_t states() const { return outputs_.size(); }

 private:
  size_t atom_count_;
  std::array<uint8_t, 256> byte_class_{};
  int classes_ = 0;
  // The automaton's transitions from the trie of the atoms (children by class).
  template <typename State>
  void Build(const std::vector<std::map<int, int>>& children, std::vector<State>* table);
  template <typename State>
  void Run(const std::vector<State>& next, std::string_view text, std::vector<int>* found) const;

  // Transitions, states × classes: 16-bit while the states fit (next32_ empty), else 32-bit.
  std::vector<uint16_t> next16_;
  std::vector<int32_t> next32_;
  std::vector<std::vector<int>> outputs_;  // State → atoms ending there (suffixes too).
  std::vector<uint8_t> has_output_;        // State → whether outputs_ is non-empty.
  std::vector<int> always_;                // Atoms reported for every text.
};

}  // namespace tokki

#endif  // TOKKI_CHECK_ATOM_MATCHER_H_
