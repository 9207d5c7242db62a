#include "zip/zip_writer.h"

#include <zip.h>

#include <algorithm>
#include <cctype>
#include <map>
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

void ZipWriter::Add(std::string name, std::string data, Compression compression) {
  entries_.push_back({std::move(name), std::move(data), nullptr, 0, compression});
}

void ZipWriter::AddCopy(std::string name, std::shared_ptr<const std::string> archive,
                        uint64_t index) {
  entries_.push_back(
      {std::move(name), std::string(), std::move(archive), index, Compression::kStore});
}

Result<std::string> ZipWriter::Finish() const {
  std::set<std::string> seen;
  for (const auto& e : entries_) {
    if (e.name.empty() || e.name.back() == '/' || !seen.insert(Lower(e.name)).second) {
      return Status::Internal("zip: bad or duplicate entry name '" + e.name + "'");
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
  // Source archives of copied entries, opened once each; closed after zip_close.
  std::map<const std::string*, zip_t*> sources;
  auto close_sources = [&sources] {
    for (auto& [archive, z] : sources) zip_discard(z);
  };
  auto fail = [&](const std::string& what) -> Status {
    std::string msg = "zip: " + what + ": " + zip_strerror(za);
    zip_discard(za);
    zip_source_free(src);
    close_sources();
    return Status::Internal(msg);
  };
  for (const auto& e : entries_) {
    zip_source_t* s = nullptr;
    zip_int32_t copied_method = ZIP_CM_STORE;
    if (e.archive) {
      zip_t*& from = sources[e.archive.get()];
      if (from == nullptr) {
        zip_source_t* buf =
            zip_source_buffer_create(e.archive->data(), e.archive->size(), 0, &error);
        from = buf ? zip_open_from_source(buf, ZIP_RDONLY, &error) : nullptr;
        if (from == nullptr) {
          if (buf) zip_source_free(buf);
          return fail(e.name);
        }
      }
      zip_stat_t st;
      if (zip_stat_index(from, e.index, 0, &st) != 0) return fail(e.name);
      copied_method = st.comp_method;
      s = zip_source_zip(za, from, e.index, ZIP_FL_COMPRESSED, 0, -1);
    } else {
      s = zip_source_buffer(za, e.data.data(), e.data.size(), 0);
    }
    if (s == nullptr) return fail(e.name);
    zip_int64_t idx = zip_file_add(za, e.name.c_str(), s, ZIP_FL_ENC_UTF_8);
    if (idx < 0) {
      zip_source_free(s);
      return fail(e.name);
    }
    zip_uint64_t i = static_cast<zip_uint64_t>(idx);
    // A copy keeps its method, so that libzip copies its bytes instead of recompressing them.
    zip_int32_t method = e.archive                              ? copied_method
                         : e.compression == Compression::kStore ? ZIP_CM_STORE
                                                                : ZIP_CM_DEFLATE;
    zip_uint32_t level = e.compression == Compression::kBest ? 9 : 1;
    if (zip_set_file_compression(za, i, method, level) != 0 ||
        zip_file_set_dostime(za, i, kDosTime, kDosDate, 0) != 0) {
      return fail(e.name);
    }
  }
  if (zip_close(za) != 0) {
    std::string msg = std::string("zip: ") + zip_strerror(za);
    zip_discard(za);
    zip_source_free(src);
    close_sources();
    return Status::Internal(msg);
  }
  close_sources();
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
