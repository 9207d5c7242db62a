// The clause library and the rule book loaders on an arbitrary file: the input replaces one
// clause module (clauses/modules/audit.xml) of a copy of the library, then rules/rules.xml
// of a copy of the rules. Both must answer with a Status, never crash.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include <unistd.h>

#include "check/rules.h"
#include "library/library.h"

namespace {

namespace fs = std::filesystem;

struct Copies {
  fs::path root;
  Copies() {
    const char* src = std::getenv("TOKKI_SOURCE_DIR");
    std::string source = src != nullptr ? src : TOKKI_SOURCE_DIR;
    root = fs::temp_directory_path() / ("tokki-fuzz-data-" + std::to_string(getpid()));
    fs::create_directories(root);
    fs::copy(source + "/clauses", root / "clauses", fs::copy_options::recursive);
    fs::copy(source + "/rules", root / "rules", fs::copy_options::recursive);
  }
  ~Copies() {
    std::error_code ec;
    fs::remove_all(root, ec);
  }
};

void Write(const fs::path& path, const uint8_t* data, size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Copies copies;
  Write(copies.root / "clauses" / "modules" / "audit.xml", data, size);
  (void)tokki::ClauseLibrary::Load((copies.root / "clauses").string());
  Write(copies.root / "rules" / "rules.xml", data, size);
  (void)tokki::RuleBook::Load((copies.root / "rules" / "rules.xml").string(),
                              (copies.root / "rules" / "schema" / "rules.rng").string());
  return 0;
}
