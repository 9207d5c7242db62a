// tokki's modules: shared libraries loaded with dlopen on first use, for the dependencies only
// some runs need (libtokki_pdf.so: poppler-cpp, for PDF input; libtokki_server.so: cpp-httplib
// with OpenSSL and brotli, SQLite and libsodium, for tokki serve and tokki users). Linked into
// tokki, those libraries were loaded, relocated and initialised on every run (bench/README.md).
#ifndef TOKKI_BASE_MODULE_H_
#define TOKKI_BASE_MODULE_H_

#include <string>

namespace tokki {

// A function exported by a module, or why it could not be had.
struct ModuleSymbol {
  void* address = nullptr;
  std::string error;  // When address is null: the file and the problem (dlerror's text).
};

// Loads the module `file` (e.g. "libtokki_pdf.so") and looks up `symbol` in it. When the
// environment variable `env_var` is set and not empty, it names the module file (for
// packagers, and for the tests of a missing module); otherwise the module is looked for next
// to the running program, then in the build directory (TOKKI_MODULE_DIR, where the tests run
// from). A module is never unloaded. Not cached: callers keep what they need.
ModuleSymbol LoadModuleSymbol(const char* file, const char* env_var, const char* symbol);

}  // namespace tokki

#endif  // TOKKI_BASE_MODULE_H_
