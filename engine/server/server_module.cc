// libtokki_server.so: tokki serve and tokki users behind the C interface of server_module.h.
#include "server/server_module.h"

#include <exception>
#include <string>
#include <type_traits>

#include "base/status.h"
#include "cli/cli.h"
#include "cli/data_paths.h"
#include "cli/users_cmd.h"

namespace {

std::string Str(const char* s) { return s != nullptr ? s : ""; }

// Nothing may cross the C interface: an exception becomes the command's one error line.
template <typename Fn>
int Guard(const char* command, Fn&& fn) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return tokki::Fail(command, tokki::Status::Internal(e.what()));
  } catch (...) {
    return tokki::Fail(command, tokki::Status::Internal("不明な内部エラー"));
  }
}

}  // namespace

extern "C" __attribute__((visibility("default"))) int tokki_users_main_v1(
    const TokkiUsersArgs* args) {
  return Guard("users", [args] {
    tokki::UsersCommandOptions o;
    o.action = Str(args->action);
    o.name = Str(args->name);
    o.role = Str(args->role);
    o.format = Str(args->format);
    o.db = Str(args->db);
    return tokki::RunUsersCommand(o);
  });
}

extern "C" __attribute__((visibility("default"))) int tokki_serve_main_v1(
    const TokkiServeArgs* args) {
  return Guard("serve", [args] {
    tokki::ServeCommandOptions o;
    o.listen = Str(args->listen);
    o.db = Str(args->db);
    o.threads = args->threads;
    o.jobs = args->jobs;
    o.max_upload_mb = args->max_upload_mb;
    o.max_files = args->max_files;
    tokki::DataPaths paths;
    paths.root = Str(args->data_root);
    paths.library = Str(args->library);
    paths.annex_template = Str(args->annex_template);
    paths.rules = Str(args->rules);
    paths.rules_schema = Str(args->rules_schema);
    return tokki::RunServeCommand(o, paths);
  });
}

static_assert(std::is_same_v<decltype(&tokki_users_main_v1), TokkiUsersFn>);
static_assert(std::is_same_v<decltype(&tokki_serve_main_v1), TokkiServeFn>);
