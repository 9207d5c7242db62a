// A writable copy of the real clause library in a temporary directory, removed when the object
// goes away: tests edit it to break or renumber the library.
#ifndef TOKKI_TESTS_TESTING_LIBRARY_COPY_H_
#define TOKKI_TESTS_TESTING_LIBRARY_COPY_H_

#include <string>

namespace tokki::testing {

class LibraryCopy {
 public:
  LibraryCopy();
  ~LibraryCopy();
  LibraryCopy(const LibraryCopy&) = delete;
  LibraryCopy& operator=(const LibraryCopy&) = delete;

  std::string path() const { return dir_; }
  std::string file(const std::string& rel) const { return dir_ + "/" + rel; }

  // Replaces the first occurrence of `from` in file `rel`; returns false when absent.
  bool Edit(const std::string& rel, const std::string& from, const std::string& to);
  // Removes every line of `rel` containing `needle`; returns how many were removed.
  int RemoveLines(const std::string& rel, const std::string& needle);
  void Write(const std::string& rel, const std::string& data);
  void Remove(const std::string& rel);

 private:
  std::string dir_;
};

// Line number (1-based) of the first line of `file` containing `needle`, or 0.
int LineOf(const std::string& file, const std::string& needle);

}  // namespace tokki::testing

#endif  // TOKKI_TESTS_TESTING_LIBRARY_COPY_H_
