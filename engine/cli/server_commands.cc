// tokki users and tokki serve in the tokki program: their options are parsed here, with the
// other commands', and the commands run in libtokki_server.so (server/server_module.h), loaded
// only then.
#include "base/module.h"
#include "cli/cli.h"
#include "cli/users_cmd.h"
#include "server/server_module.h"

namespace tokki {
namespace {

constexpr char kModule[] = "libtokki_server.so";

// The module's function `symbol`, or null after the one error line of `command`.
// TOKKI_SERVER_MODULE, when set, names the module file (base/module.h).
void* LoadCommand(const char* command, const char* symbol) {
  ModuleSymbol m = LoadModuleSymbol(kModule, "TOKKI_SERVER_MODULE", symbol);
  if (m.address == nullptr) {
    Fail(command, Status::Invalid("サーバー・台帳のモジュールを読み込めません: " + m.error));
  }
  return m.address;
}

}  // namespace

void SetupUsersCommand(CLI::App& app, UsersCommandOptions& o) {
  app.add_option("action", o.action, "add | list | disable | passwd | token | init-admin")
      ->required();
  app.add_option("name", o.name, "ユーザー名");
  app.add_option("--role", o.role, "役割 (add): officer, reviewer, legal, admin");
  app.add_option("--format", o.format, "list: txt (既定), json");
  app.add_option("--db", o.db, "台帳 (SQLite) のパス (既定: var/tokki.db)");
}

void SetupServeCommand(CLI::App& app, ServeCommandOptions& o) {
  app.add_option("--listen", o.listen, "待ち受けるアドレス (既定: 127.0.0.1:8080)");
  app.add_option("--db", o.db, "台帳 (SQLite) のパス (既定: var/tokki.db)");
  app.add_option("--threads", o.threads, "HTTP のスレッド数 (既定: max(64, CPU数×8))");
  app.add_option("--jobs", o.jobs, "同時に実行する作成・審査・比較の数 (既定: CPU数)");
  app.add_option("--max-upload-mb", o.max_upload_mb, "1回の送信の上限 MB (既定: 32)");
  app.add_option("--max-files", o.max_files, "1回の審査のファイル数の上限 (既定: 20)");
}

int RunUsersInModule(const UsersCommandOptions& o) {
  auto run = reinterpret_cast<TokkiUsersFn>(LoadCommand("users", TOKKI_USERS_SYMBOL));
  if (run == nullptr) return kExitBadInput;
  const TokkiUsersArgs args{o.action.c_str(), o.name.c_str(), o.role.c_str(), o.format.c_str(),
                            o.db.c_str()};
  return run(&args);
}

int RunServeInModule(const ServeCommandOptions& o, const DataPaths& paths) {
  auto run = reinterpret_cast<TokkiServeFn>(LoadCommand("serve", TOKKI_SERVE_SYMBOL));
  if (run == nullptr) return kExitBadInput;
  const TokkiServeArgs args{o.listen.c_str(),
                            o.db.c_str(),
                            o.threads,
                            o.jobs,
                            o.max_upload_mb,
                            o.max_files,
                            paths.root.c_str(),
                            paths.library.c_str(),
                            paths.annex_template.c_str(),
                            paths.rules.c_str(),
                            paths.rules_schema.c_str()};
  return run(&args);
}

}  // namespace tokki
