#include "base/module.h"

#include <dlfcn.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>
#include <vector>

#ifndef TOKKI_MODULE_DIR
#define TOKKI_MODULE_DIR "."
#endif

namespace tokki {

ModuleSymbol LoadModuleSymbol(const char* file, const char* env_var, const char* symbol) {
  ModuleSymbol m;
  std::vector<std::string> paths;
  if (const char* env = std::getenv(env_var); env != nullptr && *env != '\0') {
    paths.emplace_back(env);
  } else {
    std::error_code ec;
    std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) paths.push_back((self.parent_path() / file).string());
    paths.push_back((std::filesystem::path(TOKKI_MODULE_DIR) / file).string());
  }
  for (const std::string& path : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) continue;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (handle == nullptr) {
      const char* why = dlerror();
      m.error = why != nullptr ? why : path;
      return m;
    }
    m.address = dlsym(handle, symbol);
    if (m.address == nullptr) m.error = path + ": " + symbol + " がありません";
    return m;  // Never closed: loaded once for the life of the process.
  }
  m.error = paths.front() + " が見つかりません";
  return m;
}

}  // namespace tokki
