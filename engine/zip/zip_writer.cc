#include "zip/zip_writer.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <set>

namespace tokki {
namespace {

constexpr zip_uint16_t kDosTime = 0;                        // 00:00:00
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

}  // namespace

void ZipWriter::Add(std::string name, std::string data) {
  entries_.emplace_back(std::move(name), std::move(data));
}

Result<std::string> ZipWriter::Finish() const {
  std::set<std::string> seen;
  for (const auto& [name, data] : entries_) {
    if (name.empty() || name.back() == '/' || !seen.insert(Lower(name)).second) {
      return Status::Internal("zip: bad or duplicate entry name '" + name + "'");
    }
  }
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(nullptr, 0, 0, &error);
  if (src == nullptr) return Status::Internal("zip: cannot create buffer");
  zip_t* za = zip_open_from_source(src, ZIP_TRUNCATE, &error);
  if (za == nullptr) {
    zip_source_free(src);
    return Status::Internal(std::string("zip: ") + zip_error_strerror(&error));
  }
  zip_source_keep(src);  // Keep the buffer alive after zip_close to read the archive back.
  auto fail = [&](const std::string& what) -> Status {
    std::string msg = "zip: " + what + ": " + zip_strerror(za);
    zip_discard(za);
    zip_source_free(src);
    return Status::Internal(msg);
  };
  for (const auto& [name, data] : entries_) {
    zip_source_t* s = zip_source_buffer(za, data.data(), data.size(), 0);
    if (s == nullptr) return fail(name);
    zip_int64_t idx = zip_file_add(za, name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      return fail(name);
    }
    zip_uint64_t i = static_cast<zip_uint64_t>(idx);
    if (zip_set_file_compression(za, i, ZIP_CM_DEFLATE, 6) != 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0) {
      return fail(name);
    }
  }
  if (zip_close(za) != 0) {
    std::string msg = std::string("zip: ") + zip_strerror(za);
    zip_discard(za);
    zip_source_free(src);
    return Status::Internal(msg);
  }
  zip_stat_t st;
  std::string out;
  if (zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
    out.resize(st.size);
    zip_int64_t n = zip_source_read(src, out.data(), st.size);
    zip_source_close(src);
    if (n < 0 || static_cast<zip_uint64_t>(n) != st.size) out.clear();
  }
  zip_source_free(src);
  if (out.empty()) return Status::Internal("zip: cannot read back archive");
  return out;
}

}  // namespace tokki
