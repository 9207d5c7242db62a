// Reads entries of a zip archive held in memory (libzip), for untrusted input: .docx files
// uploaded by anyone.
//
// Nothing is ever extracted to disk; entries are inflated into strings on request. Defences:
//   - Open() refuses more than max_entries entries, entry names that are absolute ("/x",
//     "C:x") or contain a ".." segment or a backslash, duplicate names, encrypted entries and
//     any compression method other than stored and deflate.
//   - Read() counts the bytes actually inflated (the sizes in the central directory can lie),
//     reading in chunks and stopping as soon as the entry passes max_entry_bytes, all entries
//     read so far pass max_total_bytes, or the entry inflates to more than max_ratio times its
//     compressed size (checked once past a small grace size, as Apache POI does).
//
// Every error is Status::Invalid with a one-line message that starts with the archive's name,
// e.g. "a.docx: zip のエントリ word/document.xml が大きすぎます (展開後 64 MiB 超)".
//
// A ZipReader is not thread-safe (it keeps a running total); use one per thread.
#ifndef TOKKI_ZIP_ZIP_READER_H_
#define TOKKI_ZIP_ZIP_READER_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

struct zip;  // libzip's zip_t.

namespace tokki {

struct ZipLimits {
  size_t max_entries = 2000;
  size_t max_entry_bytes = size_t{64} << 20;   // Inflated bytes of one entry.
  size_t max_total_bytes = size_t{256} << 20;  // Inflated bytes of all entries read.
  size_t max_ratio = 200;                      // Inflated / compressed, per entry; 0 = no limit.
};

class ZipReader {
 public:
  // Opens the archive in `bytes`, which must outlive the reader (it is not copied). `name` is
  // the file name used at the start of every message. A file that is not a zip archive, or is
  // truncated or corrupt, gives "name: .docx（zip）として読めません".
  static Result<std::unique_ptr<ZipReader>> Open(std::string_view bytes, const std::string& name,
                                                 const ZipLimits& limits = {});
  ~ZipReader();
  ZipReader(const ZipReader&) = delete;
  ZipReader& operator=(const ZipReader&) = delete;

  // Entry names in central-directory order.
  const std::vector<std::string>& entries() const { return names_; }
  bool Contains(std::string_view entry) const;

  // Inflates one entry. NotFound when there is no such entry; Invalid when a limit is reached
  // (no more than a chunk past the limit is ever inflated) or the data is corrupt.
  Result<std::string> Read(std::string_view entry);

  // The entry as stored (still compressed), prefixed with its compression method and sizes:
  // two entries give equal strings only if their contents are equal. Used as a cache key for
  // parts shared by many documents. NotFound as Read(); Invalid past max_entry_bytes stored.
  Result<std::string> StoredForm(std::string_view entry);
  // StoredForm(entry) appended to *out (a key made of several parts, without a copy of each).
  // On error *out holds an unspecified prefix of it.
  Status AppendStoredForm(std::string_view entry, std::string* out);

  // Bytes inflated by Read() so far, including those of refused entries.
  uint64_t bytes_inflated() const { return total_; }

 private:
  // Index of an entry, compared as OPC does (ASCII case-insensitively); -1 when absent.
  int64_t Find(std::string_view entry) const;

  ZipReader(zip* archive, std::string name, const ZipLimits& limits)
      : archive_(archive), name_(std::move(name)), limits_(limits) {}

  zip* archive_;
  std::string name_;
  ZipLimits limits_;
  std::vector<std::string> names_;  // Index i is libzip's entry i.
  uint64_t total_ = 0;
};

}  // namespace tokki

#endif  // TOKKI_ZIP_ZIP_READER_H_
