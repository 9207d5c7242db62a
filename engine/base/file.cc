#include "base/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <set>

namespace tokki {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

std::string DirOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

// Writes data to a new temporary file next to path; returns the temporary's name. With `sync`
// the data is flushed to disk before returning.
Result<std::string> WriteTemp(const std::string& path, const std::string& data, bool sync) {
  std::string tmpl = path + ".tmp-XXXXXX";
  int fd = mkstemp(tmpl.data());
  if (fd < 0) return Status::IoError(path + ": cannot create file: " + ErrnoText());
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = write(fd, data.data() + done, data.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      std::string err = ErrnoText();
      close(fd);
      unlink(tmpl.c_str());
      return Status::IoError(path + ": write failed: " + err);
    }
    done += static_cast<size_t>(n);
  }
  // mkstemp creates 0600; output documents are ordinary files.
  fchmod(fd, 0644);
  if ((sync && fsync(fd) != 0) || close(fd) != 0) {
    std::string err = ErrnoText();
    unlink(tmpl.c_str());
    return Status::IoError(path + ": write failed: " + err);
  }
  return tmpl;
}

}  // namespace

Result<std::string> ReadFile(const std::string& path, size_t max_bytes) {
  std::error_code ec;
  auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    return Status::NotFound(path + ": ファイルが見つかりません");
  }
  if (!std::filesystem::is_regular_file(status)) {
    return Status::Invalid(path + ": 通常のファイルではありません");
  }
  auto size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(path + ": " + ec.message());
  if (size > max_bytes) {
    return Status::Invalid(path + ": ファイルが大きすぎます (" + std::to_string(size) + " bytes)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(path + ": 読み込めません");
  std::string data(size, '\0');
  in.read(data.data(), static_cast<std::streamsize>(size));
  if (static_cast<size_t>(in.gcount()) != size) return Status::IoError(path + ": 読み込めません");
  return data;
}

Status WriteFileAtomic(const std::string& path, const std::string& data) {
  if (path == "-") {
    std::cout.write(data.data(), static_cast<std::streamsize>(data.size()));
    std::cout.flush();
    if (!std::cout) return Status::IoError("-: 標準出力に書き込めません");
    return Status::Ok();
  }
  // A device or a pipe (/dev/null, /dev/stdout, a FIFO) is written in place: there is nothing
  // to replace atomically, and no temporary can be made beside it.
  struct stat st;
  if (stat(path.c_str(), &st) == 0 && (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode))) {
    std::ofstream out(path, std::ios::binary);
    out.write(data.data(), static_cast<std::streamsize>(data.size()));
    if (!out) return Status::IoError(path + ": 書き込めません");
    return Status::Ok();
  }
  return WriteFilesAtomic({{path, data}});
}

StagedFiles::~StagedFiles() {
  if (!committed_) Rollback();
}

Status StagedFiles::Stage(const std::string& path, const std::string& data) {
  Result<std::string> tmp = WriteTemp(path, data, mode_ == Sync::kEachFile);
  if (!tmp.ok()) return tmp.status();
  std::lock_guard<std::mutex> lock(mu_);
  pending_.push_back({*tmp, path, "", false});
  return Status::Ok();
}

void StagedFiles::Rollback() {
  for (auto it = pending_.rbegin(); it != pending_.rend(); ++it) {
    if (it->renamed) {
      if (!it->backup.empty()) {
        std::rename(it->backup.c_str(), it->path.c_str());
      } else {
        unlink(it->path.c_str());
      }
    } else {
      unlink(it->temp.c_str());
      if (!it->backup.empty()) unlink(it->backup.c_str());
    }
  }
  pending_.clear();
}

Status StagedFiles::Commit() {
  std::lock_guard<std::mutex> lock(mu_);
  auto fail = [this](Status st) {
    Rollback();
    return st;
  };
  // Rename in the order of the paths, whatever order the workers staged them in.
  std::sort(pending_.begin(), pending_.end(),
            [](const Pending& a, const Pending& b) { return a.path < b.path; });
  std::set<std::string> dirs;
  for (const auto& p : pending_) dirs.insert(DirOf(p.path));
  if (mode_ == Sync::kOnCommit) {
    for (const auto& dir : dirs) {
      int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (fd < 0 || syncfs(fd) != 0) {
        std::string err = ErrnoText();
        if (fd >= 0) close(fd);
        return fail(Status::IoError(dir + ": cannot flush to disk: " + err));
      }
      close(fd);
    }
  }
  // Keep what is at each target until every rename has succeeded.
  for (auto& p : pending_) {
    struct stat st;
    if (lstat(p.path.c_str(), &st) != 0) continue;
    if (!S_ISREG(st.st_mode)) {
      return fail(Status::IoError(p.path + ": 既存の通常ファイルではないため上書きできません"));
    }
    std::string backup = p.temp + ".old";
    if (link(p.path.c_str(), backup.c_str()) != 0) {
      return fail(Status::IoError(p.path + ": cannot keep the existing file: " + ErrnoText()));
    }
    p.backup = backup;
  }
  for (auto& p : pending_) {
    if (std::rename(p.temp.c_str(), p.path.c_str()) != 0) {
      return fail(Status::IoError(p.path + ": cannot write: " + ErrnoText()));
    }
    p.renamed = true;
  }
  for (const auto& p : pending_) {
    if (!p.backup.empty()) unlink(p.backup.c_str());
  }
  // Make the renames themselves durable.
  for (const auto& dir : dirs) {
    int fd = open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      fsync(fd);
      close(fd);
    }
  }
  committed_ = true;
  return Status::Ok();
}

Status WriteFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files) {
  StagedFiles staged(files.size() > 1 ? StagedFiles::Sync::kOnCommit
                                      : StagedFiles::Sync::kEachFile);
  for (const auto& [path, data] : files) TOKKI_RETURN_IF_ERROR(staged.Stage(path, data));
  return staged.Commit();
}

Result<std::unique_ptr<OutputFile>> OutputFile::Open(const std::string& path) {
  std::unique_ptr<OutputFile> f(new OutputFile());
  f->path_ = path;
  if (path == "-") {
    f->fd_ = STDOUT_FILENO;
    return f;
  }
  struct stat st;
  if (stat(path.c_str(), &st) == 0) {
    if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
      f->fd_ = open(path.c_str(), O_WRONLY | O_CLOEXEC);
      if (f->fd_ < 0) return Status::IoError(path + ": 書き込めません: " + ErrnoText());
      return f;
    }
    if (!S_ISREG(st.st_mode)) {
      return Status::IoError(path + ": 既存の通常ファイルではないため上書きできません");
    }
  }
  f->temp_ = path + ".tmp-XXXXXX";
  f->fd_ = mkstemp(f->temp_.data());
  if (f->fd_ < 0) {
    f->temp_.clear();
    return Status::IoError(path + ": cannot create file: " + ErrnoText());
  }
  fchmod(f->fd_, 0644);
  return f;
}

OutputFile::~OutputFile() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) close(fd_);
  if (!committed_ && !temp_.empty()) unlink(temp_.c_str());
}

Status OutputFile::Write(std::string_view data) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t w = write(fd_, data.data() + done, data.size() - done);
    if (w < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(path_ + ": write failed: " + ErrnoText());
    }
    done += static_cast<size_t>(w);
  }
  return Status::Ok();
}

Status OutputFile::Commit() {
  if (temp_.empty()) {
    committed_ = true;
    return Status::Ok();
  }
  if (fsync(fd_) != 0 || close(fd_) != 0) {
    fd_ = -1;
    return Status::IoError(path_ + ": write failed: " + ErrnoText());
  }
  fd_ = -1;
  if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
    return Status::IoError(path_ + ": cannot write: " + ErrnoText());
  }
  committed_ = true;
  return Status::Ok();
}

Result<std::vector<std::string>> ListFilesRecursive(const std::string& dir) {
  std::error_code ec;
  std::vector<std::string> out;
  std::filesystem::recursive_directory_iterator it(dir, ec), end;
  if (ec) return Status::NotFound(dir + ": " + ec.message());
  for (; it != end; it.increment(ec)) {
    if (ec) return Status::IoError(dir + ": " + ec.message());
    if (it->is_regular_file()) {
      out.push_back(std::filesystem::relative(it->path(), dir).generic_string());
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace tokki
