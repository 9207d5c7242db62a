// The interface between tokki and libtokki_server.so, the module that runs tokki serve and
// tokki users. cpp-httplib (with OpenSSL and brotli), SQLite and libsodium are loaded only
// when one of those two commands runs: linked into tokki they were loaded and initialised on
// every run. The tokki program parses the command line and hands the options over; the
// module holds the command bodies (cli/users_cmd.h) with its own copy of the engine. Plain C,
// so that nothing but this header is shared.
#ifndef TOKKI_SERVER_SERVER_MODULE_H_
#define TOKKI_SERVER_SERVER_MODULE_H_

#include <stddef.h>

extern "C" {

// tokki users (cli/users_cmd.h, UsersCommandOptions).
struct TokkiUsersArgs {
  const char* action;
  const char* name;
  const char* role;
  const char* format;
  const char* db;
};

// tokki serve (ServeCommandOptions), with the data paths the program resolved (DataPaths).
struct TokkiServeArgs {
  const char* listen;
  const char* db;
  unsigned threads;
  unsigned jobs;
  size_t max_upload_mb;
  size_t max_files;
  const char* data_root;
  const char* library;
  const char* annex_template;
  const char* rules;
  const char* rules_schema;
};

// Each runs the command to the end, prints its messages and returns its exit status
// (cli/cli.h).
typedef int (*TokkiUsersFn)(const TokkiUsersArgs* args);
typedef int (*TokkiServeFn)(const TokkiServeArgs* args);

// The module's exported functions, of the types above. The suffix changes with the structures,
// so that a module of another build is refused rather than misread.
#define TOKKI_USERS_SYMBOL "tokki_users_main_v1"
#define TOKKI_SERVE_SYMBOL "tokki_serve_main_v1"

}  // extern "C"

#endif  // TOKKI_SERVER_SERVER_MODULE_H_
