#include "zip/zip_writer.h"

#include <zip.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <climits>
#include <map>
#include <set>
#include <string_view>
#include <vector>

namespace tokki {
namespace {

constexpr zip_uint16_t kDosTime = 0;                        // 00:00:00
constexpr zip_uint16_t kDosDate = (0 << 9) | (1 << 5) | 1;  // 1980-01-01

// What libzip writes in every central directory header: made by UNIX, zip 6.3; external
// attributes of a regular file, mode 0666.
constexpr uint16_t kVersionMadeBy = (3 << 8) | 63;
constexpr uint32_t kExternalAttributes = 0100666u << 16;
constexpr uint16_t kMethodStore = 0;
constexpr uint16_t kMethodDeflate = 8;
constexpr size_t kLocalHeaderSize = 30;
constexpr size_t kCentralHeaderSize = 46;
constexpr size_t kEndOfCentralDirectorySize = 22;

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

int Level(ZipWriter::Compression compression) {
  return compression == ZipWriter::Compression::kBest ? 9 : 1;
}

// libzip 1.7 deflates empty data too (a 2-byte stream); later versions store it.
bool Deflated(ZipWriter::Compression compression) {
  return compression != ZipWriter::Compression::kStore;
}

// General purpose bits 1-2 (the deflate option), from the level, as libzip sets them.
uint16_t DeflateFlags(int level) {
  if (level < 3) return 2 << 1;
  if (level > 7) return 1 << 1;
  return 0;
}

// A raw deflate stream with libzip's settings (32 KiB window, memory level 9, default
// strategy), so that the bytes are the ones libzip writes. Kept per thread: a stream's set-up
// allocates some 400 KiB, more than deflating a 10 KiB part costs.
class Deflater {
 public:
  Deflater() = default;
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;
  ~Deflater() {
    if (level_ != 0) deflateEnd(&z_);
  }

  Status Deflate(std::string_view data, int level, std::string* out) {
    if (data.size() > UINT_MAX) return Status::Internal("zip: entry too large to deflate");
    if (level_ != level) {
      if (level_ != 0) deflateEnd(&z_);
      level_ = 0;
      z_ = z_stream();
      if (deflateInit2(&z_, level, Z_DEFLATED, -MAX_WBITS, MAX_MEM_LEVEL, Z_DEFAULT_STRATEGY) !=
          Z_OK) {
        return Status::Internal("zlib: cannot initialise deflate");
      }
      level_ = level;
    } else if (deflateReset(&z_) != Z_OK) {
      return Status::Internal("zlib: cannot reset deflate");
    }
    out->resize(deflateBound(&z_, static_cast<uLong>(data.size())));
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    z_.avail_in = static_cast<uInt>(data.size());
    z_.next_out = reinterpret_cast<Bytef*>(out->data());
    z_.avail_out = static_cast<uInt>(out->size());
    if (deflate(&z_, Z_FINISH) != Z_STREAM_END) {
      out->clear();
      return Status::Internal("zlib: deflate did not finish");
    }
    out->resize(z_.total_out);
    return Status::Ok();
  }

 private:
  z_stream z_{};
  int level_ = 0;  // 0: not initialised.
};

Status Deflate(std::string_view data, int level, std::string* out) {
  thread_local Deflater deflater;
  return deflater.Deflate(data, level, out);
}

uint32_t Crc32(std::string_view data) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // crc32_z takes a size_t length; crc32 a uInt.
  return static_cast<uint32_t>(
      crc32_z(crc, reinterpret_cast<const Bytef*>(data.data()), data.size()));
}

void Put16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}

void Put32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// One entry as written: the header fields and the bytes after the local header.
struct Record {
  const std::string* name;
  uint16_t method;
  uint16_t flags;
  uint32_t crc;
  uint64_t size;  // Uncompressed.
  std::string_view bytes;
  uint64_t offset = 0;  // Of the local header.
};

// The fields both headers share, from "version needed to extract" to the extra field length.
void PutCommon(std::string& out, const Record& r) {
  Put16(out, r.method == kMethodDeflate ? 20 : 10);
  Put16(out, r.flags);
  Put16(out, r.method);
  Put16(out, kDosTime);
  Put16(out, kDosDate);
  Put32(out, r.crc);
  Put32(out, static_cast<uint32_t>(r.bytes.size()));
  Put32(out, static_cast<uint32_t>(r.size));
  Put16(out, static_cast<uint16_t>(r.name->size()));
  Put16(out, 0);  // No extra field.
}

}  // namespace

Result<std::shared_ptr<const ZipWriter::PreparedEntry>> ZipWriter::Prepare(
    std::string name, std::string data, Compression compression) {
  auto e = std::make_shared<PreparedEntry>();
  e->name_ = std::move(name);
  e->data_ = std::move(data);
  e->compression_ = compression;
  e->crc_ = Crc32(e->data_);
  if (Deflated(compression)) {
    TOKKI_RETURN_IF_ERROR(Deflate(e->data_, Level(compression), &e->compressed_));
  } else {
    e->compressed_ = e->data_;
  }
  return std::shared_ptr<const PreparedEntry>(std::move(e));
}

void ZipWriter::Add(std::string name, std::string data, Compression compression) {
  entries_.push_back({std::move(name), std::move(data), nullptr, nullptr, 0, compression});
}

void ZipWriter::Add(std::shared_ptr<const PreparedEntry> entry) {
  std::string name = entry->name();
  Compression compression = entry->compression();
  entries_.push_back({std::move(name), std::string(), std::move(entry), nullptr, 0, compression});
}

void ZipWriter::AddCopy(std::string name, std::shared_ptr<const std::string> archive,
                        uint64_t index) {
  entries_.push_back(
      {std::move(name), std::string(), nullptr, std::move(archive), index, Compression::kStore});
}

Status ZipWriter::CheckNames() const {
  std::set<std::string> seen;
  for (const auto& e : entries_) {
    if (e.name.empty() || e.name.back() == '/' || !seen.insert(Lower(e.name)).second) {
      return Status::Internal("zip: bad or duplicate entry name '" + e.name + "'");
    }
  }
  return Status::Ok();
}

// What FinishNative() writes as libzip would: no copies (their headers come from the other
// archive), ASCII names (libzip flags UTF-8 ones), and no zip64 (sizes, offsets and counts
// below their 16 and 32-bit limits; a deflated entry may outgrow its data a little).
bool ZipWriter::NativeCanWrite() const {
  if (entries_.size() >= 0xFFFF) return false;
  uint64_t total = 0;
  for (const auto& e : entries_) {
    if (e.archive) return false;
    for (unsigned char c : e.name) {
      if (c == 0 || c >= 0x80) return false;
    }
    if (e.name.size() > 0xFFFF) return false;
    const size_t size = e.prepared ? e.prepared->data().size() : e.data.size();
    total += size + size / 16 + e.name.size() * 2 + kLocalHeaderSize + kCentralHeaderSize + 64;
  }
  return total < 0xFFFFFFFFu;
}

Result<std::string> ZipWriter::FinishNative() const {
  std::vector<Record> records;
  records.reserve(entries_.size());
  std::deque<std::string> deflated;  // Owns the bytes of entries deflated here.
  size_t total = kEndOfCentralDirectorySize;
  for (const auto& e : entries_) {
    Record r;
    r.name = &e.name;
    if (e.prepared) {
      const PreparedEntry& p = *e.prepared;
      r.size = p.data().size();
      r.crc = p.crc();
      r.bytes = p.compressed();
      r.method = Deflated(p.compression()) ? kMethodDeflate : kMethodStore;
      r.flags = r.method == kMethodDeflate ? DeflateFlags(Level(p.compression())) : 0;
    } else {
      r.size = e.data.size();
      r.crc = Crc32(e.data);
      if (Deflated(e.compression)) {
        TOKKI_RETURN_IF_ERROR(Deflate(e.data, Level(e.compression), &deflated.emplace_back()));
        r.bytes = deflated.back();
        r.method = kMethodDeflate;
        r.flags = DeflateFlags(Level(e.compression));
      } else {
        r.bytes = e.data;
        r.method = kMethodStore;
        r.flags = 0;
      }
    }
    total += kLocalHeaderSize + kCentralHeaderSize + 2 * e.name.size() + r.bytes.size();
    records.push_back(r);
  }
  if (total > 0xFFFFFFFFu) return FinishWithLibzip();  // Needs zip64 after all.
  std::string out;
  out.reserve(total);
  for (Record& r : records) {
    r.offset = out.size();
    Put32(out, 0x04034b50);
    PutCommon(out, r);
    out += *r.name;
    out.append(r.bytes.data(), r.bytes.size());
  }
  const size_t directory = out.size();
  for (const Record& r : records) {
    Put32(out, 0x02014b50);
    Put16(out, kVersionMadeBy);
    PutCommon(out, r);
    Put16(out, 0);  // Comment length.
    Put16(out, 0);  // Disk number.
    Put16(out, 0);  // Internal attributes.
    Put32(out, kExternalAttributes);
    Put32(out, static_cast<uint32_t>(r.offset));
    out += *r.name;
  }
  const size_t directory_size = out.size() - directory;
  Put32(out, 0x06054b50);
  Put16(out, 0);  // This disk.
  Put16(out, 0);  // Disk of the central directory.
  Put16(out, static_cast<uint16_t>(records.size()));
  Put16(out, static_cast<uint16_t>(records.size()));
  Put32(out, static_cast<uint32_t>(directory_size));
  Put32(out, static_cast<uint32_t>(directory));
  Put16(out, 0);  // Comment length.
  return out;
}

Result<std::string> ZipWriter::Finish() const {
  TOKKI_RETURN_IF_ERROR(CheckNames());
  if (NativeCanWrite()) return FinishNative();
  return FinishWithLibzip();
}

Result<std::string> ZipWriter::FinishWithLibzip() const {
  TOKKI_RETURN_IF_ERROR(CheckNames());
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
    } else if (e.prepared) {
      // Compressed again, with the same settings: the same bytes.
      s = zip_source_buffer(za, e.prepared->data().data(), e.prepared->data().size(), 0);
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
