// Plain-text agreements: UTF-8, UTF-16 with BOM, or Shift_JIS/CP932 (common in Japanese
// offices), converted to UTF-8 with ICU.
#include <unicode/ucnv.h>
#include <unicode/unistr.h>

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
  } else if (auto sj = ConvertStrict(bytes, "windows-31j"); sj.ok()) {
    utf8 = *sj;
  } else {
    return Status::Invalid(name +
                           ": 文字コードを判別できません（UTF-8, UTF-16 (BOM付き), Shift_JIS "
                           "に対応しています）");
  }
  if (utf8.find('\0') != std::string::npos) {
    return Status::Invalid(name + ": テキストファイルではありません（NUL文字を含みます）");
  }
  Document doc;
  doc.file = name;
  doc.format = "txt";
  TOKKI_RETURN_IF_ERROR(AppendLines(utf8, 0, limits, &doc));
  return doc;
}

}  // namespace tokki
