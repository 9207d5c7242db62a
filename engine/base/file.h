// File access for the engine: whole-file reads and atomic writes.
#ifndef TOKKI_BASE_FILE_H_
#define TOKKI_BASE_FILE_H_

#include <string>
#include <vector>

#include "base/status.h"

namespace tokki {

// Reads the whole file. Refuses files larger than max_bytes.
Result<std::string> ReadFile(const std::string& path, size_t max_bytes = size_t{1} << 30);

// Writes data to path atomically: a temporary file in the same directory, flushed, then renamed
// over path. On failure nothing is left at path (and an existing file there is unchanged).
// path "-" writes to standard output.
Status WriteFileAtomic(const std::string& path, const std::string& data);

// Writes several files, all or nothing: each is first written to a temporary file; only when
// every one succeeded are they renamed into place. On failure the temporaries are removed and
// any file that was already replaced is restored, so the directory is as it was.
Status WriteFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files);

// Lists regular files below dir (recursively), as paths relative to dir, sorted.
Result<std::vector<std::string>> ListFilesRecursive(const std::string& dir);

}  // namespace tokki

#endif  // TOKKI_BASE_FILE_H_
