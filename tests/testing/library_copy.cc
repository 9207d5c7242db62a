#include "testing/library_copy.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/file.h"

namespace tokki::testing {

namespace fs = std::filesystem;

LibraryCopy::LibraryCopy() {
  static int counter = 0;
  dir_ = (fs::temp_directory_path() /
          ("tokki-lib-" + std::to_string(::getpid()) + "-" + std::to_string(counter++)))
             .string();
  fs::remove_all(dir_);
  fs::copy(TOKKI_SOURCE_DIR "/clauses", dir_, fs::copy_options::recursive);
}

LibraryCopy::~LibraryCopy() { fs::remove_all(dir_); }

bool LibraryCopy::Edit(const std::string& rel, const std::string& from, const std::string& to) {
  Result<std::string> data = ReadFile(file(rel));
  if (!data.ok()) return false;
  size_t pos = data->find(from);
  if (pos == std::string::npos) return false;
  data->replace(pos, from.size(), to);
  Write(rel, *data);
  return true;
}

int LibraryCopy::RemoveLines(const std::string& rel, const std::string& needle) {
  std::ifstream in(file(rel));
  std::string kept;
  int removed = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.find(needle) != std::string::npos) {
      ++removed;
    } else {
      kept += line + "\n";
    }
  }
  in.close();
  Write(rel, kept);
  return removed;
}

void LibraryCopy::Write(const std::string& rel, const std::string& data) {
  std::ofstream(file(rel), std::ios::binary | std::ios::trunc) << data;
}

void LibraryCopy::Remove(const std::string& rel) { fs::remove(file(rel)); }

int LineOf(const std::string& file, const std::string& needle) {
  std::ifstream in(file);
  int n = 0;
  for (std::string line; std::getline(in, line);) {
    ++n;
    if (line.find(needle) != std::string::npos) return n;
  }
  return 0;
}

}  // namespace tokki::testing
