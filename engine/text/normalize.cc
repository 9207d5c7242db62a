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

// Calls f(code point, byte offset, byte length) for each character of valid UTF-8.
template <typename F>
void ForEachChar(std::string_view s, F f) {
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  const auto n = static_cast<int32_t>(s.size());
  for (int32_t i = 0; i < n;) {
    const int32_t start = i;
    UChar32 c;
    U8_NEXT(p, i, n, c);
    f(c, static_cast<size_t>(start), static_cast<size_t>(i - start));
  }
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
  }
  if (digit >= 0) total += digit;
  if (total <= 0) return std::nullopt;
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
std::string Nfkc(std::string_view utf8) {
  const icu::Normalizer2* n = NfkcInstance();
  if (n != nullptr && IsValidUtf8(utf8)) {
    std::string out;
    out.reserve(utf8.size());
    icu::StringByteSink<std::string> sink(&out);
    UErrorCode status = U_ZERO_ERROR;
    n->normalizeUTF8(0, icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())), sink,
                     nullptr, status);
    if (U_SUCCESS(status)) return out;
  }
  std::string out;
  NfkcU(utf8).toUTF8String(out);
  return out;
}

namespace {

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
    } else {
      UChar32 c;
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

}  // namespace

std::string NormalizeForCompare(std::string_view utf8) {
  return RemoveWhiteSpace(Nfkc(utf8), nullptr);
}

std::string NormalizeForMatch(std::string_view utf8) { return NfkcToMatchForm(Nfkc(utf8)); }

std::string NfkcToMatchForm(std::string_view nfkc) {
  bool numerals = false;
  std::string s = RemoveWhiteSpace(nfkc, &numerals);
  // Fast path: no kanji numeral at all.
  if (!numerals) return s;
  struct Char {
    UChar32 c;
    size_t at, len;
  };
  std::vector<Char> chars;
  chars.reserve(s.size() / 2);
  ForEachChar(s, [&](UChar32 c, size_t at, size_t len) { chars.push_back({c, at, len}); });
  static const std::u16string_view kCounters = u"条項号章節";
  auto is_counter = [](UChar32 c) {
    return c < 0x10000 && kCounters.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < chars.size();) {
    if (!IsKanjiNumeral(chars[i].c)) {
      out.append(s, chars[i].at, chars[i].len);
      ++i;
      continue;
    }
    size_t j = i;
    while (j < chars.size() && IsKanjiNumeral(chars[j].c)) ++j;
    const bool after_dai = i > 0 && chars[i - 1].c == U'第';
    const bool counted =
        j < chars.size() && ((after_dai && is_counter(chars[j].c)) || chars[j].c == U'回');
    const size_t begin = chars[i].at;
    const size_t end = chars[j - 1].at + chars[j - 1].len;
    std::optional<long long> n;
    if (counted) n = ParseJapaneseNumber(std::string_view(s).substr(begin, end - begin));
    if (n) {
      out += std::to_string(*n);
    } else {
      out.append(s, begin, end - begin);
    }
    i = j;
  }
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
