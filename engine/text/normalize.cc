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

bool IsKanjiNumeral(UChar32 c) {
  static const std::u16string_view kDigits = u"〇一二三四五六七八九十百千";
  return c < 0x10000 && kDigits.find(static_cast<char16_t>(c)) != std::u16string_view::npos;
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

std::string NormalizeForCompare(std::string_view utf8) {
  const std::string nfkc = Nfkc(utf8);
  std::string out;
  out.reserve(nfkc.size());
  ForEachChar(nfkc, [&](UChar32 c, size_t at, size_t len) {
    if (!u_isUWhiteSpace(c)) out.append(nfkc, at, len);
  });
  return out;
}

std::string NormalizeForMatch(std::string_view utf8) {
  const std::string s = NormalizeForCompare(utf8);
  // Fast path: no kanji numeral at all (their UTF-8 lead bytes are E3-E5, 〇 and 一-千).
  bool any = false;
  ForEachChar(s, [&](UChar32 c, size_t, size_t) { any = any || IsKanjiNumeral(c); });
  if (!any) return s;
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
