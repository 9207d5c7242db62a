// Compact form: the rules' patterns, and the texts they run over, rewritten over a small
// alphabet that RE2 compiles to a fraction of the program.
//
// RE2 compiles a negated class such as [^。] (written in almost every bounded repetition of
// the rules) to a UTF-8 automaton of about ten instructions per copy, and a kanji to three
// byte instructions; a text is three bytes per character. Yet the patterns name only a few
// hundred characters, and no pattern can tell apart two characters it does not name. So:
//   - every character a pattern names gets a code: a code point of U+05C0-U+07FF, two bytes
//     of UTF-8 (scripts without case, so FilteredRE2's lowercasing leaves them alone);
//   - every other character outside ASCII gets the one code that no pattern names;
//   - 。 is the byte 0x00, and a 0x00 in a text the byte 0x01 (a pattern naming either is
//     refused, so none tells them apart);
//   - ASCII stays itself.
// A negated class or `.` becomes the positive class of the ASCII bytes and the codes it does
// not list: [^。] is [\x01-\x7f\x{5c0}-\x{7ff}], three byte ranges. A rewritten pattern
// therefore matches an encoded text exactly where the pattern matches the text (a text in
// valid UTF-8: a byte that is not is read as the code no pattern names), from about 45 % of
// the program and over two thirds of the bytes.
#ifndef TOKKI_CHECK_ALPHABET_H_
#define TOKKI_CHECK_ALPHABET_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tokki {

class PatternAlphabet {
 public:
  // The alphabet of `patterns` (RE2 syntax, UTF-8), or nullopt when one of them cannot be
  // rewritten (see Pattern) or they name too many characters.
  static std::optional<PatternAlphabet> Build(const std::vector<std::string>& patterns);

  // `pattern` rewritten over the alphabet (ASCII, with \x{...}); nullopt when it names a
  // character outside the alphabet or uses what the rewrite does not support: flags ((?i) and
  // the like), \p, \x, \Q, \C, back references, POSIX classes, ranges mixing ASCII with other
  // characters or spanning more than 1,024, and the bytes 0x00 and 0x01.
  std::optional<std::string> Pattern(std::string_view pattern) const;

  // `text` (UTF-8) encoded over the alphabet.
  std::string Text(std::string_view text) const;

  // The number of characters with a code of their own.
  int size() const { return static_cast<int>(chars_.size()); }

 private:
  PatternAlphabet() = default;
  std::vector<uint32_t> chars_;  // Code point of each code, ascending.
  uint32_t first_code_ = 0;      // The code point of code 0.
  uint32_t first_ = 0;           // table_[cp - first_]: the code of cp plus one, or 0.
  std::vector<uint16_t> table_;
};

}  // namespace tokki

#endif  // TOKKI_CHECK_ALPHABET_H_
