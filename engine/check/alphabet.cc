#include "check/alphabet.h"

#include <algorithm>
#include <bitset>
#include <cstring>

namespace tokki {
namespace {

constexpr uint32_t kSentenceEnd = 0x3002;  // 。
// Codes are the code points U+05C0 to U+07FF (Hebrew to NKo: scripts without case, so that
// RE2's case folding, in FilteredRE2's atoms, leaves them alone). Their UTF-8 is two bytes,
// leads 0xD7-0xDF, trails 0x80-0xBF: "any code" is two byte ranges. Past 576 characters the
// codes start at U+0590, and past 624 there is no compact form.
constexpr uint32_t kAlignedFirst = 0x5C0;
constexpr uint32_t kFirst = 0x590;
constexpr uint32_t kEnd = 0x800;
constexpr uint32_t kMaxRange = 1024;  // Characters in one class range, at most.

// The code point of the UTF-8 character at s[i] and its length, or 0 when the bytes there are
// not one (overlong, surrogate, beyond U+10FFFF, truncated).
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const unsigned char c = b(0);
  size_t n;
  unsigned char lo = 0x80, hi = 0xBF;  // Range of the second byte.
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    *cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3;
    *cp = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    *cp = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    return 0;
  }
  if (s.size() - i < n || b(1) < lo || b(1) > hi) return 0;
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    *cp = (*cp << 6) | (b(k) & 0x3F);
  }
  return n;
}

bool IsAsciiAlnum(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

// ASCII punctuation: after a backslash, the character itself.
bool IsEscapedPunctuation(unsigned char c) { return c > 0x20 && c < 0x7F && !IsAsciiAlnum(c); }

using AsciiSet = std::bitset<128>;

AsciiSet Range(unsigned char lo, unsigned char hi) {
  AsciiSet s;
  for (unsigned c = lo; c <= hi; ++c) s.set(c);
  return s;
}

// RE2's Perl classes, ASCII only in both UTF-8 and Latin-1: \d, \s, \w.
AsciiSet PerlClass(char c) {
  switch (c) {
    case 'd':
      return Range('0', '9');
    case 's': {
      AsciiSet s;
      for (char m : {'\t', '\n', '\f', '\r', ' '}) s.set(static_cast<unsigned char>(m));
      return s;
    }
    default:  // 'w'
      return Range('0', '9') | Range('A', 'Z') | Range('a', 'z') | Range('_', '_');
  }
}

// \xHH for ASCII, \x{HHH} for a code: patterns stay ASCII, whatever they name.
void AppendRune(std::string* out, uint32_t v) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (v < 0x80) {
    *out += "\\x";
    *out += kHex[v >> 4];
    *out += kHex[v & 0xF];
    return;
  }
  *out += "\\x{";
  for (int shift = (v >> 12) != 0 ? 12 : 8; shift >= 0; shift -= 4)
    *out += kHex[(v >> shift) & 0xF];
  *out += '}';
}

// The members of `bits` as ranges of runes (base + k for each k set), for a bracket class.
template <size_t N>
void AppendRanges(std::string* out, const std::bitset<N>& bits, uint32_t base) {
  for (size_t k = 0; k < N;) {
    if (!bits.test(k)) {
      ++k;
      continue;
    }
    size_t end = k;
    while (end + 1 < N && bits.test(end + 1)) ++end;
    AppendRune(out, base + static_cast<uint32_t>(k));
    if (end > k) {
      *out += '-';
      AppendRune(out, base + static_cast<uint32_t>(end));
    }
    k = end + 1;
  }
}

// Rewrites one pattern (see PatternAlphabet::Pattern). With `chars` null it only collects the
// characters the pattern names into *seen, checking that it can be rewritten.
class Rewriter {
 public:
  Rewriter(std::string_view pattern, const std::vector<uint32_t>* chars, uint32_t first,
           std::vector<uint32_t>* seen)
      : p_(pattern), chars_(chars), first_(first), seen_(seen) {}

  std::optional<std::string> Run() {
    while (i_ < p_.size()) {
      const auto c = static_cast<unsigned char>(p_[i_]);
      if (c >= 0x80) {
        uint32_t cp;
        const size_t n = Decode(p_, i_, &cp);
        if (n == 0) return std::nullopt;
        i_ += n;
        if (cp == kSentenceEnd) {
          out_ += "\\x00";
          continue;
        }
        std::optional<int> code = Code(cp);
        if (!code) return std::nullopt;
        AppendRune(&out_, first_ + static_cast<uint32_t>(*code));
        continue;
      }
      switch (c) {
        case '\x00':
        case '\x01':
          return std::nullopt;
        case '\\': {
          if (i_ + 1 >= p_.size()) return std::nullopt;
          const char e = p_[i_ + 1];
          i_ += 2;
          if (IsEscapedPunctuation(static_cast<unsigned char>(e)) ||
              std::strchr("dswbBAz", e) != nullptr) {
            out_ += '\\';
            out_ += e;
          } else if (e == 'D' || e == 'S' || e == 'W') {
            if (!Class(PerlClass(static_cast<char>(e - 'A' + 'a')), {}, true)) return std::nullopt;
          } else {
            return std::nullopt;
          }
          break;
        }
        case '[':
          if (!BracketClass()) return std::nullopt;
          break;
        case '.': {
          AsciiSet newline;
          newline.set('\n');
          if (!Class(newline, {}, true)) return std::nullopt;
          ++i_;
          break;
        }
        case '(':
          // Only non-capturing and capturing groups: flags such as (?i) or (?s) would change
          // what the rewritten classes mean.
          if (p_.substr(i_, 2) == "(?" && p_.substr(i_, 3) != "(?:") return std::nullopt;
          out_ += '(';
          ++i_;
          break;
        default:
          out_ += static_cast<char>(c);
          ++i_;
      }
    }
    return std::move(out_);
  }

 private:
  // The code of a character named by the pattern (0 while collecting), or nullopt.
  std::optional<int> Code(uint32_t cp) {
    if (chars_ == nullptr) {
      seen_->push_back(cp);
      return 0;
    }
    auto it = std::lower_bound(chars_->begin(), chars_->end(), cp);
    if (it == chars_->end() || *it != cp) return std::nullopt;
    return static_cast<int>(it - chars_->begin());
  }

  // One member of a bracket class at p_[i_]: an ASCII byte (*ascii), another character
  // (*cp, with *ascii -1), or a Perl class (*set, with *ascii -2).
  bool Member(int* ascii, uint32_t* cp, AsciiSet* set) {
    const auto c = static_cast<unsigned char>(p_[i_]);
    if (c == '\\') {
      if (i_ + 1 >= p_.size()) return false;
      const char e = p_[i_ + 1];
      i_ += 2;
      if (IsEscapedPunctuation(static_cast<unsigned char>(e))) {
        *ascii = static_cast<unsigned char>(e);
        return true;
      }
      if (e == 'd' || e == 's' || e == 'w') {
        *set = PerlClass(e);
        *ascii = -2;
        return true;
      }
      return false;
    }
    if (c < 0x80) {
      if (c <= 0x01) return false;
      *ascii = c;
      ++i_;
      return true;
    }
    const size_t n = Decode(p_, i_, cp);
    if (n == 0) return false;
    i_ += n;
    *ascii = -1;
    return true;
  }

  // [...] or [^...] at p_[i_].
  bool BracketClass() {
    ++i_;
    bool negated = false;
    if (i_ < p_.size() && p_[i_] == '^') {
      negated = true;
      ++i_;
    }
    AsciiSet ascii;
    std::vector<uint32_t> others;
    auto add = [&](uint32_t cp) {
      if (cp == kSentenceEnd) {
        ascii.set(0x00);
      } else {
        others.push_back(cp);
      }
    };
    for (bool first = true; i_ < p_.size(); first = false) {
      if (p_[i_] == ']' && !first) {
        ++i_;
        return Class(ascii, others, negated);
      }
      if (p_[i_] == '[' && i_ + 1 < p_.size() && p_[i_ + 1] == ':') return false;  // [:alpha:]
      int lo_ascii, hi_ascii;
      uint32_t lo, hi;
      AsciiSet set;
      if (!Member(&lo_ascii, &lo, &set)) return false;
      if (i_ + 1 < p_.size() && p_[i_] == '-' && p_[i_ + 1] != ']') {
        ++i_;
        if (!Member(&hi_ascii, &hi, &set)) return false;
        if (lo_ascii >= 0 && hi_ascii >= 0) {
          if (lo_ascii > hi_ascii || lo_ascii <= 1) return false;
          ascii |=
              Range(static_cast<unsigned char>(lo_ascii), static_cast<unsigned char>(hi_ascii));
        } else if (lo_ascii == -1 && hi_ascii == -1) {
          if (lo > hi || hi - lo >= kMaxRange) return false;
          for (uint32_t cp = lo; cp <= hi; ++cp) add(cp);
        } else {
          return false;  // A Perl class in a range, or ASCII to another character.
        }
        continue;
      }
      if (lo_ascii >= 0) {
        ascii.set(static_cast<size_t>(lo_ascii));
      } else if (lo_ascii == -2) {
        ascii |= set;
      } else {
        add(lo);
      }
    }
    return false;  // Not closed.
  }

  // Appends the bracket class of the ASCII bytes `ascii` and the characters `others` (or,
  // negated, of every ASCII byte and every code not listed, the code no pattern names
  // included). False for a class that matches nothing.
  bool Class(const AsciiSet& ascii, const std::vector<uint32_t>& others, bool negated) {
    std::bitset<kEnd - kFirst> codes;
    for (uint32_t cp : others) {
      std::optional<int> code = Code(cp);
      if (!code) return false;
      codes.set(static_cast<size_t>(*code));
    }
    if (chars_ == nullptr) return true;  // Collecting only.
    const AsciiSet bytes = negated ? ~ascii : ascii;
    if (negated) {
      codes.flip();
      // Codes start at first_: none below it.
      for (uint32_t k = kEnd - first_; k < kEnd - kFirst; ++k) codes.reset(k);
    }
    if (bytes.none() && codes.none()) return false;
    out_ += '[';
    AppendRanges(&out_, bytes, 0);
    AppendRanges(&out_, codes, first_);
    out_ += ']';
    return true;
  }

  std::string_view p_;
  size_t i_ = 0;
  const std::vector<uint32_t>* chars_;
  uint32_t first_;
  std::vector<uint32_t>* seen_;
  std::string out_;
};

}  // namespace

std::optional<PatternAlphabet> PatternAlphabet::Build(const std::vector<std::string>& patterns) {
  std::vector<uint32_t> seen;
  for (const std::string& p : patterns) {
    if (!Rewriter(p, nullptr, 0, &seen).Run()) return std::nullopt;
  }
  std::sort(seen.begin(), seen.end());
  seen.erase(std::unique(seen.begin(), seen.end()), seen.end());
  // One code more for the characters no pattern names.
  PatternAlphabet a;
  if (seen.size() < kEnd - kAlignedFirst) {
    a.first_code_ = kAlignedFirst;
  } else if (seen.size() < kEnd - kFirst) {
    a.first_code_ = kFirst;
  } else {
    return std::nullopt;
  }
  a.chars_ = std::move(seen);
  if (!a.chars_.empty()) {
    a.first_ = a.chars_.front();
    a.table_.assign(a.chars_.back() - a.first_ + 1, 0);
    for (size_t k = 0; k < a.chars_.size(); ++k) {
      a.table_[a.chars_[k] - a.first_] = static_cast<uint16_t>(k + 1);
    }
  }
  return a;
}

std::optional<std::string> PatternAlphabet::Pattern(std::string_view pattern) const {
  return Rewriter(pattern, &chars_, first_code_, nullptr).Run();
}

std::string PatternAlphabet::Text(std::string_view text) const {
  std::string out;
  out.reserve(text.size());
  const auto other = static_cast<uint32_t>(chars_.size());
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out += c == 0x00 ? '\x01' : static_cast<char>(c);
      ++i;
      continue;
    }
    uint32_t cp;
    size_t n = Decode(text, i, &cp);
    uint32_t code = other;
    if (n == 0) {
      n = 1;
    } else if (cp == kSentenceEnd) {
      out += '\0';
      i += n;
      continue;
    } else if (cp >= first_ && cp - first_ < table_.size() && table_[cp - first_] != 0) {
      code = table_[cp - first_] - 1u;
    }
    const uint32_t rune = first_code_ + code;  // Two bytes of UTF-8.
    out += static_cast<char>(0xC0 | (rune >> 6));
    out += static_cast<char>(0x80 | (rune & 0x3F));
    i += n;
  }
  return out;
}

}  // namespace tokki
