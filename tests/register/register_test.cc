#include "register/register.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

namespace tokki {
namespace {

class RegisterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tokki-register-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    path_ = (dir_ / "sub" / "tokki.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Register> Open() {
    RegisterOptions options;
    options.password_cost = PasswordCost::kMinimum;
    auto reg = Register::Open(path_, options);
    EXPECT_TRUE(reg.ok()) << reg.status().message();
    return reg.ok() ? std::move(*reg) : nullptr;
  }

  std::filesystem::path dir_;
  std::string path_;
};

// Runs one SQL statement on the database file through a separate connection.
std::string QueryOne(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW) {
    const unsigned char* t = sqlite3_column_text(st, 0);
    out = t ? reinterpret_cast<const char*>(t) : "";
  }
  sqlite3_finalize(st);
  sqlite3_close(db);
  return out;
}

TEST_F(RegisterTest, CreatesFileAndMigratesToCurrentVersion) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_TRUE(std::filesystem::exists(path_));
  auto v = reg->UserVersion();
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, Register::SchemaVersion());
  EXPECT_GE(Register::SchemaVersion(), 1);
  EXPECT_EQ(QueryOne(path_, "PRAGMA journal_mode"), "wal");
  EXPECT_TRUE(reg->IntegrityCheck().ok());
  // Opening again leaves the version as it is and keeps the rows.
  ASSERT_TRUE(reg->AddUser("alice", Role::kOfficer, "password-1").ok());
  reg.reset();
  reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(*reg->UserVersion(), Register::SchemaVersion());
  EXPECT_EQ(*reg->CountRows("users"), 1);
}

TEST_F(RegisterTest, RefusesDatabaseFromNewerTokki) {
  Open().reset();
  QueryOne(path_, "PRAGMA user_version = " + std::to_string(Register::SchemaVersion() + 1));
  auto reg = Register::Open(path_);
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find("より新しい tokki"), std::string::npos)
      << reg.status().message();
}

TEST_F(RegisterTest, RefusesFileThatIsNotADatabase) {
  std::filesystem::create_directories(dir_ / "sub");
  {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    std::fputs("this is not an SQLite database, just some text that is long enough", f);
    std::fclose(f);
  }
  auto reg = Register::Open(path_);
  ASSERT_FALSE(reg.ok());
  EXPECT_NE(reg.status().message().find(path_), std::string::npos) << reg.status().message();
}

TEST_F(RegisterTest, UsersAddListLoginDisable) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("佐藤", Role::kReviewer, "correct horse").ok());
  ASSERT_TRUE(reg->AddUser("admin", Role::kAdmin, "battery staple").ok());
  // Duplicate names, bad names and short passwords are refused with a message.
  Status dup = reg->AddUser("佐藤", Role::kLegal, "whatever123");
  EXPECT_FALSE(dup.ok());
  EXPECT_NE(dup.message().find("すでに登録"), std::string::npos) << dup.message();
  EXPECT_FALSE(reg->AddUser("", Role::kLegal, "whatever123").ok());
  EXPECT_FALSE(reg->AddUser("a\nb", Role::kLegal, "whatever123").ok());
  Status short_pw = reg->AddUser("bob", Role::kLegal, "short");
  EXPECT_FALSE(short_pw.ok());
  EXPECT_NE(short_pw.message().find("8文字"), std::string::npos);

  auto users = reg->ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[0].name, "admin");
  EXPECT_EQ((*users)[0].role, Role::kAdmin);
  EXPECT_EQ((*users)[1].name, "佐藤");
  EXPECT_EQ((*users)[1].role, Role::kReviewer);
  EXPECT_FALSE((*users)[1].disabled);

  // The hash is Argon2id, never the password.
  std::string hash = QueryOne(path_, "SELECT password_hash FROM users WHERE name = 'admin'");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u) << hash;
  EXPECT_EQ(hash.find("battery staple"), std::string::npos);

  auto ok = reg->Login("佐藤", "correct horse");
  ASSERT_TRUE(ok.ok()) << ok.status().message();
  EXPECT_EQ(ok->role, Role::kReviewer);
  auto wrong = reg->Login("佐藤", "wrong horse");
  auto nobody = reg->Login("nobody", "correct horse");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(nobody.ok());
  EXPECT_EQ(wrong.status().message(), nobody.status().message());  // Names not revealed.

  ASSERT_TRUE(reg->SetPassword("佐藤", "new password").ok());
  EXPECT_FALSE(reg->Login("佐藤", "correct horse").ok());
  EXPECT_TRUE(reg->Login("佐藤", "new password").ok());
  EXPECT_FALSE(reg->SetPassword("nobody", "new password").ok());

  EXPECT_TRUE(*reg->HasAdmin());
  ASSERT_TRUE(reg->DisableUser("admin").ok());
  EXPECT_FALSE(*reg->HasAdmin());
  EXPECT_FALSE(reg->Login("admin", "battery staple").ok());
  EXPECT_TRUE(reg->FindUser("admin")->disabled);
  EXPECT_FALSE(reg->DisableUser("nobody").ok());
}

TEST_F(RegisterTest, TokensAreStoredHashedAndEndWithTheUser) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("script", Role::kReviewer, "password-1").ok());
  auto token = reg->NewToken("script");
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->rfind("tk_", 0), 0u);
  EXPECT_EQ(token->size(), 3u + 64u);
  auto other = reg->NewToken("script");
  ASSERT_TRUE(other.ok());
  EXPECT_NE(*token, *other);
  // Only a hash is stored.
  EXPECT_EQ(QueryOne(path_, "SELECT count(*) FROM api_tokens WHERE token_hash = '" + *token + "'"),
            "0");
  EXPECT_EQ(*reg->CountRows("api_tokens"), 2);

  auto user = reg->UserForToken(*token);
  ASSERT_TRUE(user.ok());
  EXPECT_EQ(user->name, "script");
  EXPECT_FALSE(reg->UserForToken("tk_" + std::string(64, '0')).ok());
  EXPECT_FALSE(reg->UserForToken("").ok());
  EXPECT_FALSE(reg->NewToken("nobody").ok());

  ASSERT_TRUE(reg->DisableUser("script").ok());
  EXPECT_FALSE(reg->UserForToken(*token).ok());
  EXPECT_EQ(*reg->CountRows("api_tokens"), 0);
  EXPECT_FALSE(reg->NewToken("script").ok());
}

TEST_F(RegisterTest, SessionsExpireAndEnd) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("legal1", Role::kLegal, "password-1").ok());
  int64_t id = reg->FindUser("legal1")->id;
  auto s = reg->NewSession(id, 3600);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id.size(), 64u);
  EXPECT_EQ(s->csrf.size(), 64u);
  EXPECT_NE(s->id, s->csrf);
  auto found = reg->SessionUser(s->id);
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->first.name, "legal1");
  EXPECT_EQ(found->second, s->csrf);
  EXPECT_EQ(QueryOne(path_, "SELECT count(*) FROM sessions WHERE id_hash = '" + s->id + "'"), "0");

  auto expired = reg->NewSession(id, -1);
  ASSERT_TRUE(expired.ok());
  EXPECT_FALSE(reg->SessionUser(expired->id).ok());

  ASSERT_TRUE(reg->EndSession(s->id).ok());
  EXPECT_FALSE(reg->SessionUser(s->id).ok());
  // A new session sweeps the expired ones.
  ASSERT_TRUE(reg->NewSession(id, 3600).ok());
  EXPECT_EQ(*reg->CountRows("sessions"), 1);
}

TEST_F(RegisterTest, RecordsAnnexesChecksAndAudit) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("officer1", Role::kOfficer, "password-1").ok());
  int64_t uid = reg->FindUser("officer1")->id;

  AnnexRecord a;
  a.user_id = uid;
  a.type = "outsourcing";
  a.date = "2023-04-01";
  a.edition = "2023";
  a.format = "docx";
  a.parameters = R"({"contractor":"株式会社サンプル"})";
  a.sha256 = Sha256Hex("document bytes");
  auto aid = reg->RecordAnnex(a);
  ASSERT_TRUE(aid.ok()) << aid.status().message();

  CheckRecord c;
  c.user_id = uid;
  c.file_name = "vendor.docx";
  c.sha256 = Sha256Hex("");
  c.type = "outsourcing";
  c.date = "2023-04-01";
  c.edition = "2023";
  c.findings = R"([{"category":"audit","status":"missing"}])";
  c.present = 20;
  c.partial = 1;
  c.missing = 1;
  ASSERT_TRUE(reg->RecordCheck(c).ok());

  AuditRecord r{0, "", "officer1", "127.0.0.1", "POST", "/api/assemble", 200, "annex 1"};
  ASSERT_TRUE(reg->RecordAudit(r).ok());

  auto annexes = reg->ListAnnexes();
  ASSERT_TRUE(annexes.ok());
  ASSERT_EQ(annexes->size(), 1u);
  EXPECT_EQ((*annexes)[0].user, "officer1");
  EXPECT_EQ((*annexes)[0].parameters, a.parameters);
  EXPECT_EQ((*annexes)[0].sha256,
            "5a855430e6b6a41750a0928768920a774a02f00d02d79d2880a4204a2f1f22f5");  // sha256sum
  EXPECT_EQ((*annexes)[0].created.size(), 20u);  // 2026-11-22T15:00:00Z

  auto checks = reg->ListChecks();
  ASSERT_TRUE(checks.ok());
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_EQ((*checks)[0].file_name, "vendor.docx");
  EXPECT_EQ((*checks)[0].sha256,
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ((*checks)[0].missing, 1);

  auto audit = reg->ListAudit();
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].path, "/api/assemble");
  EXPECT_EQ((*audit)[0].status, 200);

  // Foreign keys are enforced: a row must name a real user.
  AnnexRecord orphan = a;
  orphan.user_id = 9999;
  EXPECT_FALSE(reg->RecordAnnex(orphan).ok());
  // Parameters and findings must be JSON.
  AnnexRecord bad = a;
  bad.parameters = "{not json";
  EXPECT_FALSE(reg->RecordAnnex(bad).ok());
  EXPECT_FALSE(reg->CountRows("sqlite_master; DROP TABLE users").ok());
  EXPECT_EQ(*reg->CountRows("annexes"), 1);
}

TEST_F(RegisterTest, ChecksOfOneUploadAreRecordedTogetherOrNotAtAll) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("r", Role::kReviewer, "password-1").ok());
  CheckRecord good;
  good.user_id = reg->FindUser("r")->id;
  good.file_name = "a.docx";
  good.sha256 = Sha256Hex("a");
  good.type = "outsourcing";
  good.date = "2023-04-01";
  good.edition = "2023";
  CheckRecord bad = good;
  bad.findings = "{not json";
  EXPECT_FALSE(reg->RecordChecks({good, good, bad}).ok());
  EXPECT_EQ(*reg->CountRows("checks"), 0);
  auto ids = reg->RecordChecks({good, good});
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  ASSERT_EQ(ids->size(), 2u);
  EXPECT_EQ((*ids)[1], (*ids)[0] + 1);
  EXPECT_EQ(*reg->CountRows("checks"), 2);
}

// Runs SQL (several statements) on the database file through a separate connection.
bool ExecSql(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  char* err = nullptr;
  const bool ok = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) == SQLITE_OK;
  if (!ok) ADD_FAILURE() << sql << ": " << (err ? err : "?");
  sqlite3_free(err);
  sqlite3_close(db);
  return ok;
}

CheckRecord ACheck(int64_t user_id, const std::string& file) {
  CheckRecord c;
  c.user_id = user_id;
  c.file_name = file;
  c.sha256 = Sha256Hex(file);
  c.type = "outsourcing";
  c.date = "2023-04-01";
  c.edition = "2023";
  return c;
}

TEST_F(RegisterTest, AVersion1RegisterIsMigratedWithItsRows) {
  // A register as version 1 left it: made by this build, then the tables of version 2
  // dropped and the version set back, which leaves exactly migration 1's schema.
  {
    auto reg = Open();
    ASSERT_TRUE(reg);
    ASSERT_TRUE(reg->AddUser("r", Role::kReviewer, "password-1").ok());
    ASSERT_TRUE(reg->RecordCheck(ACheck(reg->FindUser("r")->id, "old.docx")).ok());
    ASSERT_TRUE(reg->RecordAudit({0, "", "r", "", "POST", "/api/check", 200, "checks#1"}).ok());
  }
  ASSERT_TRUE(ExecSql(path_, "DROP TABLE uploads; DROP TABLE settings; PRAGMA user_version = 1;"));
  ASSERT_EQ(QueryOne(path_,
                     "SELECT count(*) FROM sqlite_master WHERE name IN "
                     "('uploads', 'settings', 'uploads_check', 'uploads_role')"),
            "0");
  ASSERT_EQ(QueryOne(path_, "PRAGMA user_version"), "1");

  auto reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_EQ(*reg->UserVersion(), Register::SchemaVersion());
  // Every row of version 1 is still there.
  EXPECT_EQ(*reg->CountRows("users"), 1);
  EXPECT_EQ(*reg->CountRows("checks"), 1);
  EXPECT_EQ(*reg->CountRows("audit"), 1);
  EXPECT_EQ(reg->ListChecks()->at(0).file_name, "old.docx");
  EXPECT_EQ(reg->ListChecks()->at(0).upload_id, 0);
  EXPECT_TRUE(reg->Login("r", "password-1").ok());
  // The new tables: keep_uploads off, no document.
  EXPECT_EQ(*reg->CountRows("settings"), 1);
  EXPECT_EQ(*reg->CountRows("uploads"), 0);
  EXPECT_FALSE(*reg->KeepUploads());
  EXPECT_TRUE(reg->IntegrityCheck().ok());
  EXPECT_EQ(QueryOne(path_, "PRAGMA foreign_key_check"), "");
}

TEST_F(RegisterTest, UploadedDocumentsAreKeptOnlyWhileTheSettingIsOn) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("r", Role::kReviewer, "password-1").ok());
  ASSERT_TRUE(reg->AddUser("l", Role::kLegal, "password-1").ok());
  const int64_t r = reg->FindUser("r")->id, l = reg->FindUser("l")->id;
  const std::string a = "document a", b("b\0\xff\x01", 4);  // Bytes, NUL included.

  // Off (the default): the rows, and no document.
  EXPECT_FALSE(*reg->KeepUploads());
  std::vector<int64_t> kept = {42};
  auto ids = reg->RecordChecks({ACheck(r, "a.docx")}, {a}, &kept);
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  EXPECT_TRUE(kept.empty());
  EXPECT_TRUE(reg->RecordUploads(l, {{"x.docx", a}})->empty());
  EXPECT_EQ(*reg->CountRows("uploads"), 0);

  // On: each document with its row, the uploader's role recorded.
  ASSERT_TRUE(reg->SetKeepUploads(true, "admin").ok());
  EXPECT_TRUE(*reg->KeepUploads());
  EXPECT_EQ(QueryOne(path_, "SELECT updated_by FROM settings WHERE key = 'keep_uploads'"), "admin");
  ids = reg->RecordChecks({ACheck(r, "a.docx"), ACheck(r, "b.txt")}, {a, b}, &kept);
  ASSERT_TRUE(ids.ok()) << ids.status().message();
  ASSERT_EQ(kept.size(), 2u);
  for (size_t i = 0; i < 2; ++i) {
    auto up = reg->FindUpload(kept[i]);
    ASSERT_TRUE(up.ok()) << up.status().message();
    EXPECT_EQ(up->kind, "check");
    EXPECT_EQ(up->check_id, (*ids)[i]);
    EXPECT_EQ(up->role, Role::kReviewer);
    EXPECT_EQ(up->user, "r");
    EXPECT_EQ(up->content, i == 0 ? a : b);
    EXPECT_EQ(up->sha256, Sha256Hex(i == 0 ? a : b));
    EXPECT_EQ(up->size, static_cast<int64_t>((i == 0 ? a : b).size()));
    EXPECT_EQ(up->file_name, i == 0 ? "a.docx" : "b.txt");
  }
  auto checks = reg->ListChecks();
  ASSERT_TRUE(checks.ok());
  ASSERT_EQ(checks->size(), 3u);
  EXPECT_EQ((*checks)[0].upload_id, kept[1]);
  EXPECT_EQ((*checks)[0].upload_role, "reviewer");
  EXPECT_EQ((*checks)[2].upload_id, 0);

  // All or nothing: a bad row takes its neighbours' documents with it.
  CheckRecord bad = ACheck(r, "bad.docx");
  bad.findings = "{not json";
  EXPECT_FALSE(reg->RecordChecks({ACheck(r, "c.docx"), bad}, {a, b}, &kept).ok());
  EXPECT_EQ(*reg->CountRows("checks"), 3);
  EXPECT_EQ(*reg->CountRows("uploads"), 2);
  // A document per row, or none.
  EXPECT_FALSE(reg->RecordChecks({ACheck(r, "c.docx")}, {a, b}, &kept).ok());

  // Diff documents: no check row; a user that does not exist keeps nothing.
  auto diff = reg->RecordUploads(l, {{"old.docx", a}, {"new.pdf", b}});
  ASSERT_TRUE(diff.ok()) << diff.status().message();
  ASSERT_EQ(diff->size(), 2u);
  auto up = reg->FindUpload((*diff)[1]);
  ASSERT_TRUE(up.ok());
  EXPECT_EQ(up->kind, "diff");
  EXPECT_EQ(up->check_id, 0);
  EXPECT_EQ(up->role, Role::kLegal);
  EXPECT_EQ(up->content, b);
  EXPECT_FALSE(reg->RecordUploads(9999, {{"x.docx", a}, {"y.docx", a}}).ok());
  EXPECT_EQ(*reg->CountRows("uploads"), 4);
  EXPECT_EQ(reg->FindUpload(9999).status().code(), Status::Code::kNotFound);

  // Listed per role, newest first, without the bytes.
  auto legal = reg->ListUploads(Role::kLegal);
  ASSERT_TRUE(legal.ok());
  ASSERT_EQ(legal->size(), 2u);
  EXPECT_EQ((*legal)[0].file_name, "new.pdf");
  EXPECT_TRUE((*legal)[0].content.empty());
  EXPECT_EQ(reg->ListUploads(Role::kReviewer)->size(), 2u);
  EXPECT_TRUE(reg->ListUploads(Role::kAdmin)->empty());

  // The setting is kept in the file; off again, nothing more is stored.
  reg.reset();
  reg = Open();
  ASSERT_TRUE(reg);
  EXPECT_TRUE(*reg->KeepUploads());
  ASSERT_TRUE(reg->SetKeepUploads(false, "admin").ok());
  ASSERT_TRUE(reg->RecordChecks({ACheck(r, "d.docx")}, {a}, &kept).ok());
  EXPECT_TRUE(kept.empty());
  EXPECT_EQ(*reg->CountRows("uploads"), 4);
  EXPECT_EQ(*reg->CountRows("settings"), 1);
  EXPECT_TRUE(reg->IntegrityCheck().ok());
}

TEST_F(RegisterTest, ConcurrentWritersLoseNoRow) {
  auto reg = Open();
  ASSERT_TRUE(reg);
  ASSERT_TRUE(reg->AddUser("r", Role::kReviewer, "password-1").ok());
  int64_t uid = reg->FindUser("r")->id;
  // A second connection (another process, e.g. `tokki users` while the server runs) writes at
  // the same time as the threads of the first.
  RegisterOptions options;
  options.password_cost = PasswordCost::kMinimum;
  auto second = Register::Open(path_, options);
  ASSERT_TRUE(second.ok());
  constexpr int kThreads = 4, kRows = 50;
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < kThreads; ++t) {
    Register* target = t % 2 == 0 ? reg.get() : second->get();
    threads.emplace_back([target, uid, &failures] {
      for (int i = 0; i < kRows; ++i) {
        CheckRecord c;
        c.user_id = uid;
        c.file_name = "f";
        c.file_name += std::to_string(i);
        c.sha256 = Sha256Hex(c.file_name);
        c.type = "outsourcing";
        c.date = "2023-04-01";
        c.edition = "2023";
        if (!target->RecordCheck(c).ok()) ++failures;
        if (!target->RecordAudit({0, "", "r", "", "POST", "/api/check", 200, ""}).ok()) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(*reg->CountRows("checks"), kThreads * kRows);
  EXPECT_EQ(*reg->CountRows("audit"), kThreads * kRows);
  EXPECT_TRUE(reg->IntegrityCheck().ok());
}

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : {Role::kOfficer, Role::kReviewer, Role::kLegal, Role::kAdmin}) {
    auto parsed = ParseRole(RoleName(r));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, r);
  }
  auto bad = ParseRole("root");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("officer, reviewer, legal, admin"), std::string::npos);
}

}  // namespace
}  // namespace tokki
