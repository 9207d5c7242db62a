// Writes a zip archive in memory with libzip, reproducibly: entries in the order added, every
// entry stamped 1980-01-01 00:00 (as Word does), stored or deflated as asked, no directory
// entries, no encryption.
#ifndef TOKKI_ZIP_ZIP_WRITER_H_
#define TOKKI_ZIP_ZIP_WRITER_H_

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
    kBest,  // deflate level 9: parts compressed once and copied many times (AddCopy).
  };

  // Adds an entry. Names must be unique (case-insensitively) and must not end in '/'.
  void Add(std::string name, std::string data, Compression compression = Compression::kFast);

  // Adds entry `index` of the zip archive held in `archive`, copying its compressed bytes as
  // they are (no inflate and deflate again): for parts that are the same in every document.
  void AddCopy(std::string name, std::shared_ptr<const std::string> archive, uint64_t index);

  // Builds the archive from the entries added so far.
  Result<std::string> Finish() const;

 private:
  struct Entry {
    std::string name;
    std::string data;
    std::shared_ptr<const std::string> archive;  // Set for copies.
    uint64_t index = 0;
    Compression compression = Compression::kFast;
  };
  std::deque<Entry> entries_;
};

}  // namespace tokki

#endif  // TOKKI_ZIP_ZIP_WRITER_H_
