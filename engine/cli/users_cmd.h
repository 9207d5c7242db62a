// tokki users add|list|disable|passwd|token|init-admin, and tokki serve: the subcommands over
// the register and the web server, hooked into the command table of cli.cc. Their options are
// parsed by the tokki program (server_commands.cc); they run in libtokki_server.so
// (server/server_module.h), which holds users_cmd.cc and serve_cmd.cc, so that the program
// does not load the libraries they need.
#ifndef TOKKI_CLI_USERS_CMD_H_
#define TOKKI_CLI_USERS_CMD_H_

#include <CLI/CLI.hpp>
#include <string>

#include "cli/data_paths.h"

namespace tokki {

inline constexpr const char* kDefaultDbPath = "var/tokki.db";

struct UsersCommandOptions {
  std::string action;
  std::string name;
  std::string role;
  std::string format;  // list: txt (default) or json.
  std::string db = kDefaultDbPath;
};
void SetupUsersCommand(CLI::App& app, UsersCommandOptions& o);
// The command itself (users_cmd.cc: in the module, and in the tests' programs).
int RunUsersCommand(const UsersCommandOptions& o);
// The command as the tokki program runs it: through the module, or one error line and
// kExitBadInput when the module cannot be loaded.
int RunUsersInModule(const UsersCommandOptions& o);

struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8080";
  std::string db = kDefaultDbPath;
  unsigned threads = 0;
  unsigned jobs = 0;
  size_t max_upload_mb = 32;
  size_t max_files = 20;
};
void SetupServeCommand(CLI::App& app, ServeCommandOptions& o);
int RunServeCommand(const ServeCommandOptions& o, const DataPaths& paths);  // serve_cmd.cc
int RunServeInModule(const ServeCommandOptions& o, const DataPaths& paths);

}  // namespace tokki

#endif  // TOKKI_CLI_USERS_CMD_H_
