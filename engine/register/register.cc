#include "register/register.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>

namespace tokki {

namespace {

// Each entry moves the schema from version i to i + 1 (PRAGMA user_version). Never edit an
// entry that has shipped: add a new one.
const char* const kMigrations[] = {
    // 1: users, tokens, sessions, the register and the audit log.
    R"sql(
CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  role TEXT NOT NULL CHECK (role IN ('officer', 'reviewer', 'legal', 'admin')),
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created TEXT NOT NULL
);
CREATE TABLE api_tokens (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created TEXT NOT NULL
);
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf TEXT NOT NULL,
  created TEXT NOT NULL,
  expires INTEGER NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires);
CREATE TABLE annexes (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created TEXT NOT NULL,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  edition TEXT NOT NULL,
  format TEXT NOT NULL,
  parameters TEXT NOT NULL CHECK (json_valid(parameters)),
  sha256 TEXT NOT NULL
);
CREATE INDEX annexes_created ON annexes(created);
CREATE TABLE checks (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  created TEXT NOT NULL,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  type TEXT NOT NULL,
  date TEXT NOT NULL,
  edition TEXT NOT NULL,
  findings TEXT NOT NULL CHECK (json_valid(findings)),
  present INTEGER NOT NULL,
  partial INTEGER NOT NULL,
  missing INTEGER NOT NULL
);
CREATE INDEX checks_created ON checks(created);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  created TEXT NOT NULL,
  user_name TEXT NOT NULL,
  remote TEXT NOT NULL,
  method TEXT NOT NULL,
  path TEXT NOT NULL,
  status INTEGER NOT NULL,
  detail TEXT NOT NULL
);
)sql",
    // 2: settings (keep_uploads, off) and the uploaded documents kept while it is on.
    R"sql(
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated TEXT NOT NULL,
  updated_by TEXT NOT NULL
);
INSERT INTO settings (key, value, updated, updated_by)
  VALUES ('keep_uploads', '0', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), '');
CREATE TABLE uploads (
  id INTEGER PRIMARY KEY,
  created TEXT NOT NULL,
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('officer', 'reviewer', 'legal', 'admin')),
  kind TEXT NOT NULL CHECK (kind IN ('check', 'diff')),
  check_id INTEGER REFERENCES checks(id),
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  size INTEGER NOT NULL,
  content BLOB NOT NULL,
  CHECK ((kind = 'check') = (check_id IS NOT NULL))
);
-- One document per check (the NULLs of diff uploads do not collide).
CREATE UNIQUE INDEX uploads_check ON uploads(check_id);
CREATE INDEX uploads_role ON uploads(role);
)sql",
};
constexpr int kSchemaVersion = sizeof(kMigrations) / sizeof(kMigrations[0]);

std::string NowIso() {
  std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

int64_t NowUnix() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string Hex(const unsigned char* bytes, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, n);
  out.pop_back();
  return out;
}

// Tokens and session ids are long random strings: a fast keyless hash is enough to keep them
// out of the database (unlike passwords, they cannot be guessed from a dictionary).
std::string SecretHash(const std::string& secret) {
  unsigned char out[crypto_generichash_BYTES];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(secret.data()),
                     secret.size(), nullptr, 0);
  return Hex(out, sizeof out);
}

Status CheckName(const std::string& name) {
  if (name.empty()) return Status::Invalid("ユーザー名を指定してください");
  if (name.size() > 64) return Status::Invalid("ユーザー名が長すぎます（64バイトまで）");
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7f) {
      return Status::Invalid("ユーザー名に制御文字は使えません");
    }
  }
  if (name.front() == ' ' || name.back() == ' ') {
    return Status::Invalid("ユーザー名の前後に空白は使えません");
  }
  return Status::Ok();
}

Status CheckPassword(const std::string& password) {
  if (password.size() < 8) return Status::Invalid("パスワードは8文字以上にしてください");
  if (password.size() > 1024) return Status::Invalid("パスワードが長すぎます");
  return Status::Ok();
}

const char* const kRoleNames[] = {"officer", "reviewer", "legal", "admin"};

}  // namespace

const char* RoleName(Role role) { return kRoleNames[static_cast<int>(role)]; }

Result<Role> ParseRole(const std::string& name) {
  for (int i = 0; i < 4; ++i) {
    if (name == kRoleNames[i]) return static_cast<Role>(i);
  }
  return Status::Invalid("「" + name + "」は不明な役割です（officer, reviewer, legal, admin）");
}

std::string Sha256Hex(std::string_view bytes) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
  return Hex(out, sizeof out);
}

std::string RandomHex(size_t n) {
  std::string bytes(n, '\0');
  randombytes_buf(bytes.data(), n);
  return Hex(reinterpret_cast<const unsigned char*>(bytes.data()), n);
}

// A prepared statement owned by its Register. Use() binds parameters for one execution and
// resets the statement when the returned object goes out of scope.
class Register::Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  class Use {
   public:
    explicit Use(sqlite3_stmt* stmt) : stmt_(stmt) {}
    ~Use() {
      sqlite3_reset(stmt_);
      sqlite3_clear_bindings(stmt_);
    }
    Use(const Use&) = delete;
    Use& operator=(const Use&) = delete;
    Use& Bind(const std::string& v) {
      sqlite3_bind_text(stmt_, ++n_, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
      return *this;
    }
    Use& Bind(int64_t v) {
      sqlite3_bind_int64(stmt_, ++n_, v);
      return *this;
    }
    Use& BindBlob(std::string_view v) {
      // A zero-length blob, not NULL, for an empty document.
      sqlite3_bind_blob64(stmt_, ++n_, v.empty() ? "" : v.data(), v.size(), SQLITE_STATIC);
      return *this;
    }
    Use& BindIdOrNull(int64_t v) {  // 0: NULL.
      if (v == 0) {
        sqlite3_bind_null(stmt_, ++n_);
      } else {
        sqlite3_bind_int64(stmt_, ++n_, v);
      }
      return *this;
    }
    // SQLITE_ROW, SQLITE_DONE or an error code.
    int Step() { return sqlite3_step(stmt_); }
    std::string Text(int col) const {
      const unsigned char* p = sqlite3_column_text(stmt_, col);
      return p ? std::string(reinterpret_cast<const char*>(p),
                             static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
               : std::string();
    }
    int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
    std::string Blob(int col) const {
      const void* p = sqlite3_column_blob(stmt_, col);
      return p ? std::string(static_cast<const char*>(p),
                             static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
               : std::string();
    }

   private:
    sqlite3_stmt* stmt_;
    int n_ = 0;
  };
  Use Start() { return Use(stmt_); }

 private:
  sqlite3_stmt* stmt_;
};

Result<std::unique_ptr<Register>> Register::Open(const std::string& path, RegisterOptions options) {
  if (sodium_init() < 0) return Status::Internal("libsodium を初期化できません");
  std::error_code ec;
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  if (ec) return Status::IoError(path + ": ディレクトリを作成できません: " + ec.message());
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close(db);
    return Status::IoError(path + ": データベースを開けません: " + msg);
  }
  std::unique_ptr<Register> reg(new Register(db, path, options));
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  sqlite3_extended_result_codes(db, 1);
  // WAL: readers do not block the writer; NORMAL sync in WAL mode keeps every committed row
  // through a crash or SIGKILL of the process (only a power loss can drop the last commits).
  TOKKI_RETURN_IF_ERROR(reg->Exec("PRAGMA journal_mode = WAL"));
  TOKKI_RETURN_IF_ERROR(reg->Exec("PRAGMA synchronous = NORMAL"));
  TOKKI_RETURN_IF_ERROR(reg->Exec("PRAGMA foreign_keys = ON"));
  TOKKI_RETURN_IF_ERROR(reg->Migrate());
  return reg;
}

Register::Register(sqlite3* db, std::string path, RegisterOptions options)
    : db_(db), path_(std::move(path)), options_(options) {}

Register::~Register() {
  statements_.clear();  // Finalised before the connection closes.
  sqlite3_close(db_);
}

int Register::SchemaVersion() { return kSchemaVersion; }

Status Register::Fail(const std::string& what) {
  return Status::IoError(path_ + ": " + what + ": " + sqlite3_errmsg(db_));
}

Status Register::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Status::IoError(path_ + ": " + msg);
  }
  return Status::Ok();
}

Result<Register::Statement*> Register::Prepare(const char* sql) {
  auto it = statements_.find(sql);
  if (it != statements_.end()) return it->second.get();
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr) != SQLITE_OK) {
    return Fail("SQL を準備できません");
  }
  Statement* raw = new Statement(stmt);
  statements_.emplace(sql, std::unique_ptr<Statement>(raw));
  return raw;
}

Result<int> Register::UserVersion() {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(Statement * st, Prepare("PRAGMA user_version"));
  auto use = st->Start();
  if (use.Step() != SQLITE_ROW) return Fail("user_version を読めません");
  return static_cast<int>(use.Int(0));
}

Status Register::Migrate() {
  int version = 0;
  {
    Result<int> v = UserVersion();
    if (!v.ok()) return v.status();
    version = *v;
  }
  if (version > kSchemaVersion) {
    return Status::Invalid(path_ + ": この台帳はより新しい tokki で作られています（版 " +
                           std::to_string(version) + "、この tokki は " +
                           std::to_string(kSchemaVersion) + " まで）");
  }
  std::lock_guard<std::mutex> lock(mu_);
  for (int v = version; v < kSchemaVersion; ++v) {
    // IMMEDIATE: two processes opening a new database at once migrate one after the other.
    TOKKI_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
    // Another process may have migrated while we waited for the lock.
    int now = 0;
    {
      Result<Statement*> st = Prepare("PRAGMA user_version");
      if (!st.ok()) {
        Exec("ROLLBACK");
        return st.status();
      }
      auto use = (*st)->Start();
      if (use.Step() == SQLITE_ROW) now = static_cast<int>(use.Int(0));
    }
    if (now > v) {
      TOKKI_RETURN_IF_ERROR(Exec("COMMIT"));
      v = now - 1;
      continue;
    }
    Status st = Exec(kMigrations[v]);
    if (st.ok()) st = Exec(("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    if (!st.ok()) {
      Exec("ROLLBACK");
      return st.WithPrefix("台帳の版 " + std::to_string(v + 1) + " への移行");
    }
    TOKKI_RETURN_IF_ERROR(Exec("COMMIT"));
  }
  return Status::Ok();
}

Result<std::string> Register::HashPassword(const std::string& password) {
  TOKKI_RETURN_IF_ERROR(CheckPassword(password));
  unsigned long long ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
  size_t mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
  if (options_.password_cost == PasswordCost::kMinimum) {
    ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
    mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
  }
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), ops, mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Status::Internal("パスワードをハッシュ化できません（メモリ不足）");
  }
  return std::string(out);
}

Status Register::AddUser(const std::string& name, Role role, const std::string& password) {
  TOKKI_RETURN_IF_ERROR(CheckName(name));
  // Hashing takes ~0.1 s and 64 MiB: done before taking the lock.
  TOKKI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO users (name, role, password_hash, created) VALUES (?, ?, ?, ?)"));
  auto use = st->Start();
  use.Bind(name).Bind(std::string(RoleName(role))).Bind(hash).Bind(NowIso());
  int rc = use.Step();
  if (rc == SQLITE_CONSTRAINT_UNIQUE) {
    return Status::Invalid("ユーザー「" + name + "」はすでに登録されています");
  }
  if (rc != SQLITE_DONE) return Fail("ユーザーを追加できません");
  return Status::Ok();
}

namespace {
User ReadUser(const Register::Statement::Use& use, int first = 0) {
  User u;
  u.id = use.Int(first);
  u.name = use.Text(first + 1);
  Result<Role> role = ParseRole(use.Text(first + 2));
  u.role = role.ok() ? *role : Role::kOfficer;
  u.disabled = use.Int(first + 3) != 0;
  u.created = use.Text(first + 4);
  return u;
}
}  // namespace

Result<std::vector<User>> Register::ListUsers() {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st, Prepare("SELECT id, name, role, disabled, created FROM users ORDER BY name"));
  auto use = st->Start();
  std::vector<User> out;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) out.push_back(ReadUser(use));
  if (rc != SQLITE_DONE) return Fail("ユーザー一覧を読めません");
  return out;
}

Result<User> Register::FindUserLocked(const std::string& name) {
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT id, name, role, disabled, created FROM users WHERE name = ?"));
  auto use = st->Start();
  use.Bind(name);
  int rc = use.Step();
  if (rc == SQLITE_ROW) return ReadUser(use);
  if (rc == SQLITE_DONE) return Status::NotFound("ユーザー「" + name + "」は登録されていません");
  return Fail("ユーザーを読めません");
}

Result<User> Register::FindUser(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  return FindUserLocked(name);
}

Status Register::DisableUser(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(User user, FindUserLocked(name));
  // A disabled user's sessions and tokens end with it, in the same transaction.
  const char* const kSteps[] = {
      "UPDATE users SET disabled = 1 WHERE id = ?",
      "DELETE FROM sessions WHERE user_id = ?",
      "DELETE FROM api_tokens WHERE user_id = ?",
  };
  TOKKI_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  for (const char* sql : kSteps) {
    Result<Statement*> st = Prepare(sql);
    Status failed;
    if (!st.ok()) {
      failed = st.status();
    } else {
      auto use = (*st)->Start();
      if (use.Bind(user.id).Step() != SQLITE_DONE) failed = Fail("ユーザーを無効にできません");
    }
    if (!failed.ok()) {
      Exec("ROLLBACK");
      return failed;
    }
  }
  return Exec("COMMIT");
}

Status Register::SetPassword(const std::string& name, const std::string& password) {
  TOKKI_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(User user, FindUserLocked(name));
  TOKKI_ASSIGN_OR_RETURN(Statement * st,
                         Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
  auto use = st->Start();
  if (use.Bind(hash).Bind(user.id).Step() != SQLITE_DONE) {
    return Fail("パスワードを変更できません");
  }
  return Status::Ok();
}

Result<bool> Register::HasAdmin() {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT EXISTS (SELECT 1 FROM users WHERE role = 'admin' AND disabled = 0)"));
  auto use = st->Start();
  if (use.Step() != SQLITE_ROW) return Fail("ユーザーを読めません");
  return use.Int(0) != 0;
}

Result<User> Register::Login(const std::string& name, const std::string& password) {
  const Status refused = Status::Invalid("ユーザー名またはパスワードが違います");
  User user;
  std::string hash;
  bool unknown = false;
  {
    std::lock_guard<std::mutex> lock(mu_);
    TOKKI_ASSIGN_OR_RETURN(Statement * st,
                           Prepare("SELECT id, name, role, disabled, created, password_hash "
                                   "FROM users WHERE name = ?"));
    auto use = st->Start();
    int rc = use.Bind(name).Step();
    if (rc == SQLITE_DONE) {
      unknown = true;
    } else if (rc != SQLITE_ROW) {
      return Fail("ユーザーを読めません");
    } else {
      user = ReadUser(use);
      hash = use.Text(5);
    }
  }
  if (unknown) {
    // An unknown name costs the same Argon2id verification as a known one, so that the time
    // taken does not tell which names exist.
    std::call_once(dummy_once_, [this] {
      Result<std::string> h = HashPassword(RandomHex(16));
      dummy_hash_ = h.ok() ? *h : "";
    });
    hash = dummy_hash_;
    user.disabled = true;  // Refused whatever the verification says.
  }
  // Verified outside the lock: Argon2id is slow on purpose.
  if (hash.empty() ||
      crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) != 0) {
    return refused;
  }
  if (user.disabled) return refused;
  return user;
}

Result<std::string> Register::NewToken(const std::string& name) {
  std::string token = "tk_" + RandomHex(32);
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(User user, FindUserLocked(name));
  if (user.disabled) return Status::Invalid("ユーザー「" + name + "」は無効になっています");
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO api_tokens (user_id, token_hash, created) VALUES (?, ?, ?)"));
  auto use = st->Start();
  if (use.Bind(user.id).Bind(SecretHash(token)).Bind(NowIso()).Step() != SQLITE_DONE) {
    return Fail("トークンを登録できません");
  }
  return token;
}

Result<User> Register::UserForToken(const std::string& token) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT u.id, u.name, u.role, u.disabled, u.created FROM api_tokens t "
              "JOIN users u ON u.id = t.user_id WHERE t.token_hash = ? AND u.disabled = 0"));
  auto use = st->Start();
  int rc = use.Bind(SecretHash(token)).Step();
  if (rc == SQLITE_ROW) return ReadUser(use);
  if (rc == SQLITE_DONE) return Status::NotFound("トークンが正しくないか、無効になっています");
  return Fail("トークンを読めません");
}

Result<Session> Register::NewSession(int64_t user_id, int64_t ttl_seconds) {
  Session s;
  s.id = RandomHex(32);
  s.csrf = RandomHex(32);
  const int64_t now = NowUnix();
  s.expires = now + ttl_seconds;
  std::lock_guard<std::mutex> lock(mu_);
  {
    TOKKI_ASSIGN_OR_RETURN(Statement * st, Prepare("DELETE FROM sessions WHERE expires <= ?"));
    auto use = st->Start();
    if (use.Bind(now).Step() != SQLITE_DONE) return Fail("古いセッションを削除できません");
  }
  TOKKI_ASSIGN_OR_RETURN(Statement * st,
                         Prepare("INSERT INTO sessions (id_hash, user_id, csrf, created, expires) "
                                 "VALUES (?, ?, ?, ?, ?)"));
  auto use = st->Start();
  use.Bind(SecretHash(s.id)).Bind(user_id).Bind(s.csrf).Bind(NowIso()).Bind(s.expires);
  if (use.Step() != SQLITE_DONE) return Fail("セッションを作成できません");
  return s;
}

Result<std::pair<User, std::string>> Register::SessionUser(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT u.id, u.name, u.role, u.disabled, u.created, s.csrf FROM sessions s "
              "JOIN users u ON u.id = s.user_id "
              "WHERE s.id_hash = ? AND s.expires > ? AND u.disabled = 0"));
  auto use = st->Start();
  int rc = use.Bind(SecretHash(session_id)).Bind(NowUnix()).Step();
  if (rc == SQLITE_ROW) return std::make_pair(ReadUser(use), use.Text(5));
  if (rc == SQLITE_DONE) return Status::NotFound("セッションが切れています");
  return Fail("セッションを読めません");
}

Status Register::EndSession(const std::string& session_id) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(Statement * st, Prepare("DELETE FROM sessions WHERE id_hash = ?"));
  auto use = st->Start();
  if (use.Bind(SecretHash(session_id)).Step() != SQLITE_DONE) {
    return Fail("セッションを削除できません");
  }
  return Status::Ok();
}

Result<int64_t> Register::RecordAnnex(const AnnexRecord& row) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO annexes (user_id, created, type, date, edition, format, parameters, "
              "sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
  auto use = st->Start();
  use.Bind(row.user_id)
      .Bind(row.created.empty() ? NowIso() : row.created)
      .Bind(row.type)
      .Bind(row.date)
      .Bind(row.edition)
      .Bind(row.format)
      .Bind(row.parameters.empty() ? std::string("{}") : row.parameters)
      .Bind(row.sha256);
  if (use.Step() != SQLITE_DONE) return Fail("作成した特記事項を記録できません");
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<int64_t> Register::RecordCheckLocked(const CheckRecord& row) {
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO checks (user_id, created, file_name, sha256, type, date, edition, "
              "findings, present, partial, missing) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
  auto use = st->Start();
  use.Bind(row.user_id)
      .Bind(row.created.empty() ? NowIso() : row.created)
      .Bind(row.file_name)
      .Bind(row.sha256)
      .Bind(row.type)
      .Bind(row.date)
      .Bind(row.edition)
      .Bind(row.findings.empty() ? std::string("[]") : row.findings)
      .Bind(int64_t{row.present})
      .Bind(int64_t{row.partial})
      .Bind(int64_t{row.missing});
  if (use.Step() != SQLITE_DONE) return Fail("審査結果を記録できません");
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<int64_t> Register::RecordCheck(const CheckRecord& row) {
  std::lock_guard<std::mutex> lock(mu_);
  return RecordCheckLocked(row);
}

Result<std::vector<int64_t>> Register::RecordChecks(const std::vector<CheckRecord>& rows) {
  return RecordChecks(rows, {}, nullptr);
}

Result<std::vector<int64_t>> Register::RecordChecks(const std::vector<CheckRecord>& rows,
                                                    const std::vector<std::string_view>& documents,
                                                    std::vector<int64_t>* upload_ids) {
  if (!documents.empty() && documents.size() != rows.size()) {
    return Status::Internal("RecordChecks: 審査結果と文書の数が合いません");
  }
  if (upload_ids) upload_ids->clear();
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  std::vector<int64_t> ids, uploads;
  // Read inside the transaction: the rows and their documents follow one value of the setting.
  Result<bool> keep = documents.empty() ? Result<bool>(false) : KeepUploadsLocked();
  Status failed = keep.status();
  for (size_t i = 0; failed.ok() && i < rows.size(); ++i) {
    Result<int64_t> id = RecordCheckLocked(rows[i]);
    if (!id.ok()) {
      failed = id.status();
      break;
    }
    ids.push_back(*id);
    if (*keep) {
      Result<int64_t> upload =
          RecordUploadLocked(rows[i].user_id, "check", *id, rows[i].file_name, documents[i]);
      if (!upload.ok()) {
        failed = upload.status();
        break;
      }
      uploads.push_back(*upload);
    }
  }
  if (!failed.ok()) {
    Exec("ROLLBACK");
    return failed;
  }
  TOKKI_RETURN_IF_ERROR(Exec("COMMIT"));
  if (upload_ids) *upload_ids = std::move(uploads);
  return ids;
}

Result<bool> Register::KeepUploadsLocked() {
  TOKKI_ASSIGN_OR_RETURN(Statement * st,
                         Prepare("SELECT value FROM settings WHERE key = 'keep_uploads'"));
  auto use = st->Start();
  int rc = use.Step();
  if (rc == SQLITE_DONE) return false;  // Default: off.
  if (rc != SQLITE_ROW) return Fail("設定を読めません");
  return use.Text(0) == "1";
}

Result<bool> Register::KeepUploads() {
  std::lock_guard<std::mutex> lock(mu_);
  return KeepUploadsLocked();
}

Status Register::SetKeepUploads(bool keep, const std::string& changed_by) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(Statement * st,
                         Prepare("INSERT INTO settings (key, value, updated, updated_by) "
                                 "VALUES ('keep_uploads', ?, ?, ?) ON CONFLICT (key) DO UPDATE SET "
                                 "value = excluded.value, updated = excluded.updated, "
                                 "updated_by = excluded.updated_by"));
  auto use = st->Start();
  use.Bind(std::string(keep ? "1" : "0")).Bind(NowIso()).Bind(changed_by);
  if (use.Step() != SQLITE_DONE) return Fail("設定を変更できません");
  return Status::Ok();
}

Result<int64_t> Register::RecordUploadLocked(int64_t user_id, const char* kind, int64_t check_id,
                                             const std::string& file_name,
                                             std::string_view content) {
  // The uploader's role is read from users in the same statement: the role at upload time.
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO uploads (created, user_id, role, kind, check_id, file_name, sha256, "
              "size, content) SELECT ?, id, role, ?, ?, ?, ?, ?, ? FROM users WHERE id = ?"));
  auto use = st->Start();
  use.Bind(NowIso())
      .Bind(std::string(kind))
      .BindIdOrNull(check_id)
      .Bind(file_name)
      .Bind(Sha256Hex(content))
      .Bind(static_cast<int64_t>(content.size()))
      .BindBlob(content)
      .Bind(user_id);
  if (use.Step() != SQLITE_DONE) return Fail("アップロードされた文書を保存できません");
  if (sqlite3_changes(db_) != 1) {
    return Status::Invalid("利用者 #" + std::to_string(user_id) + " は登録されていません");
  }
  return static_cast<int64_t>(sqlite3_last_insert_rowid(db_));
}

Result<std::vector<int64_t>> Register::RecordUploads(
    int64_t user_id, const std::vector<std::pair<std::string, std::string_view>>& documents) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_RETURN_IF_ERROR(Exec("BEGIN IMMEDIATE"));
  std::vector<int64_t> ids;
  Result<bool> keep = KeepUploadsLocked();
  Status failed = keep.status();
  for (size_t i = 0; failed.ok() && *keep && i < documents.size(); ++i) {
    Result<int64_t> id =
        RecordUploadLocked(user_id, "diff", 0, documents[i].first, documents[i].second);
    if (!id.ok()) {
      failed = id.status();
      break;
    }
    ids.push_back(*id);
  }
  if (!failed.ok()) {
    Exec("ROLLBACK");
    return failed;
  }
  TOKKI_RETURN_IF_ERROR(Exec("COMMIT"));
  return ids;
}

namespace {
UploadRecord ReadUpload(const Register::Statement::Use& use) {
  UploadRecord u;
  u.id = use.Int(0);
  u.created = use.Text(1);
  u.user_id = use.Int(2);
  u.user = use.Text(3);
  Result<Role> role = ParseRole(use.Text(4));
  u.role = role.ok() ? *role : Role::kAdmin;
  u.kind = use.Text(5);
  u.check_id = use.Int(6);  // NULL reads as 0.
  u.file_name = use.Text(7);
  u.sha256 = use.Text(8);
  u.size = use.Int(9);
  return u;
}
}  // namespace

Result<UploadRecord> Register::FindUpload(int64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT p.id, p.created, p.user_id, u.name, p.role, p.kind, p.check_id, "
              "p.file_name, p.sha256, p.size, p.content FROM uploads p "
              "JOIN users u ON u.id = p.user_id WHERE p.id = ?"));
  auto use = st->Start();
  int rc = use.Bind(id).Step();
  if (rc == SQLITE_DONE) {
    return Status::NotFound("文書 #" + std::to_string(id) + " は保存されていません");
  }
  if (rc != SQLITE_ROW) return Fail("保存された文書を読めません");
  UploadRecord u = ReadUpload(use);
  u.content = use.Blob(10);
  return u;
}

Result<std::vector<UploadRecord>> Register::ListUploads(Role role, int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT p.id, p.created, p.user_id, u.name, p.role, p.kind, p.check_id, "
              "p.file_name, p.sha256, p.size FROM uploads p JOIN users u ON u.id = p.user_id "
              "WHERE p.role = ? ORDER BY p.id DESC LIMIT ?"));
  auto use = st->Start();
  use.Bind(std::string(RoleName(role))).Bind(int64_t{limit});
  std::vector<UploadRecord> out;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) out.push_back(ReadUpload(use));
  if (rc != SQLITE_DONE) return Fail("保存された文書の一覧を読めません");
  return out;
}

Status Register::RecordAudit(const AuditRecord& row) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("INSERT INTO audit (created, user_name, remote, method, path, status, detail) "
              "VALUES (?, ?, ?, ?, ?, ?, ?)"));
  auto use = st->Start();
  use.Bind(row.created.empty() ? NowIso() : row.created)
      .Bind(row.user)
      .Bind(row.remote)
      .Bind(row.method)
      .Bind(row.path)
      .Bind(int64_t{row.status})
      .Bind(row.detail);
  if (use.Step() != SQLITE_DONE) return Fail("監査ログを記録できません");
  return Status::Ok();
}

namespace {
Status CheckHistoryQuery(const HistoryQuery& q) {
  for (const std::string* day : {&q.from, &q.to}) {
    if (day->empty()) continue;
    bool ok = day->size() == 10 && (*day)[4] == '-' && (*day)[7] == '-';
    for (size_t i = 0; ok && i < day->size(); ++i) {
      if (i != 4 && i != 7 && !std::isdigit(static_cast<unsigned char>((*day)[i]))) ok = false;
    }
    if (!ok) return Status::Invalid("「" + *day + "」は YYYY-MM-DD の日付ではありません");
  }
  if (!q.result.empty() && q.result != "ok" && q.result != "problems") {
    return Status::Invalid("result: 「" + q.result + "」は使えません（ok, problems）");
  }
  if (q.limit < 1 || q.limit > 10000) {
    return Status::Invalid("limit: 1 から 10000 までで指定してください");
  }
  return Status::Ok();
}
}  // namespace

Result<std::vector<AnnexRecord>> Register::ListAnnexes(int limit) {
  HistoryQuery q;
  q.limit = limit;
  return ListAnnexes(q);
}

Result<std::vector<CheckRecord>> Register::ListChecks(int limit) {
  HistoryQuery q;
  q.limit = limit;
  return ListChecks(q);
}

Result<std::vector<AnnexRecord>> Register::ListAnnexes(const HistoryQuery& query) {
  TOKKI_RETURN_IF_ERROR(CheckHistoryQuery(query));
  std::lock_guard<std::mutex> lock(mu_);
  // created is ISO 8601 UTC: its first 10 characters are the day.
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT a.id, u.name, a.user_id, a.created, a.type, a.date, a.edition, a.format, "
              "a.parameters, a.sha256 FROM annexes a JOIN users u ON u.id = a.user_id "
              "WHERE (?1 = '' OR instr(a.parameters, ?1) > 0) "
              "AND (?2 = '' OR substr(a.created, 1, 10) >= ?2) "
              "AND (?3 = '' OR substr(a.created, 1, 10) <= ?3) "
              "ORDER BY a.id DESC LIMIT ?4"));
  auto use = st->Start();
  use.Bind(query.text).Bind(query.from).Bind(query.to).Bind(int64_t{query.limit});
  std::vector<AnnexRecord> out;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) {
    AnnexRecord r;
    r.id = use.Int(0);
    r.user = use.Text(1);
    r.user_id = use.Int(2);
    r.created = use.Text(3);
    r.type = use.Text(4);
    r.date = use.Text(5);
    r.edition = use.Text(6);
    r.format = use.Text(7);
    r.parameters = use.Text(8);
    r.sha256 = use.Text(9);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Fail("特記事項の記録を読めません");
  return out;
}

Result<std::vector<CheckRecord>> Register::ListChecks(const HistoryQuery& query) {
  TOKKI_RETURN_IF_ERROR(CheckHistoryQuery(query));
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT c.id, u.name, c.user_id, c.created, c.file_name, c.sha256, c.type, c.date, "
              "c.edition, c.findings, c.present, c.partial, c.missing, p.id, p.role FROM checks c "
              "JOIN users u ON u.id = c.user_id LEFT JOIN uploads p ON p.check_id = c.id "
              "WHERE (?1 = '' OR instr(c.file_name, ?1) > 0) "
              "AND (?2 = '' OR substr(c.created, 1, 10) >= ?2) "
              "AND (?3 = '' OR substr(c.created, 1, 10) <= ?3) "
              "AND (?4 = '' OR (?4 = 'ok') = (c.partial + c.missing = 0)) "
              "ORDER BY c.id DESC LIMIT ?5"));
  auto use = st->Start();
  use.Bind(query.text)
      .Bind(query.from)
      .Bind(query.to)
      .Bind(query.result)
      .Bind(int64_t{query.limit});
  std::vector<CheckRecord> out;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) {
    CheckRecord r;
    r.id = use.Int(0);
    r.user = use.Text(1);
    r.user_id = use.Int(2);
    r.created = use.Text(3);
    r.file_name = use.Text(4);
    r.sha256 = use.Text(5);
    r.type = use.Text(6);
    r.date = use.Text(7);
    r.edition = use.Text(8);
    r.findings = use.Text(9);
    r.present = static_cast<int>(use.Int(10));
    r.partial = static_cast<int>(use.Int(11));
    r.missing = static_cast<int>(use.Int(12));
    r.upload_id = use.Int(13);  // NULL (not kept) reads as 0.
    r.upload_role = use.Text(14);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Fail("審査の記録を読めません");
  return out;
}

Result<std::vector<AuditRecord>> Register::ListAudit(int limit) {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(
      Statement * st,
      Prepare("SELECT id, created, user_name, remote, method, path, status, detail FROM audit "
              "ORDER BY id DESC LIMIT ?"));
  auto use = st->Start();
  use.Bind(int64_t{limit});
  std::vector<AuditRecord> out;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) {
    AuditRecord r;
    r.id = use.Int(0);
    r.created = use.Text(1);
    r.user = use.Text(2);
    r.remote = use.Text(3);
    r.method = use.Text(4);
    r.path = use.Text(5);
    r.status = static_cast<int>(use.Int(6));
    r.detail = use.Text(7);
    out.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return Fail("監査ログを読めません");
  return out;
}

Result<int64_t> Register::CountRows(const std::string& table) {
  // Table names cannot be bound: only these fixed statements exist.
  static const std::map<std::string, const char*> kCounts = {
      {"users", "SELECT count(*) FROM users"},
      {"api_tokens", "SELECT count(*) FROM api_tokens"},
      {"sessions", "SELECT count(*) FROM sessions"},
      {"annexes", "SELECT count(*) FROM annexes"},
      {"checks", "SELECT count(*) FROM checks"},
      {"audit", "SELECT count(*) FROM audit"},
      {"uploads", "SELECT count(*) FROM uploads"},
      {"settings", "SELECT count(*) FROM settings"},
  };
  auto it = kCounts.find(table);
  if (it == kCounts.end()) return Status::Invalid("「" + table + "」という表はありません");
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(Statement * st, Prepare(it->second));
  auto use = st->Start();
  if (use.Step() != SQLITE_ROW) return Fail("行数を数えられません");
  return use.Int(0);
}

Status Register::IntegrityCheck() {
  std::lock_guard<std::mutex> lock(mu_);
  TOKKI_ASSIGN_OR_RETURN(Statement * st, Prepare("PRAGMA integrity_check"));
  auto use = st->Start();
  std::string problems;
  int rc;
  while ((rc = use.Step()) == SQLITE_ROW) {
    std::string line = use.Text(0);
    if (line != "ok") problems += (problems.empty() ? "" : "; ") + line;
  }
  if (rc != SQLITE_DONE) return Fail("整合性を検査できません");
  if (!problems.empty()) return Status::IoError(path_ + ": 台帳が壊れています: " + problems);
  return Status::Ok();
}

}  // namespace tokki
