#include "text/normalize.h"

#include <unicode/normalizer2.h>
#include <unicode/rbnf.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <memory>
#include <mutex>
#include <string_view>

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

}  // namespace

std::string Nfkc(std::string_view utf8) {
  std::string out;
  NfkcU(utf8).toUTF8String(out);
  return out;
}

std::string NormalizeForCompare(std::string_view utf8) {
  icu::UnicodeString s = NfkcU(utf8);
  icu::UnicodeString kept;
  for (int32_t i = 0; i < s.length();) {
    UChar32 c = s.char32At(i);
    if (!u_isUWhiteSpace(c)) kept.append(c);
    i += U16_LENGTH(c);
  }
  std::string out;
  kept.toUTF8String(out);
  return out;
}

namespace {

bool IsKanjiNumeral(UChar c) {
  static const std::u16string_view kDigits = u"〇一二三四五六七八九十百千";
  return kDigits.find(c) != std::u16string_view::npos;
}

}  // namespace

std::string NormalizeForMatch(std::string_view utf8) {
  icu::UnicodeString s = icu::UnicodeString::fromUTF8(NormalizeForCompare(utf8));
  icu::UnicodeString out;
  static const std::u16string_view kCounters = u"条項号章節";
  for (int32_t i = 0; i < s.length();) {
    if (!IsKanjiNumeral(s[i])) {
      out.append(s[i++]);
      continue;
    }
    int32_t j = i;
    while (j < s.length() && IsKanjiNumeral(s[j])) ++j;
    bool after_dai = i > 0 && s[i - 1] == u'第';
    bool counted =
        j < s.length() &&
        ((after_dai && kCounters.find(s[j]) != std::u16string_view::npos) || s[j] == u'回');
    std::optional<long long> n;
    if (counted) {
      std::string run;
      s.tempSubString(i, j - i).toUTF8String(run);
      n = ParseJapaneseNumber(run);
    }
    if (n) {
      out.append(icu::UnicodeString::fromUTF8(std::to_string(*n)));
    } else {
      out.append(s, i, j - i);
    }
    i = j;
  }
  std::string result;
  out.toUTF8String(result);
  return result;
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
