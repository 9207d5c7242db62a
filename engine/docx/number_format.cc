#include "docx/number_format.h"

namespace tokki {
namespace {

// Sequences of three-byte UTF-8 characters (all of these are in the BMP above U+0800).
constexpr std::string_view kAiueo =
    "アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン";
constexpr std::string_view kAiueoHalf = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝ";
constexpr std::string_view kIroha =
    "イロハニホヘトチリヌルヲワカヨタレソツネナラムウヰノオクヤマケフコエテアサキユメミシヱヒモセ"
    "ス";
constexpr std::string_view kIrohaHalf = "ｲﾛﾊﾆﾎﾍﾄﾁﾘﾇﾙｦﾜｶﾖﾀﾚｿﾂﾈﾅﾗﾑｳヰﾉｵｸﾔﾏｹﾌｺｴﾃｱｻｷﾕﾒﾐｼヱﾋﾓｾｽ";
constexpr std::string_view kStems = "甲乙丙丁戊己庚辛壬癸";
constexpr std::string_view kZodiac = "子丑寅卯辰巳午未申酉戌亥";
constexpr std::string_view kKanjiDigits = "〇一二三四五六七八九";
static_assert(kAiueo.size() == 46 * 3 && kAiueoHalf.size() == 46 * 3);
static_assert(kIroha.size() == 47 * 3 && kIrohaHalf.size() == 47 * 3);

std::string Cyclic(int64_t n, std::string_view seq) {
  const int64_t count = static_cast<int64_t>(seq.size() / 3);
  return std::string(seq.substr(static_cast<size_t>((n - 1) % count) * 3, 3));
}

std::string Utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

std::string KanjiDigit(int d) { return std::string(kKanjiDigits.substr(d * 3, 3)); }

// 1..9999 the way Japanese counts: 十一, 二十, 百五, 千二百 (no 一 before 十, 百 or 千).
std::string CountingBelowTenThousand(int64_t n) {
  static constexpr struct {
    int64_t unit;
    const char* name;
  } kUnits[] = {{1000, "千"}, {100, "百"}, {10, "十"}};
  std::string out;
  for (const auto& u : kUnits) {
    const int d = static_cast<int>(n / u.unit % 10);
    if (d == 0) continue;
    if (d > 1) out += KanjiDigit(d);
    out += u.name;
  }
  if (n % 10 != 0) out += KanjiDigit(static_cast<int>(n % 10));
  return out;
}

std::string Counting(int64_t n) {
  if (n == 0) return KanjiDigit(0);
  static constexpr struct {
    int64_t unit;
    const char* name;
  } kMyriads[] = {{100000000, "億"}, {10000, "万"}};
  std::string out;
  for (const auto& m : kMyriads) {
    const int64_t part = n / m.unit % 10000;
    if (part != 0) out += CountingBelowTenThousand(part) + m.name;
  }
  if (n % 10000 != 0) out += CountingBelowTenThousand(n % 10000);
  return out;
}

std::string DigitByDigit(int64_t n) {
  std::string out;
  for (char c : std::to_string(n)) out += KanjiDigit(c - '0');
  return out;
}

std::string FullWidthDigits(int64_t n) {
  std::string out;
  for (char c : std::to_string(n)) out += Utf8(U'０' + (c - '0'));
  return out;
}

std::string Letters(int64_t n, char first) {
  // Word repeats the letter: ..., Z, AA, BB, ...
  return std::string(static_cast<size_t>((n - 1) / 26 + 1),
                     static_cast<char>(first + (n - 1) % 26));
}

std::string Roman(int64_t n, bool upper) {
  static constexpr struct {
    int value;
    const char* text;
  } kNumerals[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
                   {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
                   {5, "v"},    {4, "iv"},   {1, "i"}};
  std::string out;
  for (const auto& r : kNumerals) {
    for (; n >= r.value; n -= r.value) out += r.text;
  }
  if (upper) {
    for (char& c : out) c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

}  // namespace

std::string FormatListNumber(int64_t n, std::string_view f) {
  if (f == "bullet" || f == "none") return "";
  const bool positive = n >= 1;
  if (f == "decimalZero") {
    std::string out = std::to_string(n);
    if (n >= 0 && n < 10) out.insert(out.begin(), '0');
    return out;
  }
  if (f == "decimalFullWidth" || f == "decimalFullWidth2") {
    if (n >= 0) return FullWidthDigits(n);
  } else if (f == "japaneseCounting" || f == "chineseCounting" || f == "chineseCountingThousand") {
    if (n >= 0 && n < 1000000000000) return Counting(n);
  } else if (f == "japaneseDigitalTenThousand" || f == "ideographDigital") {
    if (n >= 0) return DigitByDigit(n);
  } else if (positive) {
    if (f == "ideographTraditional") return Cyclic(n, kStems);
    if (f == "ideographZodiac") return Cyclic(n, kZodiac);
    if (f == "aiueoFullWidth") return Cyclic(n, kAiueo);
    if (f == "aiueo") return Cyclic(n, kAiueoHalf);
    if (f == "irohaFullWidth") return Cyclic(n, kIroha);
    if (f == "iroha") return Cyclic(n, kIrohaHalf);
    if (n <= 20) {
      if (f == "decimalEnclosedCircle" || f == "decimalEnclosedCircleChinese") {
        return Utf8(U'①' + static_cast<char32_t>(n - 1));
      }
      if (f == "decimalEnclosedParen") return Utf8(U'⑴' + static_cast<char32_t>(n - 1));
      if (f == "decimalEnclosedFullstop") return Utf8(U'⒈' + static_cast<char32_t>(n - 1));
    }
    // Past ZZZ…Z (30 letters) the label would be absurdly long: decimal is more useful.
    if (n <= 26 * 30) {
      if (f == "upperLetter") return Letters(n, 'A');
      if (f == "lowerLetter") return Letters(n, 'a');
    }
    if (n < 4000) {
      if (f == "upperRoman") return Roman(n, true);
      if (f == "lowerRoman") return Roman(n, false);
    }
  }
  return std::to_string(n);
}

}  // namespace tokki
