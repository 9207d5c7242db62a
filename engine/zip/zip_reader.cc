#include "zip/zip_reader.h"

#include <zip.h>

#include <algorithm>
#include <set>

namespace tokki {
namespace {

// Below this many inflated bytes the ratio is not checked: tiny, repetitive parts (an empty
// header, a settings part) legitimately compress far better than large ones.
constexpr uint64_t kRatioGraceBytes = 100 << 10;
constexpr size_t kChunkBytes = 64 << 10;

char AsciiLowerChar(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), AsciiLowerChar);
  return out;
}

// An entry name as it may appear in a one-line message: no control characters, bounded.
std::string Printable(std::string_view s) {
  std::string out;
  for (unsigned char c : s.substr(0, 120)) out += (c < 0x20 || c == 0x7f) ? '?' : char(c);
  if (s.size() > 120) out += "…";
  return out;
}

std::string FormatBytes(uint64_t n) {
  if (n >= (1 << 20) && n % (1 << 20) == 0) return std::to_string(n >> 20) + " MiB";
  if (n >= (1 << 10) && n % (1 << 10) == 0) return std::to_string(n >> 10) + " KiB";
  return std::to_string(n) + " バイト";
}

// True for names that would escape a destination directory if someone extracted the archive:
// we never extract, but such a name has no business in a .docx and signals a crafted file.
bool IsUnsafeName(std::string_view name) {
  if (name.empty() || name.front() == '/' || name.find('\\') != std::string_view::npos) {
    return true;
  }
  if (name.size() >= 2 && name[1] == ':' &&
      ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z'))) {
    return true;  // A drive letter: "C:/x" or "C:x".
  }
  size_t start = 0;
  while (start <= name.size()) {
    size_t end = name.find('/', start);
    if (end == std::string_view::npos) end = name.size();
    if (name.substr(start, end - start) == "..") return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<ZipReader>> ZipReader::Open(std::string_view bytes, const std::string& name,
                                                   const ZipLimits& limits) {
  const std::string unreadable = name + ": .docx（zip）として読めません";
  // libzip opens an empty buffer as an empty archive; the smallest real one is its 22-byte
  // end-of-central-directory record.
  if (bytes.size() < 22) return Status::Invalid(unreadable);
  zip_error_t error;
  zip_error_init(&error);
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
  if (src == nullptr) {
    zip_error_fini(&error);
    return Status::Internal(name + ": zip: cannot create buffer");
  }
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &error);
  zip_error_fini(&error);
  if (za == nullptr) {
    zip_source_free(src);  // Still ours: zip_open_from_source failed.
    return Status::Invalid(unreadable);
  }
  // From here `reader` owns za (and za owns src).
  std::unique_ptr<ZipReader> reader(new ZipReader(za, name, limits));
  zip_int64_t count = zip_get_num_entries(za, 0);
  if (count < 0) return Status::Invalid(unreadable);
  if (static_cast<uint64_t>(count) > limits.max_entries) {
    return Status::Invalid(name + ": zip のエントリが多すぎます (" + std::to_string(count) +
                           " 個、上限 " + std::to_string(limits.max_entries) + " 個)");
  }
  std::set<std::string> seen;
  for (zip_uint64_t i = 0; i < static_cast<zip_uint64_t>(count); ++i) {
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME) || st.name == nullptr) {
      return Status::Invalid(unreadable);
    }
    std::string entry = st.name;
    if (IsUnsafeName(entry)) {
      return Status::Invalid(
          name + ": zip のエントリ名「" + Printable(entry) +
          "」は不正です (絶対パス、「..」、バックスラッシュを含む名前は拒否します。"
          "展開はしませんが、細工された zip とみなします)");
    }
    // Part names are case-insensitive in OPC: two that differ only in case are ambiguous.
    if (!seen.insert(AsciiLower(entry)).second) {
      return Status::Invalid(name + ": zip のエントリ「" + Printable(entry) + "」が重複しています");
    }
    if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
      return Status::Invalid(name + ": zip のエントリ " + Printable(entry) +
                             " は暗号化されています (暗号化された zip は読めません)");
    }
    if (!(st.valid & ZIP_STAT_COMP_METHOD) ||
        (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE)) {
      return Status::Invalid(name + ": zip のエントリ " + Printable(entry) + " の圧縮方式 (" +
                             std::to_string(st.comp_method) +
                             ") には対応していません (stored と deflate のみ)");
    }
    reader->names_.push_back(std::move(entry));
  }
  return reader;
}

ZipReader::~ZipReader() { zip_discard(archive_); }

int64_t ZipReader::Find(std::string_view entry) const {
  // OPC part names compare case-insensitively; Open() refused names equal but for case.
  auto same = [&](const std::string& n) {
    return n.size() == entry.size() &&
           std::equal(n.begin(), n.end(), entry.begin(),
                      [](char a, char b) { return AsciiLowerChar(a) == AsciiLowerChar(b); });
  };
  auto it = std::find_if(names_.begin(), names_.end(), same);
  return it == names_.end() ? -1 : it - names_.begin();
}

bool ZipReader::Contains(std::string_view entry) const { return Find(entry) >= 0; }

Result<std::string> ZipReader::StoredForm(std::string_view entry) {
  std::string out;
  TOKKI_RETURN_IF_ERROR(AppendStoredForm(entry, &out));
  return out;
}

Status ZipReader::AppendStoredForm(std::string_view entry, std::string* out) {
  const int64_t found = Find(entry);
  if (found < 0) {
    return Status::NotFound(name_ + ": zip にエントリ " + Printable(entry) + " がありません");
  }
  const zip_uint64_t index = static_cast<zip_uint64_t>(found);
  const std::string corrupt =
      name_ + ": zip のエントリ " + Printable(names_[index]) + " が壊れています";
  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, index, 0, &st) != 0 || !(st.valid & ZIP_STAT_COMP_SIZE) ||
      !(st.valid & ZIP_STAT_SIZE) || !(st.valid & ZIP_STAT_CRC)) {
    return Status::Invalid(corrupt);
  }
  if (st.comp_size > limits_.max_entry_bytes) {
    return Status::Invalid(name_ + ": zip のエントリ " + Printable(names_[index]) +
                           " が大きすぎます (" + FormatBytes(limits_.max_entry_bytes) + " 超)");
  }
  *out += std::to_string(st.comp_method) + ":" + std::to_string(st.size) + ":" +
          std::to_string(st.crc) + ":" + std::to_string(st.comp_size) + ":";
  const size_t header = out->size();
  out->resize(header + st.comp_size);
  zip_file_t* file = zip_fopen_index(archive_, index, ZIP_FL_COMPRESSED);
  if (file == nullptr) return Status::Invalid(corrupt);
  zip_int64_t n = zip_fread(file, out->data() + header, st.comp_size);
  zip_fclose(file);
  if (n < 0 || static_cast<zip_uint64_t>(n) != st.comp_size) return Status::Invalid(corrupt);
  return Status::Ok();
}

Result<std::string> ZipReader::Read(std::string_view entry) {
  const int64_t found = Find(entry);
  if (found < 0) {
    return Status::NotFound(name_ + ": zip にエントリ " + Printable(entry) + " がありません");
  }
  const zip_uint64_t index = static_cast<zip_uint64_t>(found);
  const std::string shown = Printable(names_[index]);
  const std::string corrupt = name_ + ": zip のエントリ " + shown + " が壊れています";
  auto too_large = [&] {
    return Status::Invalid(name_ + ": zip のエントリ " + shown + " が大きすぎます (展開後 " +
                           FormatBytes(limits_.max_entry_bytes) + " 超)");
  };

  zip_stat_t st;
  zip_stat_init(&st);
  if (zip_stat_index(archive_, index, 0, &st) != 0) return Status::Invalid(corrupt);
  // A declared size over a limit is refused without inflating anything; a declared size
  // under it proves nothing, so the loop below counts what it actually gets.
  if ((st.valid & ZIP_STAT_SIZE) && st.size > limits_.max_entry_bytes) return too_large();
  const uint64_t compressed = (st.valid & ZIP_STAT_COMP_SIZE) ? st.comp_size : 0;
  // size > ratio * compressed, written without the multiplication (which could overflow).
  auto ratio_exceeded = [&](uint64_t size) {
    return limits_.max_ratio > 0 && size > kRatioGraceBytes &&
           compressed <= (size - 1) / limits_.max_ratio;
  };
  auto bomb = [&] {
    return Status::Invalid(name_ + ": zip のエントリ " + shown +
                           " の圧縮率が異常に高いため読みません (zip bomb の疑い、上限 " +
                           std::to_string(limits_.max_ratio) + " 倍)");
  };
  if ((st.valid & ZIP_STAT_SIZE) && ratio_exceeded(st.size)) return bomb();

  zip_file_t* file = zip_fopen_index(archive_, index, 0);
  if (file == nullptr) return Status::Invalid(corrupt);
  // Inflated straight into the result, in chunks: the declared size (already checked against
  // the limit) only sizes the first one, since it may lie.
  std::string out;
  size_t used = 0;
  // One byte more than declared, so that the end is seen without growing the string.
  const size_t first = (st.valid & ZIP_STAT_SIZE) ? static_cast<size_t>(st.size) + 1 : kChunkBytes;
  Status failure;
  while (true) {
    if (used == out.size()) out.resize(used == 0 ? first : used + kChunkBytes);
    zip_int64_t n = zip_fread(file, out.data() + used, out.size() - used);
    if (n < 0) {  // Includes a CRC mismatch at the end of the entry.
      failure = Status::Invalid(corrupt);
      break;
    }
    if (n == 0) break;
    used += static_cast<size_t>(n);
    total_ += static_cast<uint64_t>(n);
    const uint64_t size = used;
    if (size > limits_.max_entry_bytes) {
      failure = too_large();
      break;
    }
    if (total_ > limits_.max_total_bytes) {
      failure =
          Status::Invalid(name_ + ": zip の展開後の合計が大きすぎます (" +
                          FormatBytes(limits_.max_total_bytes) + " 超、" + shown + " で超過)");
      break;
    }
    if (ratio_exceeded(size)) {
      failure = bomb();
      break;
    }
  }
  zip_fclose(file);
  if (!failure.ok()) return failure;
  out.resize(used);
  return out;
}

}  // namespace tokki
