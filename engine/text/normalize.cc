#include "text/normalize.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace tokki {
namespace {

const icu::Normalizer2* NfkcInstance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

icu::UnicodeString NfkcU(std::string_view utf8) {
  icu::UnicodeString in = icu::UnicodeString::fromUTF8(
      icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  const icu::Normalizer2* n = NfkcInstance();
  if (n == nullptr) return in;
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = n->normalize(in, status);
  return U_SUCCESS(status) ? out : in;
}

// 〇一二三四五六七八九 as 0-9, 十百千 as 10, 100, 1000; -1 for any other character.
int KanjiNumeralValue(UChar32 c) {
  switch (c) {
    case U'〇':
      return 0;
    case U'一':
      return 1;
    case U'二':
      return 2;
    case U'三':
      return 3;
    case U'四':
      return 4;
    case U'五':
      return 5;
    case U'六':
      return 6;
    case U'七':
      return 7;
    case U'八':
      return 8;
    case U'九':
      return 9;
    case U'十':
      return 10;
    case U'百':
      return 100;
    case U'千':
      return 1000;
    default:
      return -1;
  }
}

bool IsKanjiNumeral(UChar32 c) { return KanjiNumeralValue(c) >= 0; }

// The value of kanji numerals written the usual way with 十百千 (十五, 二百三, 千九百八十九),
// or nullopt: a number below 10,000 is written so in exactly one way, so a text that reads
// back as that one way is that number, and anything else (二〇二三, 十十) is left to ICU.
std::optional<long long> ParseUsualKanjiNumber(std::string_view utf8) {
  std::u32string chars;
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto n = static_cast<int32_t>(utf8.size());
  int total = 0, digit = -1;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(p, i, n, c);
    const int v = KanjiNumeralValue(c);
    if (v < 0) return std::nullopt;
    chars += static_cast<char32_t>(c);
    if (v < 10) {
      if (digit >= 0) return std::nullopt;  // Two digits in a row: positional, not usual.
      digit = v;
    } else {
      total += (digit < 0 ? 1 : digit) * v;
      digit = -1;
    }
    // Past 9,999 (「二千二千九千」) there is no usual way below to compare with.
    if (total >= 10000) return std::nullopt;
  }
  if (digit >= 0) total += digit;
  if (total <= 0 || total >= 10000) return std::nullopt;
  // The usual way of writing `total`, compared with the text.
  std::u32string usual;
  static constexpr char32_t kDigit[] = U"〇一二三四五六七八九";
  const std::pair<int, char32_t> units[] = {{1000, U'千'}, {100, U'百'}, {10, U'十'}};
  int rest = total;
  for (const auto& [unit, name] : units) {
    const int d = rest / unit;
    rest %= unit;
    if (d == 0) continue;
    if (d > 1) usual += kDigit[d];
    usual += name;
  }
  if (rest > 0) usual += kDigit[rest];
  if (usual != chars) return std::nullopt;
  return total;
}

}  // namespace

// The text is normalised as UTF-8 (Normalizer2::normalizeUTF8), without the round trip
// through UTF-16 that made normalisation the largest cost of segmenting a document.
// Ill-formed UTF-8 (never produced by the readers) takes the UTF-16 path, which replaces it
// with U+FFFD.
bool IsValidUtf8(std::string_view s) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    if (p[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

namespace {

// Characters NFKC leaves as they are and that start a normalisation boundary (nothing before
// them composes or reorders with them): kana, kanji and the CJK punctuation most agreements
// are written in. tests/text/nfkc_test.cc checks every one against ICU.
bool IsNfkcInert(UChar32 c) {
  return (c >= 0x3001 && c <= 0x301F) ||  // 、。〃〄々〆〇 and the CJK brackets, 〒〓〜〝〞〟.
         (c >= 0x3041 && c <= 0x3096) ||  // Hiragana.
         (c >= 0x30A1 && c <= 0x30FE) ||  // Katakana, ・ー ヽヾ.
         (c >= 0x3400 && c <= 0x9FFF);    // CJK ideographs (and U+4DC0-4DFF, hexagrams).
}

// NFKC of `utf8` without ICU when it holds only ASCII, IsNfkcInert characters and the few
// that NFKC maps to ASCII on their own (full-width forms U+FF01-FF5E, the ideographic space
// U+3000, circled numbers ①-⑳): each starts a normalisation boundary, so the text's NFKC is
// the NFKC of its characters one by one. False, with *out unspecified, for any other text
// (including ill-formed UTF-8).
bool NfkcOfCommonText(std::string_view utf8, std::string* out) {
  const auto* p = reinterpret_cast<const uint8_t*>(utf8.data());
  const size_t n = utf8.size();
  out->clear();
  out->reserve(n);
  size_t run = 0;  // Start of the bytes not yet copied, all kept as they are.
  for (size_t i = 0; i < n;) {
    const uint8_t b = p[i];
    if (b < 0x80) {
      ++i;
      continue;
    }
    // Only three-byte sequences (U+0800-FFFF); their continuation bytes are checked, and an
    // overlong form or a surrogate decodes to a value outside the characters taken here.
    if ((b & 0xF0) != 0xE0 || n - i < 3 || (p[i + 1] & 0xC0) != 0x80 || (p[i + 2] & 0xC0) != 0x80) {
      return false;
    }
    if (b >= 0xE4 && b <= 0xE9) {  // U+4000-9FFF, ideographs: the bulk of the text.
      i += 3;
      continue;
    }
    const UChar32 c = ((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
    if (IsNfkcInert(c)) {
      i += 3;
      continue;
    }
    out->append(utf8.data() + run, i - run);
    if (c == 0x3000) {
      *out += ' ';
    } else if (c >= 0xFF01 && c <= 0xFF5E) {
      *out += static_cast<char>(c - 0xFEE0);
    } else if (c >= 0x2460 && c <= 0x2473) {
      const int v = c - 0x2460 + 1;
      if (v >= 10) *out += static_cast<char>('0' + v / 10);
      *out += static_cast<char>('0' + v % 10);
    } else {
      return false;
    }
    i += 3;
    run = i;
  }
  out->append(utf8.data() + run, n - run);
  return true;
}

}  // namespace

std::string Nfkc(std::string_view utf8) {
  std::string out;
  if (NfkcOfCommonText(utf8, &out)) return out;
  const icu::Normalizer2* n = NfkcInstance();
  if (n != nullptr && IsValidUtf8(utf8)) {
    out.clear();
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                     nullptr, status);
    if (U_SUCCESS(status)) return out;
  }
  out.clear();
  NfkcU(utf8).toUTF8String(out);
  return out;
}

namespace {

// The character of the well-formed three-byte sequence at p[i] (U+1000-CFFF, U+E000-FFFF:
// lead bytes E1-EC and EE-EF, which take any trail bytes), as U8_NEXT would read it; false
// for anything else, which U8_NEXT is left to read.
inline bool DecodeThreeBytes(const uint8_t* p, int32_t i, int32_t n, UChar32* c) {
  const uint8_t b = p[i];
  if (b < 0xE1 || b > 0xEF || b == 0xED || n - i < 3 || !U8_IS_TRAIL(p[i + 1]) ||
      !U8_IS_TRAIL(p[i + 2])) {
    return false;
  }
  *c = ((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F);
  return true;
}

// `nfkc` without its white space (Unicode White_Space, as u_isUWhiteSpace); sets *numerals
// when it holds a kanji numeral. One pass over the bytes: only characters below U+3001 can be
// white space (the last is U+3000), so kana and kanji skip the property lookup.
std::string RemoveWhiteSpace(std::string_view nfkc, bool* numerals) {
  std::string out;
  out.reserve(nfkc.size());
  const auto* p = reinterpret_cast<const uint8_t*>(nfkc.data());
  const auto n = static_cast<int32_t>(nfkc.size());
  bool any = false;
  int32_t run = 0;  // Start of the bytes not yet copied, all kept.
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    const uint8_t b = p[i];
    bool space;
    if (b < 0x80) {
      ++i;
      space = b == ' ' || (b >= '\t' && b <= '\r');
    } else if (b >= 0xE4 && b <= 0xE9 && n - i >= 3 && U8_IS_TRAIL(p[i + 1]) &&
               U8_IS_TRAIL(p[i + 2])) {
      // U+4000-9FFF, ideographs: never white space, and decoded only while no numeral has
      // been seen.
      if (!any) {
        any = IsKanjiNumeral(((b & 0x0F) << 12) | ((p[i + 1] & 0x3F) << 6) | (p[i + 2] & 0x3F));
      }
      i += 3;
      continue;
    } else if (UChar32 c; DecodeThreeBytes(p, i, n, &c)) {
      // Kana and the rest of U+1000-FFFF: only U+1000-3000 can be white space, and the
      // property is looked up for those alone; once a numeral is seen, none is looked for.
      i += 3;
      space = c <= 0x3000 && u_isUWhiteSpace(c);
      any = any || IsKanjiNumeral(c);
    } else {
      U8_NEXT(p, i, n, c);
      space = c <= 0x3000 && u_isUWhiteSpace(c);
      any = any || IsKanjiNumeral(c);
    }
    if (space) {
      out.append(nfkc.data() + run, static_cast<size_t>(start - run));
      run = i;
    }
  }
  out.append(nfkc.data() + run, static_cast<size_t>(n - run));
  if (numerals != nullptr) *numerals = any;
  return out;
}

// `s` without the sentence ends (。) that stand inside a closed pair of parentheses: a
// definition 「(以下「従事者」という。)」 or 「(…をいう。以下同じ。)」 does not end the sentence
// around it, and patterns that stay within a sentence ([^。]) must see across it. A "(" that
// is never closed is left alone, so a stray bracket does not join a whole provision.
std::string JoinParentheticalSentences(std::string s) {
  static constexpr std::string_view kMaru = "。";
  if (s.find('(') == std::string::npos || s.find(kMaru) == std::string::npos) return s;
  // Each closed pair, from the stack of open ones; a ")" with none open is ignored.
  std::vector<size_t> open;
  std::vector<std::pair<size_t, size_t>> spans;  // [open, close] of each outermost pair.
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '(') {
      open.push_back(i);
    } else if (s[i] == ')' && !open.empty()) {
      const size_t at = open.back();
      open.pop_back();
      while (!spans.empty() && spans.back().first > at) spans.pop_back();  // Nested inside.
      spans.emplace_back(at, i);
    }
  }
  std::string out;
  out.reserve(s.size());
  size_t copied = 0;
  for (const auto& [from, to] : spans) {
    for (size_t at = s.find(kMaru, from); at != std::string::npos && at < to;
         at = s.find(kMaru, at + kMaru.size())) {
      out.append(s, copied, at - copied);
      copied = at + kMaru.size();
    }
  }
  if (copied == 0) return s;
  out.append(s, copied, std::string::npos);
  return out;
}

}  // namespace

std::string NormalizeForCompare(std::string_view utf8) {
  return RemoveWhiteSpace(Nfkc(utf8), nullptr);
}

std::string NormalizeForMatch(std::string_view utf8) { return NfkcToMatchForm(Nfkc(utf8)); }

std::string NfkcToMatchForm(std::string_view nfkc) {
  bool numerals = false;
  std::string s = JoinParentheticalSentences(RemoveWhiteSpace(nfkc, &numerals));
  // Fast path: no kanji numeral at all.
  if (!numerals) return s;
  auto is_counter = [](UChar32 c) {
    return c == U'条' || c == U'項' || c == U'号' || c == U'章' || c == U'節';
  };
  // One pass: runs of kanji numerals are read as a number when 回 follows them, or when 第
  // comes before and a counter (条項号章節) after; the bytes between runs are copied as they are.
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  std::string out;      // Made only when a number is read.
  int32_t copied = 0;   // Bytes of s before this are in out.
  UChar32 before = -1;  // The character before the current one.
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    if (p[i] < 0x80) {
      c = p[i++];
    } else if (DecodeThreeBytes(p, i, n, &c)) {
      i += 3;
    } else {
      U8_NEXT(p, i, n, c);
    }
    if (!IsKanjiNumeral(c)) {
      before = c;
      continue;
    }
    int32_t end = i;  // End of the run of numerals.
    UChar32 next = -1;
    while (end < n) {
      int32_t k = end;
      U8_NEXT(p, k, n, next);
      if (!IsKanjiNumeral(next)) break;
      end = k;
      next = -1;
    }
    const bool counted = (before == U'第' && is_counter(next)) || next == U'回';
    std::optional<long long> value;
    if (counted) {
      value = ParseJapaneseNumber(
          std::string_view(s).substr(static_cast<size_t>(start), static_cast<size_t>(end - start)));
    }
    if (value) {
      if (copied == 0) out.reserve(s.size());
      out.append(s, static_cast<size_t>(copied), static_cast<size_t>(start - copied));
      out += std::to_string(*value);
      copied = end;
    }
    i = end;
    before = -1;  // The last numeral: never 第.
  }
  if (copied == 0) return s;  // No number read: the text as it is.
  out.append(s, static_cast<size_t>(copied), static_cast<size_t>(n - copied));
  return out;
}

std::optional<long long> ParseJapaneseNumber(std::string_view utf8) {
  // ICU's rule-based parse costs about 60,000 instructions a number; most are 十五 or 年一回.
  if (std::optional<long long> usual = ParseUsualKanjiNumber(utf8)) return usual;
  icu::UnicodeString s = NfkcU(utf8);
  if (s.isEmpty()) return std::nullopt;
  bool ascii = true;
  for (int32_t i = 0; i < s.length(); ++i) {
    if (s[i] < u'0' || s[i] > u'9') ascii = false;
  }
  if (ascii) {
    if (s.length() > 18) return std::nullopt;
    std::string a;
    s.toUTF8String(a);
    return std::stoll(a);
  }
  // RuleBasedNumberFormat is not thread-safe for parsing; one per thread.
  thread_local std::unique_ptr<icu::RuleBasedNumberFormat> rbnf = [] {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::RuleBasedNumberFormat>(icu::URBNF_SPELLOUT, icu::Locale("ja"),
                                                          status);
    if (U_FAILURE(status)) f.reset();
    return f;
  }();
  if (!rbnf) return std::nullopt;
  icu::Formattable result;
  icu::ParsePosition pos(0);
  rbnf->parse(s, result, pos);
  if (pos.getIndex() != s.length() || pos.getErrorIndex() >= 0) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  long long v = result.getInt64(status);
  if (U_FAILURE(status) || v < 0) return std::nullopt;
  return v;
}

}  // namespace tokki
