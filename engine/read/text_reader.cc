// Plain-text agreements: UTF-8, UTF-16 with BOM, or Shift_JIS/CP932 (common in Japanese
// offices), converted to UTF-8 with ICU.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>

#include "read/document.h"

namespace tokki {
namespace {

struct ConverterCloser {
  void operator()(UConverter* c) const { ucnv_close(c); }
};

// Converts `bytes` from `charset` to UTF-8; fails on any invalid or unmappable sequence
// instead of substituting, so that a wrong guess is noticed.
Result<std::string> ConvertStrict(std::string_view bytes, const char* charset) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, ConverterCloser> conv(ucnv_open(charset, &status));
  if (U_FAILURE(status)) return Status::Internal(std::string("ICU: no converter ") + charset);
  ucnv_setToUCallBack(conv.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  icu::UnicodeString u;
  const char* src = bytes.data();
  const char* end = bytes.data() + bytes.size();
  std::vector<UChar> buf(8192);
  while (src < end || status == U_BUFFER_OVERFLOW_ERROR) {
    status = U_ZERO_ERROR;
    UChar* target = buf.data();
    ucnv_toUnicode(conv.get(), &target, buf.data() + buf.size(), &src, end, nullptr,
                   /*flush=*/true, &status);
    u.append(buf.data(), static_cast<int32_t>(target - buf.data()));
    if (status == U_BUFFER_OVERFLOW_ERROR) continue;
    if (U_FAILURE(status)) return Status::Invalid(charset);
    if (src >= end) break;
  }
  std::string out;
  u.toUTF8String(out);
  return out;
}

// Whether `utf8` has a hiragana or katakana letter (U+3041–U+30FF, UTF-8 E3 81 81 – E3 83 BF).
// Shift_JIS decodes most byte strings without error: Latin-1 or EUC-JP text comes out as
// kanji and half-width katakana, never as kana, which every Japanese agreement is full of.
bool HasKana(std::string_view utf8) {
  for (size_t i = 0; i + 2 < utf8.size(); ++i) {
    if (utf8[i] != '\xE3') continue;
    const auto b1 = static_cast<unsigned char>(utf8[i + 1]);
    const auto b2 = static_cast<unsigned char>(utf8[i + 2]);
    if ((b1 == 0x81 && b2 >= 0x81) || b1 == 0x82 || b1 == 0x83) return true;
  }
  return false;
}

// Where the first control character other than tab, line feed, carriage return and form feed
// is (C0, DEL, or C1 U+0080–U+009F), or npos. A text agreement has none; binary data decoded
// as Shift_JIS (which accepts almost any bytes) has many.
size_t FirstControl(std::string_view utf8) {
  for (size_t i = 0; i < utf8.size(); ++i) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F) return i;
    if (c == 0xC2 && i + 1 < utf8.size()) {
      const auto next = static_cast<unsigned char>(utf8[i + 1]);
      if (next >= 0x80 && next <= 0x9F) return i;
    }
  }
  return std::string_view::npos;
}

}  // namespace

Result<Document> ReadText(std::string_view bytes, const std::string& name,
                          const ReadLimits& limits) {
  std::string utf8;
  auto starts = [&](std::string_view bom) { return bytes.substr(0, bom.size()) == bom; };
  if (starts("\xEF\xBB\xBF")) {
    auto r = ConvertStrict(bytes.substr(3), "UTF-8");
    if (!r.ok()) return Status::Invalid(name + ": UTF-8 として不正なバイト列があります");
    utf8 = *r;
  } else if (starts("\xFF\xFE") || starts("\xFE\xFF")) {
    auto r = ConvertStrict(bytes.substr(2), starts("\xFF\xFE") ? "UTF-16LE" : "UTF-16BE");
    if (!r.ok()) return Status::Invalid(name + ": UTF-16 として不正なバイト列があります");
    utf8 = *r;
  } else if (auto r = ConvertStrict(bytes, "UTF-8"); r.ok()) {
    utf8 = *r;
  } else if (auto sj = ConvertStrict(bytes, "windows-31j"); sj.ok() && HasKana(*sj)) {
    utf8 = *sj;
  } else {
    return Status::Invalid(name +
                           ": 文字コードを判別できません（UTF-8, UTF-16 (BOM付き), Shift_JIS "
                           "に対応しています）");
  }
  // Old DOS editors end a file with Ctrl-Z.
  if (!utf8.empty() && utf8.back() == '\x1A') utf8.pop_back();
  if (const size_t at = FirstControl(utf8); at != std::string::npos) {
    const auto line =
        std::count(utf8.begin(), utf8.begin() + static_cast<std::ptrdiff_t>(at), '\n') + 1;
    return Status::Invalid(name + ":" + std::to_string(line) +
                           ": テキストファイルではありません（制御文字を含みます。バイナリ"
                           "ファイルか、対応していない文字コードです）");
  }
  Document doc;
  doc.file = name;
  doc.format = "txt";
  TOKKI_RETURN_IF_ERROR(AppendLines(utf8, 0, limits, &doc));
  return doc;
}

}  // namespace tokki
