// Text normalisation shared by assembly tests, check and diff.
#ifndef TOKKI_TEXT_NORMALIZE_H_
#define TOKKI_TEXT_NORMALIZE_H_

#include <optional>
#include <string>
#include <string_view>

namespace tokki {

// Whether `s` is well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
bool IsValidUtf8(std::string_view s);

// NFKC (全角/半角 digits and letters, half-width katakana), through ICU.
std::string Nfkc(std::string_view utf8);

// NFKC, then every white-space character removed. Two texts that differ only by the
// conversion's broken lines and stray spaces compare equal after this.
std::string NormalizeForCompare(std::string_view utf8);

// The form rule patterns are matched against: NormalizeForCompare, then the 。 inside closed
// parentheses dropped (「(以下「業務」という。)」 does not end a sentence), then kanji numerals
// read as digits where they count something (第十五条 → 第15条, 第三項 → 第3項, 年一回 → 年1回).
// Words such as 第三者, 一切 or 十分 are left alone.
std::string NormalizeForMatch(std::string_view utf8);

// NormalizeForMatch of text that is NFKC already (Nfkc's result, or a concatenation of its
// results with line breaks between them): the same result without normalising again.
std::string NfkcToMatchForm(std::string_view nfkc);

// Reads a number written in ASCII or full-width digits or in kanji numerals (十五, 二〇二三,
// 千九百八十九) through ICU's Japanese spell-out rules. Returns nullopt unless the whole text
// is one number.
std::optional<long long> ParseJapaneseNumber(std::string_view utf8);

}  // namespace tokki

#endif  // TOKKI_TEXT_NORMALIZE_H_
