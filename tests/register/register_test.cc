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
