// tokki users add|list|disable|passwd|token|init-admin, and tokki serve: the subcommands over
// the register and the web server, hooked into the command table of cli.cc.
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
int RunUsersCommand(const UsersCommandOptions& o);

struct ServeCommandOptions {
  std::string listen = "127.0.0.1:8080";
  std::string db = kDefaultDbPath;
  unsigned threads = 0;
  unsigned jobs = 0;
  size_t max_upload_mb = 32;
  size_t max_files = 20;
};
void SetupServeCommand(CLI::App& app, ServeCommandOptions& o);
int RunServeCommand(const ServeCommandOptions& o, const DataPaths& paths);

}  // namespace tokki

#endif  // TOKKI_CLI_USERS_CMD_H_
