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

namespace tokki {
namespace {

std::string ErrnoText() { return std::strerror(errno); }

// Writes data to a new temporary file next to path; returns the temporary's name.
Result<std::string> WriteTemp(const std::string& path, const std::string& data) {
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
  if (fsync(fd) != 0 || close(fd) != 0) {
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
  return WriteFilesAtomic({{path, data}});
}

Status WriteFilesAtomic(const std::vector<std::pair<std::string, std::string>>& files) {
  struct Pending {
    std::string temp;
    std::string path;
    std::string backup;  // Hard link to the file that was at path, or "".
    bool renamed = false;
  };
  std::vector<Pending> pending;
  // Undoes everything: temporaries removed, files already replaced put back.
  auto rollback = [&pending] {
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) {
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
  };
  for (const auto& [path, data] : files) {
    Result<std::string> tmp = WriteTemp(path, data);
    if (!tmp.ok()) {
      rollback();
      return tmp.status();
    }
    pending.push_back({*tmp, path, "", false});
  }
  // Keep what is at each target until every rename has succeeded.
  for (auto& p : pending) {
    struct stat st;
    if (lstat(p.path.c_str(), &st) != 0) continue;
    if (!S_ISREG(st.st_mode)) {
      rollback();
      return Status::IoError(p.path + ": 既存の通常ファイルではないため上書きできません");
    }
    std::string backup = p.temp + ".old";
    if (link(p.path.c_str(), backup.c_str()) != 0) {
      std::string err = ErrnoText();
      rollback();
      return Status::IoError(p.path + ": cannot keep the existing file: " + err);
    }
    p.backup = backup;
  }
  for (auto& p : pending) {
    if (std::rename(p.temp.c_str(), p.path.c_str()) != 0) {
      std::string err = ErrnoText();
      rollback();
      return Status::IoError(p.path + ": cannot write: " + err);
    }
    p.renamed = true;
  }
  for (const auto& p : pending) {
    if (!p.backup.empty()) unlink(p.backup.c_str());
  }
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
