// Writes a zip archive in memory with libzip, reproducibly: entries in the order added, every
// entry stamped 1980-01-01 00:00 (as Word does), deflate, no directory entries, no encryption.
#ifndef TOKKI_ZIP_ZIP_WRITER_H_
#define TOKKI_ZIP_ZIP_WRITER_H_

#include <deque>
#include <string>

#include "base/status.h"

namespace tokki {

class ZipWriter {
 public:
  ZipWriter() = default;
  ZipWriter(const ZipWriter&) = delete;
  ZipWriter& operator=(const ZipWriter&) = delete;

  // Adds an entry. Names must be unique (case-insensitively) and must not end in '/'.
  void Add(std::string name, std::string data);

  // Builds the archive from the entries added so far.
  Result<std::string> Finish() const;

 private:
  std::deque<std::pair<std::string, std::string>> entries_;
};

}  // namespace tokki

#endif  // TOKKI_ZIP_ZIP_WRITER_H_
