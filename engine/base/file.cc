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
  std::vector<std::pair<std::string, std::string>> temps;  // (temporary, final)
  auto cleanup = [&temps] {
    for (auto& t : temps) unlink(t.first.c_str());
  };
  for (const auto& [path, data] : files) {
    Result<std::string> tmp = WriteTemp(path, data);
    if (!tmp.ok()) {
      cleanup();
      return tmp.status();
    }
    temps.emplace_back(*tmp, path);
  }
  for (size_t i = 0; i < temps.size(); ++i) {
    if (std::rename(temps[i].first.c_str(), temps[i].second.c_str()) != 0) {
      std::string err = ErrnoText();
      // Undo the renames already done so that the run leaves nothing behind.
      for (size_t j = 0; j < i; ++j) unlink(temps[j].second.c_str());
      for (size_t j = i; j < temps.size(); ++j) unlink(temps[j].first.c_str());
      return Status::IoError(temps[i].second + ": cannot write: " + err);
    }
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
