// The register: tokki's SQLite database of users, API tokens, sessions, the annexes issued, the
// agreements checked and an audit log of every request — the record an inspection asks for.
//
// One connection per Register, guarded by a mutex: SQLite serialises writers anyway, every
// statement here takes microseconds, and one connection means no SQLITE_BUSY between our own
// threads. WAL lets another process (`tokki users` while the server runs) read and write beside
// it; busy_timeout makes such a process wait instead of failing. Statements are prepared once
// and cached (parameters always bound, never spliced into SQL).
//
// Uploaded documents may hold personal information: by default only their hash and findings
// are kept. The setting keep_uploads (off by default, in the settings table) keeps the bytes too,
// in the uploads table, readable only by users of the uploader's role (enforced by the server).
// Whether a document is kept is decided inside the transaction that records it, so that a check
// row and its document never diverge and a change of the setting applies from the next commit.
//
// Secrets are never stored: passwords as Argon2id strings (libsodium crypto_pwhash_str), API
// tokens and session ids as BLAKE2b hashes (crypto_generichash), so a copy of the database
// does not let anyone in.
#ifndef TOKKI_REGISTER_REGISTER_H_
#define TOKKI_REGISTER_REGISTER_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace tokki {

enum class Role { kOfficer, kReviewer, kLegal, kAdmin };
const char* RoleName(Role role);  // "officer", ...
Result<Role> ParseRole(const std::string& name);

struct User {
  int64_t id = 0;
  std::string name;
  Role role = Role::kOfficer;
  bool disabled = false;
  std::string created;  // ISO 8601 UTC.
};

struct Session {
  std::string id;       // The cookie value (only its hash is stored).
  std::string csrf;     // Sent back on every state-changing request made with the cookie.
  int64_t expires = 0;  // Unix seconds.
};

struct AnnexRecord {
  int64_t id = 0;
  std::string user;  // Name (filled on reading).
  int64_t user_id = 0;
  std::string created;
  std::string type, date, edition, format;
  std::string parameters;  // JSON object.
  std::string sha256;      // Hex, of the document as delivered.
};

struct CheckRecord {
  int64_t id = 0;
  std::string user;
  int64_t user_id = 0;
  std::string created;
  std::string file_name;
  std::string sha256;  // Hex, of the uploaded bytes (kept only with keep_uploads on).
  std::string type, date, edition;
  std::string findings;  // JSON array of the findings.
  int present = 0, partial = 0, missing = 0;
  // Filled on reading: the kept document of this check (uploads.id, 0: not kept) and the role
  // of its uploader.
  int64_t upload_id = 0;
  std::string upload_role;
};

// An uploaded document kept in the register (keep_uploads on).
struct UploadRecord {
  int64_t id = 0;
  std::string created;
  int64_t user_id = 0;
  std::string user;            // Name (filled on reading).
  Role role = Role::kOfficer;  // The uploader's role at upload time: who may read it.
  std::string kind;            // "check" or "diff".
  int64_t check_id = 0;        // The checks row for kind "check"; 0 for "diff".
  std::string file_name;
  std::string sha256;  // Hex, of content.
  int64_t size = 0;
  std::string content;  // Filled by FindUpload only.
};

struct AuditRecord {
  int64_t id = 0;
  std::string created;
  std::string user;  // Empty: nobody logged in.
  std::string remote;
  std::string method, path;
  int status = 0;
  std::string detail;
};

// A search of the register (the 履歴 page, /api/history). Empty fields do not filter.
struct HistoryQuery {
  std::string text;    // Part of the parameters (contract title, contractor…) or file name.
  std::string from;    // First day (YYYY-MM-DD, UTC) of the records' time.
  std::string to;      // Last day, included.
  std::string result;  // Checks only: "ok" (nothing partial or missing) or "problems".
  int limit = 100;
};

// Cost of Argon2id. kInteractive is libsodium's interactive level (64 MiB, 2 passes); tests
// use kMinimum so that they do not spend seconds hashing.
enum class PasswordCost { kInteractive, kMinimum };

struct RegisterOptions {
  PasswordCost password_cost = PasswordCost::kInteractive;
  int busy_timeout_ms = 5000;
};

// Hex SHA-256 of bytes (libsodium crypto_hash_sha256).
std::string Sha256Hex(std::string_view bytes);
// `n` random bytes as hex (libsodium randombytes_buf).
std::string RandomHex(size_t n);

class Register {
 public:
  // Opens (creating the file and its directory if needed) and migrates to the current schema.
  static Result<std::unique_ptr<Register>> Open(const std::string& path,
                                                RegisterOptions options = {});
  ~Register();
  Register(const Register&) = delete;
  Register& operator=(const Register&) = delete;

  // The schema version this build writes (PRAGMA user_version after Open).
  static int SchemaVersion();
  Result<int> UserVersion();

  // Users. Names: 1–64 characters, no control characters or spaces at either end.
  // Passwords: at least 8 characters.
  Status AddUser(const std::string& name, Role role, const std::string& password);
  Result<std::vector<User>> ListUsers();
  Result<User> FindUser(const std::string& name);
  Status DisableUser(const std::string& name);
  Status SetPassword(const std::string& name, const std::string& password);
  Result<bool> HasAdmin();  // An enabled admin exists.
  // The user if the password is right and the user is enabled; else one message for every
  // failure, so that it does not tell which names exist.
  Result<User> Login(const std::string& name, const std::string& password);

  // API tokens: a new random token for the user (printed once, stored as a hash).
  Result<std::string> NewToken(const std::string& name);
  Result<User> UserForToken(const std::string& token);

  // Sessions (browser logins).
  Result<Session> NewSession(int64_t user_id, int64_t ttl_seconds);
  // The user and the session's CSRF token, if the session exists, has not expired and its user
  // is enabled.
  Result<std::pair<User, std::string>> SessionUser(const std::string& session_id);
  Status EndSession(const std::string& session_id);

  // Rows of the register. Each Record* is one committed transaction when it returns OK.
  Result<int64_t> RecordAnnex(const AnnexRecord& row);
  Result<int64_t> RecordCheck(const CheckRecord& row);
  // Several checks of one upload: all recorded or none.
  Result<std::vector<int64_t>> RecordChecks(const std::vector<CheckRecord>& rows);
  // The same, with the documents checked (documents[i] is the bytes of rows[i]): when
  // keep_uploads is on each document is stored in the same transaction as its row (kind
  // "check", the uploader's role read from users), and *upload_ids (if given) gets their ids;
  // when it is off nothing but the rows is written and *upload_ids is left empty.
  Result<std::vector<int64_t>> RecordChecks(const std::vector<CheckRecord>& rows,
                                            const std::vector<std::string_view>& documents,
                                            std::vector<int64_t>* upload_ids);
  // Documents uploaded for a diff (file name, bytes): stored (kind "diff") all together when
  // keep_uploads is on; returns their ids, empty when it is off.
  Result<std::vector<int64_t>> RecordUploads(
      int64_t user_id, const std::vector<std::pair<std::string, std::string_view>>& documents);
  // A kept document with its bytes; kNotFound for an unknown id.
  Result<UploadRecord> FindUpload(int64_t id);
  // Kept documents whose uploader had `role`, newest first, without their bytes.
  Result<std::vector<UploadRecord>> ListUploads(Role role, int limit = 100);

  // Settings. keep_uploads: keep uploaded documents (default off).
  Result<bool> KeepUploads();
  Status SetKeepUploads(bool keep, const std::string& changed_by);
  Status RecordAudit(const AuditRecord& row);
  // Newest first.
  Result<std::vector<AnnexRecord>> ListAnnexes(const HistoryQuery& query);
  Result<std::vector<CheckRecord>> ListChecks(const HistoryQuery& query);
  Result<std::vector<AnnexRecord>> ListAnnexes(int limit = 100);
  Result<std::vector<CheckRecord>> ListChecks(int limit = 100);
  Result<std::vector<AuditRecord>> ListAudit(int limit = 100);
  Result<int64_t> CountRows(const std::string& table);  // annexes, checks, uploads, audit, ...

  // PRAGMA integrity_check: OK or the problems it found.
  Status IntegrityCheck();

  // A statement prepared once per connection (defined in register.cc).
  class Statement;

 private:
  Register(sqlite3* db, std::string path, RegisterOptions options);
  Status Migrate();
  Status Exec(const char* sql);
  Result<Statement*> Prepare(const char* sql);
  Status Fail(const std::string& what);  // From the connection's last error.
  Result<User> FindUserLocked(const std::string& name);
  Result<int64_t> RecordCheckLocked(const CheckRecord& row);
  Result<bool> KeepUploadsLocked();
  Result<int64_t> RecordUploadLocked(int64_t user_id, const char* kind, int64_t check_id,
                                     const std::string& file_name, std::string_view content);
  Result<std::string> HashPassword(const std::string& password);

  std::mutex mu_;
  sqlite3* db_;
  std::string path_;
  RegisterOptions options_;
  std::map<const char*, std::unique_ptr<Statement>> statements_;
  std::once_flag dummy_once_;  // Hash verified for unknown names (see Login).
  std::string dummy_hash_;
};

}  // namespace tokki

#endif  // TOKKI_REGISTER_REGISTER_H_
