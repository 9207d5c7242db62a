// tokki users: the register's users on the command line (DESIGN.md). Passwords come from
// standard input: typed twice without echo on a terminal, else the first line (for scripts:
// `printf '%s\n' "$PW" | tokki users add NAME --role reviewer`).
#include <termios.h>
#include <unistd.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/cli.h"
#include "cli/users_cmd.h"
#include "register/register.h"

namespace tokki {
namespace {

// One line from standard input without its line ending; with echo off when it is a terminal.
Result<std::string> ReadLine(const char* prompt, bool terminal) {
  termios saved{};
  if (terminal) {
    std::cerr << prompt << std::flush;
    tcgetattr(STDIN_FILENO, &saved);
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  bool got = static_cast<bool>(std::getline(std::cin, line));
  if (terminal) {
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
    std::cerr << "\n";
  }
  if (!got) return Status::Invalid("パスワードを標準入力から読めません");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Result<std::string> ReadPassword() {
  const bool terminal = isatty(STDIN_FILENO) != 0;
  TOKKI_ASSIGN_OR_RETURN(std::string password, ReadLine("パスワード: ", terminal));
  if (terminal) {
    TOKKI_ASSIGN_OR_RETURN(std::string again, ReadLine("パスワード（確認）: ", terminal));
    if (again != password) return Status::Invalid("パスワードが一致しません");
  }
  return password;
}

Status NeedName(const UsersCommandOptions& o) {
  if (o.name.empty()) return Status::Invalid(o.action + ": ユーザー名を指定してください");
  return Status::Ok();
}

int Run(const UsersCommandOptions& o, Register& reg) {
  if (o.action == "add") {
    if (Status st = NeedName(o); !st.ok()) return Fail("users", st);
    if (o.role.empty()) {
      return Fail(
          "users",
          Status::Invalid("--role: 役割を指定してください（officer, reviewer, legal, admin）"));
    }
    Result<Role> role = ParseRole(o.role);
    if (!role.ok()) return Fail("users", role.status().WithPrefix("--role"));
    // Refuse a taken name before asking for a password.
    if (reg.FindUser(o.name).ok()) {
      return Fail("users", Status::Invalid("ユーザー「" + o.name + "」はすでに登録されています"));
    }
    Result<std::string> password = ReadPassword();
    if (!password.ok()) return Fail("users", password.status());
    if (Status st = reg.AddUser(o.name, *role, *password); !st.ok()) return Fail("users", st);
    std::cerr << "tokki users: " << o.name << "（" << RoleName(*role) << "）を登録しました\n";
    return kExitOk;
  }
  if (o.action == "list") {
    if (!o.format.empty() && o.format != "json" && o.format != "txt" && o.format != "text") {
      return Fail("users",
                  Status::Invalid("--format: 「" + o.format + "」は不明な形式です（txt, json）"));
    }
    Result<std::vector<User>> users = reg.ListUsers();
    if (!users.ok()) return Fail("users", users.status());
    if (o.format == "json") {
      nlohmann::ordered_json out = nlohmann::ordered_json::array();
      for (const User& u : *users) {
        out.push_back({{"name", u.name},
                       {"role", RoleName(u.role)},
                       {"disabled", u.disabled},
                       {"created", u.created}});
      }
      std::cout << out.dump(2) << "\n";
    } else {
      for (const User& u : *users) {
        std::cout << u.name << "\t" << RoleName(u.role) << "\t" << (u.disabled ? "無効" : "有効")
                  << "\t" << u.created << "\n";
      }
    }
    return kExitOk;
  }
  if (o.action == "disable") {
    if (Status st = NeedName(o); !st.ok()) return Fail("users", st);
    if (Status st = reg.DisableUser(o.name); !st.ok()) return Fail("users", st);
    std::cerr << "tokki users: " << o.name << " を無効にしました（セッションとトークンも無効）\n";
    return kExitOk;
  }
  if (o.action == "passwd") {
    if (Status st = NeedName(o); !st.ok()) return Fail("users", st);
    Result<User> user = reg.FindUser(o.name);
    if (!user.ok()) return Fail("users", user.status());
    Result<std::string> password = ReadPassword();
    if (!password.ok()) return Fail("users", password.status());
    if (Status st = reg.SetPassword(o.name, *password); !st.ok()) return Fail("users", st);
    std::cerr << "tokki users: " << o.name << " のパスワードを変更しました\n";
    return kExitOk;
  }
  if (o.action == "token") {
    if (Status st = NeedName(o); !st.ok()) return Fail("users", st);
    Result<std::string> token = reg.NewToken(o.name);
    if (!token.ok()) return Fail("users", token.status());
    std::cout << *token << "\n";
    return kExitOk;
  }
  if (o.action == "init-admin") {
    // For `make run`: the first administrator, with a random password shown once.
    Result<bool> has = reg.HasAdmin();
    if (!has.ok()) return Fail("users", has.status());
    if (*has) {
      std::cerr << "tokki users: 管理者はすでに登録されています\n";
      return kExitOk;
    }
    const std::string name = o.name.empty() ? "admin" : o.name;
    const std::string password = RandomHex(12);
    if (Status st = reg.AddUser(name, Role::kAdmin, password); !st.ok()) return Fail("users", st);
    std::cout << "管理者を作成しました。ユーザー名: " << name << "  パスワード: " << password
              << "\n（パスワードはこの一度だけ表示されます。tokki users passwd " << name
              << " で変更できます）\n";
    return kExitOk;
  }
  return Fail("users", Status::Invalid(
                           "「" + o.action +
                           "」は不明な操作です（add, list, disable, passwd, token, init-admin）"));
}

}  // namespace

int RunUsersCommand(const UsersCommandOptions& o) {
  Result<std::unique_ptr<Register>> reg = Register::Open(o.db);
  if (!reg.ok()) return Fail("users", reg.status());
  return Run(o, **reg);
}

}  // namespace tokki
