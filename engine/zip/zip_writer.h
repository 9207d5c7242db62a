// Writes a zip archive in memory, reproducibly: entries in the order added, every entry stamped
// 1980-01-01 00:00 (as Word does), stored or deflated as asked, no directory entries, no
// encryption.
//
// Archives of added data are serialized here, with zlib for deflate; archives holding copies of
// another archive's entries (AddCopy), or what the plain format cannot hold (zip64 sizes,
// non-ASCII names), are written by libzip. Both give the same bytes for the same entries (the
// headers libzip writes, the deflate stream of its settings): FinishWithLibzip() is there to
// check it.
#ifndef TOKKI_ZIP_ZIP_WRITER_H_
#define TOKKI_ZIP_ZIP_WRITER_H_

#include <cstdint>
#include <deque>
#include <memory>
#include <string>

#include "base/status.h"

namespace tokki {

class ZipWriter {
 public:
  ZipWriter() = default;
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  enum class Compression {
    kStore,
    kFast,  // deflate level 1: parts written for every document.
    kBest,  // deflate level 9: parts compressed once and added many times (Prepare).
  };

  // An entry compressed once (its deflated bytes and CRC-32), to be added to any number of
  // archives without compressing it again: for the parts that are the same in every document.
  // Immutable: shareable between threads.
  class PreparedEntry {
   public:
    const std::string& name() const { return name_; }
    const std::string& data() const { return data_; }  // Uncompressed.
    const std::string& compressed() const { return compressed_; }
    uint32_t crc() const { return crc_; }
    Compression compression() const { return compression_; }

   private:
    friend class ZipWriter;
    std::string name_;
    std::string data_;
    std::string compressed_;  // The bytes written after the local header.
    uint32_t crc_ = 0;
    Compression compression_ = Compression::kStore;
  };

  // Compresses `data` as it will be written. Fails only when zlib does.
  static Result<std::shared_ptr<const PreparedEntry>> Prepare(std::string name, std::string data,
                                                              Compression compression);

  // Adds an entry. Names must be unique (case-insensitively) and must not end in '/'.
  void Add(std::string name, std::string data, Compression compression = Compression::kFast);

  // Adds an entry prepared by Prepare(), under its name, copying its compressed bytes.
  void Add(std::shared_ptr<const PreparedEntry> entry);

  // Adds entry `index` of the zip archive held in `archive`, copying its compressed bytes as
  // they are (no inflate and deflate again).
  void AddCopy(std::string name, std::shared_ptr<const std::string> archive, uint64_t index);

  // Builds the archive from the entries added so far.
  Result<std::string> Finish() const;

  // The same archive built by libzip whatever the entries: the reference Finish() must match
  // byte for byte (tests).
  Result<std::string> FinishWithLibzip() const;

 private:
  struct Entry {
    std::string name;
    std::string data;
    std::shared_ptr<const PreparedEntry> prepared;  // Set for prepared entries.
    std::shared_ptr<const std::string> archive;     // Set for copies.
    uint64_t index = 0;
    Compression compression = Compression::kFast;
  };
  Status CheckNames() const;
  bool NativeCanWrite() const;
  Result<std::string> FinishNative() const;
  std::deque<Entry> entries_;
};

}  // namespace tokki

#endif  // TOKKI_ZIP_ZIP_WRITER_H_
