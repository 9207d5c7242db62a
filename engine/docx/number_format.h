// The number formats of Word's automatic numbering (ST_NumberFormat in ISO/IEC 29500), as
// the reader needs them to show list labels such as 第十一条, (ア) or ③.
#ifndef TOKKI_DOCX_NUMBER_FORMAT_H_
#define TOKKI_DOCX_NUMBER_FORMAT_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace tokki {

// Formats `n` as w:numFmt `format` shows it, in UTF-8:
//   decimal, decimalHalfWidth 11; decimalZero 01; decimalFullWidth(2) １１;
//   japaneseCounting, chineseCounting(Thousand) 十一, 二十, 百一;
//   japaneseDigitalTenThousand, ideographDigital 一一 (digit by digit, 〇 for zero);
//   ideographTraditional 甲乙丙…癸, ideographZodiac 子丑寅…亥 (cyclic);
//   aiueoFullWidth ア…ン, aiueo ｱ…ﾝ (46, cyclic); irohaFullWidth イロハ…, iroha ｲﾛﾊ… (47,
//   cyclic; ヰ and ヱ have no half-width forms and stay full-width);
//   decimalEnclosedCircle(Chinese) ①…⑳, decimalEnclosedParen ⑴…⒇,
//   decimalEnclosedFullstop ⒈…⒛ (plain digits past 20); upperLetter/lowerLetter A…Z, AA…;
//   upperRoman/lowerRoman (1…3999).
// "bullet" and "none" give "". Unknown formats, and numbers a format cannot show (0 or
// negative for letters, kana, Roman), fall back to decimal.
std::string FormatListNumber(int64_t n, std::string_view format);

}  // namespace tokki

#endif  // TOKKI_DOCX_NUMBER_FORMAT_H_
