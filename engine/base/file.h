// File access for the engine: whole-file reads and atomic writes.
#ifndef TOKKI_BASE_FILE_H_
#define TOKKI_BASE_FILE_H_

#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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

// A set of output files written all or nothing. Stage() writes each to a temporary file next
// to its path (safe to call from several threads at once); Commit() flushes them to disk and
// renames them into place, restoring every replaced file if any rename fails. Destroying the
// set without a successful Commit() removes the temporaries: nothing is left behind.
class StagedFiles {
 public:
  enum class Sync {
    kEachFile,  // fsync each temporary (one or a few files).
    kOnCommit,  // one syncfs per directory at Commit: 500 fsyncs are 500 ext4 journal commits.
  };
  explicit StagedFiles(Sync mode = Sync::kOnCommit) : mode_(mode) {}
  ~StagedFiles();
  StagedFiles(const StagedFiles&) = delete;
  StagedFiles& operator=(const StagedFiles&) = delete;

  Status Stage(const std::string& path, const std::string& data);
  Status Commit();

 private:
  struct Pending {
    std::string temp;
    std::string path;
    std::string backup;  // Hard link to the file that was at path, or "".
    bool renamed = false;
  };
  void Rollback();  // Requires mu_ held or no concurrent Stage().

  Sync mode_;
  std::mutex mu_;
  std::vector<Pending> pending_;
  bool committed_ = false;
};

// One output file written as it is produced: into a temporary next to it, renamed over it by
// Commit(). Destroyed without Commit(), it leaves nothing behind. "-" is standard output, and
// a device or FIFO is written in place.
class OutputFile {
 public:
  static Result<std::unique_ptr<OutputFile>> Open(const std::string& path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  Status Write(std::string_view data);
  Status Commit();

 private:
  OutputFile() = default;
  std::string path_;
  std::string temp_;  // "" when writing in place.
  int fd_ = -1;
  bool committed_ = false;
};

// Lists regular files below dir (recursively), as paths relative to dir, sorted.
Result<std::vector<std::string>> ListFilesRecursive(const std::string& dir);

}  // namespace tokki

#endif  // TOKKI_BASE_FILE_H_
