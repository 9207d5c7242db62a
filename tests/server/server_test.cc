// The HTTP API end to end: a WebServer on an ephemeral loopback port in this process, a real
// register in a temporary directory, and cpp-httplib's client.
#include "server/server.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

#include "base/file.h"
#include "report/check_render.h"
#include "report/library_render.h"
#include "zip/zip_reader.h"

namespace tokki {
namespace {

using json = nlohmann::json;

const std::string kCorpus = std::string(TOKKI_SOURCE_DIR) + "/tests/corpus/files/";
const char* const kCompliant = "2023_outsourcing_itaku_compliant.docx";
const char* const kNotification = "2020_outsourcing_notification_only_subcontract.docx";

std::string Corpus(const std::string& name) {
  Result<std::string> bytes = ReadFile(kCorpus + name);
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : "";
}

const EngineData& Engine() {
  static const EngineData* engine = [] {
    auto loaded = LoadEngineData(ResolveDataPaths(TOKKI_SOURCE_DIR, ""));
    if (!loaded.ok()) {
      ADD_FAILURE() << loaded.status().message();
      std::abort();
    }
    return new EngineData(std::move(*loaded));
  }();
  return *engine;
}

const std::string kAssembleBody =
    R"({"type":"outsourcing","date":"令和5年4月1日","contractor":"株式会社サンプル",)"
    R"("contract_title":"窓口業務委託","format":"txt"})";

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("tokki-server-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    RegisterOptions ro;
    ro.password_cost = PasswordCost::kMinimum;
    auto reg = Register::Open((dir_ / "tokki.db").string(), ro);
    ASSERT_TRUE(reg.ok()) << reg.status().message();
    reg_ = std::move(*reg);
    for (auto [name, role] : {std::pair{"officer", Role::kOfficer},
                              {"reviewer", Role::kReviewer},
                              {"legal", Role::kLegal},
                              {"admin", Role::kAdmin}}) {
      ASSERT_TRUE(reg_->AddUser(name, role, std::string(name) + "-password").ok());
      auto token = reg_->NewToken(name);
      ASSERT_TRUE(token.ok());
      tokens_[name] = *token;
    }
  }

  void TearDown() override {
    StopServer();
    reg_.reset();
    std::filesystem::remove_all(dir_);
  }

  void StartServer(ServerOptions options = {}) {
    options.port = 0;
    server_ = std::make_unique<WebServer>(Engine(), *reg_, options);
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok()) << port.status().message();
    port_ = *port;
    thread_ = std::thread([this] { EXPECT_TRUE(server_->Serve().ok()); });
  }

  void StopServer() {
    if (!server_) return;
    server_->Stop();
    thread_.join();
    server_.reset();
  }

  httplib::Client Client() {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_read_timeout(60, 0);
    return cli;
  }

  httplib::Headers Bearer(const std::string& user) {
    return {{"Authorization", "Bearer " + tokens_[user]}};
  }

  httplib::Result Assemble(const std::string& user, const std::string& body = kAssembleBody) {
    return Client().Post("/api/assemble", Bearer(user), body, "application/json");
  }
  httplib::Result CheckFiles(const httplib::Headers& headers,
                             const httplib::MultipartFormDataItems& items) {
    return Client().Post("/api/check", headers, items);
  }
  httplib::Result Check(const std::string& user) {
    return CheckFiles(Bearer(user), {{"file", Corpus(kCompliant), kCompliant, ""},
                                     {"type", "outsourcing", "", ""},
                                     {"date", "2023-04-01", "", ""}});
  }
  httplib::Result DiffEditions(const std::string& user) {
    return Client().Post("/api/diff", Bearer(user),
                         R"({"type":"outsourcing","from":"2017-09-13","to":"2020-02-01"})",
                         "application/json");
  }
  httplib::Result Clauses(const std::string& user) {
    return Client().Get("/api/clauses", Bearer(user));
  }

  // A browser-style login: the session cookie ("tokki_session=…") and its CSRF token.
  std::pair<std::string, std::string> LogIn(const std::string& user) {
    auto login = Client().Post("/login", "name=" + user + "&password=" + user + "-password",
                               "application/x-www-form-urlencoded");
    EXPECT_TRUE(login && login->status == 200);
    if (!login || login->status != 200) return {};
    const std::string cookie = login->get_header_value("Set-Cookie");
    return {cookie.substr(0, cookie.find(';')),
            json::parse(login->body)["csrf_token"].get<std::string>()};
  }
  httplib::Result PutSettings(const httplib::Headers& headers, const std::string& body) {
    return Client().Put("/api/settings", headers, body, "application/json");
  }
  // Turns keep_uploads on or off as the admin, with a token.
  void SetKeepUploads(bool keep) {
    auto r = PutSettings(Bearer("admin"), json{{"keep_uploads", keep}}.dump());
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << r->body;
    EXPECT_EQ(json::parse(r->body)["keep_uploads"], keep);
  }
  httplib::Result Download(const std::string& user, int64_t id) {
    return Client().Get("/api/uploads/" + std::to_string(id), Bearer(user));
  }

  // The response to a GET as it comes over the wire (httplib's client decodes percent-escapes
  // in header values, which would hide how the server wrote them).
  std::string RawGet(const std::string& path, const std::string& headers) {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port_));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::string out;
    if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0) {
      const std::string request = "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers +
                                  "Connection: close\r\n\r\n";
      if (::send(fd, request.data(), request.size(), 0) == static_cast<ssize_t>(request.size())) {
        char buf[65536];
        ssize_t n;
        while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) out.append(buf, static_cast<size_t>(n));
      }
    }
    ::close(fd);
    return out;
  }

  static std::string Error(const httplib::Result& r) {
    json body = json::parse(r->body, nullptr, false);
    if (!body.is_object() || !body.contains("error")) return "(no JSON error: " + r->body + ")";
    return body["error"].get<std::string>();
  }

  std::filesystem::path dir_;
  std::unique_ptr<Register> reg_;
  std::map<std::string, std::string> tokens_;
  std::unique_ptr<WebServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ServerTest, HealthzNeedsNoLoginAndIsAudited) {
  StartServer();
  auto r = Client().Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body)["status"], "ok");
  StopServer();
  auto audit = reg_->ListAudit();
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].path, "/healthz");
  EXPECT_EQ((*audit)[0].status, 200);
  EXPECT_EQ((*audit)[0].user, "");
  EXPECT_EQ((*audit)[0].remote, "127.0.0.1");
}

TEST_F(ServerTest, EveryApiRouteAnswers401WithoutLogin) {
  StartServer();
  auto cli = Client();
  std::vector<httplib::Result> results;
  results.push_back(cli.Post("/api/assemble", kAssembleBody, "application/json"));
  results.push_back(cli.Post(
      "/api/check", httplib::MultipartFormDataItems{{"file", Corpus(kCompliant), kCompliant, ""}}));
  results.push_back(cli.Post("/api/diff", "{}", "application/json"));
  results.push_back(cli.Get("/api/clauses"));
  results.push_back(cli.Get("/api/session"));
  results.push_back(cli.Post("/logout", "", "text/plain"));
  results.push_back(cli.Get("/api/settings"));
  results.push_back(cli.Put("/api/settings", R"({"keep_uploads":true})", "application/json"));
  results.push_back(cli.Get("/api/uploads"));
  results.push_back(cli.Get("/api/uploads/1"));
  // A wrong token and a wrong scheme are not logins either.
  results.push_back(cli.Get("/api/clauses", {{"Authorization", "Bearer tk_0000"}}));
  results.push_back(cli.Get("/api/clauses", {{"Authorization", "Basic YWRtaW46YWRtaW4="}}));
  results.push_back(cli.Get("/api/clauses", {{"Cookie", "tokki_session=feedface"}}));
  for (size_t i = 0; i < results.size(); ++i) {
    ASSERT_TRUE(results[i]) << i;
    EXPECT_EQ(results[i]->status, 401) << i;
    EXPECT_FALSE(Error(results[i]).empty()) << i;
  }
  EXPECT_EQ(Error(results[0]), "ログインしてください");
  EXPECT_EQ(Error(results[10]), "API トークンが正しくないか、無効になっています");
  EXPECT_EQ(*reg_->CountRows("annexes"), 0);
  EXPECT_EQ(*reg_->CountRows("checks"), 0);
}

TEST_F(ServerTest, EachRoleIsAllowedItsJobsAndRefusedTheOthers) {
  StartServer();
  // route → roles allowed; an admin may do everything.
  const std::map<std::string, std::set<std::string>> allowed = {
      {"assemble", {"officer", "admin"}},
      {"check", {"reviewer", "admin"}},
      {"diff", {"legal", "admin"}},
      {"clauses", {"legal", "admin"}},
  };
  for (const char* user : {"officer", "reviewer", "legal", "admin"}) {
    for (const auto& [route, roles] : allowed) {
      httplib::Result r = route == "assemble" ? Assemble(user)
                          : route == "check"  ? Check(user)
                          : route == "diff"   ? DiffEditions(user)
                                              : Clauses(user);
      ASSERT_TRUE(r) << user << " " << route;
      if (roles.count(user)) {
        EXPECT_EQ(r->status, 200) << user << " " << route << ": " << r->body.substr(0, 300);
      } else {
        EXPECT_EQ(r->status, 403) << user << " " << route;
        EXPECT_NE(Error(r).find("権限がありません"), std::string::npos) << Error(r);
      }
    }
  }
  // Only the allowed requests reached the register.
  EXPECT_EQ(*reg_->CountRows("annexes"), 2);
  EXPECT_EQ(*reg_->CountRows("checks"), 2);
  StopServer();
  EXPECT_EQ(*reg_->CountRows("audit"), 16);
}

TEST_F(ServerTest, AssembleReturnsTheDocumentAndRecordsItsHash) {
  StartServer();
  std::string body = kAssembleBody;
  body.replace(body.find(R"("format":"txt")"), 14, R"("format":"docx")");
  auto r = Assemble("officer", body);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  EXPECT_EQ(r->body.substr(0, 4), "PK\x03\x04");
  EXPECT_EQ(r->get_header_value("Content-Disposition"),
            "attachment; filename=\"annex-outsourcing-2023-04-01.docx\"");
  // The same bytes as the engine gives the command line.
  auto request =
      MakeAssembleRequest("outsourcing", "2023-04-01",
                          {{"contractor", "株式会社サンプル"}, {"contract_title", "窓口業務委託"}});
  ASSERT_TRUE(request.ok());
  auto direct =
      AssembleDocument(*Engine().library, *Engine().annex_template, *request, AnnexFormat::kTxt);
  ASSERT_TRUE(direct.ok());
  auto txt = Assemble("officer");
  ASSERT_TRUE(txt);
  EXPECT_EQ(txt->body, direct->bytes);

  auto rows = reg_->ListAnnexes();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 2u);
  const AnnexRecord& docx = (*rows)[1];  // Newest first.
  EXPECT_EQ(docx.user, "officer");
  EXPECT_EQ(docx.type, "outsourcing");
  EXPECT_EQ(docx.date, "2023-04-01");
  EXPECT_EQ(docx.edition, "2023");
  EXPECT_EQ(docx.format, "docx");
  EXPECT_EQ(docx.sha256, Sha256Hex(r->body));
  EXPECT_EQ(r->get_header_value("X-Tokki-Sha256"), docx.sha256);
  EXPECT_EQ(json::parse(docx.parameters),
            json({{"contract_title", "窓口業務委託"}, {"contractor", "株式会社サンプル"}}));
  EXPECT_EQ((*rows)[0].sha256, Sha256Hex(direct->bytes));
}

TEST_F(ServerTest, AssembleRefusesBadInputWithOneMessage) {
  StartServer();
  struct Case {
    std::string body;
    std::string message_part;
  } cases[] = {
      {"not json", "JSON"},
      {"[1,2]", "JSON"},
      {R"({"type":"outsourcing","date":20230401})", "date: 文字列"},
      {R"({"date":"2023-04-01"})", "type: 契約種別を指定してください"},
      {R"({"type":"outsourcing","date":"2023-13-45","contractor":"A","contract_title":"B"})",
       "date"},
      {R"({"type":"nosuchtype","date":"2023-04-01","contractor":"A","contract_title":"B"})",
       "type"},
      {R"({"type":"outsourcing","date":"2023-04-01","contractor":"A","contract_title":"B",)"
       R"("format":"pdf"})",
       "format"},
  };
  for (const Case& c : cases) {
    auto r = Assemble("officer", c.body);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << c.body;
    EXPECT_NE(Error(r).find(c.message_part), std::string::npos) << c.body << " → " << Error(r);
  }
  EXPECT_EQ(*reg_->CountRows("annexes"), 0);
}

TEST_F(ServerTest, CheckAnswersAsTheEngineAndRecordsEachFile) {
  StartServer();
  // One file: the report object, equal to what the engine gives the command line.
  auto one = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kNotification), kNotification, ""},
                                             {"type", "outsourcing", "", ""},
                                             {"date", "2022-10-01", "", ""}});
  ASSERT_TRUE(one);
  ASSERT_EQ(one->status, 200) << one->body;
  auto doc = ReadDocument(kCorpus + kNotification);
  ASSERT_TRUE(doc.ok());
  doc->file = kNotification;
  auto request = MakeCheckRequest("outsourcing", "2022-10-01", "");
  ASSERT_TRUE(request.ok());
  auto report = CheckDocument(*Engine().rules, *Engine().library, *doc, *request);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(json::parse(one->body), json::parse(RenderCheckJson({*report})));
  // The labelled corpus says the subcontracting consent is missing: the API flags it.
  json body = json::parse(one->body);
  bool flagged = false;
  for (const auto& f : body["findings"]) {
    if (f["category"] == "subcontracting") {
      EXPECT_EQ(f["status"], "partial");
      flagged = true;
    }
  }
  EXPECT_TRUE(flagged);

  // Several files: an array, in upload order, against an edition.
  auto two = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kCompliant), kCompliant, ""},
                                             {"file", Corpus(kNotification), kNotification, ""},
                                             {"edition", "2023", "", ""}});
  ASSERT_TRUE(two);
  ASSERT_EQ(two->status, 200) << two->body;
  json arr = json::parse(two->body);
  ASSERT_TRUE(arr.is_array());
  ASSERT_EQ(arr.size(), 2u);
  EXPECT_EQ(arr[0]["file"], kCompliant);
  EXPECT_EQ(arr[1]["file"], kNotification);
  EXPECT_EQ(arr[0]["edition"], "2023");

  auto rows = reg_->ListChecks();
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 3u);
  const CheckRecord& first = (*rows)[2];
  EXPECT_EQ(first.file_name, kNotification);
  EXPECT_EQ(first.sha256, Sha256Hex(Corpus(kNotification)));
  EXPECT_EQ(first.date, "2022-10-01");
  EXPECT_EQ(first.user, "reviewer");
  EXPECT_EQ(first.partial, report->partial);
  EXPECT_EQ(first.missing, report->missing);
  EXPECT_EQ(json::parse(first.findings), body["findings"]);
  EXPECT_EQ((*rows)[1].file_name, kCompliant);
  EXPECT_EQ((*rows)[1].edition, "2023");
}

TEST_F(ServerTest, CheckCanAnswerWithTheAnnotatedCopy) {
  StartServer();
  const std::string bytes = Corpus(kNotification);
  auto r = CheckFiles(Bearer("reviewer"), {{"file", bytes, kNotification, ""},
                                           {"date", "2022-10-01", "", ""},
                                           {"annotate", "1", "", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body.substr(0, 300);
  EXPECT_EQ(r->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // The bytes `tokki check --annotate` writes.
  auto doc = ReadDocx(bytes, kNotification);
  ASSERT_TRUE(doc.ok());
  auto report = CheckDocument(*Engine().rules, *Engine().library, *doc,
                              *MakeCheckRequest("outsourcing", "2022-10-01", ""));
  ASSERT_TRUE(report.ok());
  auto expected = AnnotateCheckedDocx(bytes, kNotification, *report);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(r->body, *expected);
  EXPECT_EQ(*reg_->CountRows("checks"), 1);

  // Only of one file, and only of a .docx; refused requests record nothing.
  auto two = CheckFiles(Bearer("reviewer"), {{"file", bytes, "a.docx", ""},
                                             {"file", bytes, "b.docx", ""},
                                             {"edition", "2020", "", ""},
                                             {"annotate", "1", "", ""}});
  ASSERT_TRUE(two);
  EXPECT_EQ(two->status, 400);
  EXPECT_NE(Error(two).find("1つの .docx"), std::string::npos);
  auto txt = CheckFiles(Bearer("reviewer"), {{"file", "第1条 乙は、秘密を守る。", "a.txt", ""},
                                             {"edition", "2020", "", ""},
                                             {"annotate", "1", "", ""}});
  ASSERT_TRUE(txt);
  EXPECT_EQ(txt->status, 400);
  EXPECT_NE(Error(txt).find("a.txt"), std::string::npos) << Error(txt);
  EXPECT_EQ(*reg_->CountRows("checks"), 1);
}

TEST_F(ServerTest, BadUploadsGetA4xxAndTheServerKeepsServing) {
  StartServer();
  struct Case {
    std::string bytes;
    std::string name;
    int status;
  } cases[] = {
      {std::string("PK\x03\x04", 4) + std::string(2000, 'x'), "vendor.docx", 422},  // Not a zip.
      {std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) + std::string(600, '\0'), "old.doc",
       422},                   // Legacy Word.
      {"", "empty.txt", 422},  // Empty.
      {"%PDF-1.4\n", "broken.pdf", 422},
  };
  for (const Case& c : cases) {
    auto r = CheckFiles(Bearer("reviewer"),
                        {{"file", c.bytes, c.name, ""}, {"edition", "2023", "", ""}});
    ASSERT_TRUE(r) << c.name;
    EXPECT_EQ(r->status, c.status) << c.name << ": " << r->body;
    EXPECT_NE(Error(r).find(c.name), std::string::npos) << Error(r);
  }
  // A bad file among good ones: nothing is recorded, the bad one is named.
  auto mixed = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kCompliant), kCompliant, ""},
                                               {"file", "PK\x03\x04garbage", "bad.docx", ""},
                                               {"edition", "2023", "", ""}});
  ASSERT_TRUE(mixed);
  EXPECT_EQ(mixed->status, 422);
  EXPECT_NE(Error(mixed).find("bad.docx"), std::string::npos);
  // Missing pieces.
  auto no_file = CheckFiles(Bearer("reviewer"), {{"edition", "2023", "", ""}});
  ASSERT_TRUE(no_file);
  EXPECT_EQ(no_file->status, 400);
  EXPECT_NE(Error(no_file).find("file"), std::string::npos);
  auto no_date = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kCompliant), kCompliant, ""}});
  ASSERT_TRUE(no_date);
  EXPECT_EQ(no_date->status, 400);
  EXPECT_NE(Error(no_date).find("date"), std::string::npos);
  auto not_multipart = Client().Post("/api/check", Bearer("reviewer"), "{}", "application/json");
  ASSERT_TRUE(not_multipart);
  EXPECT_EQ(not_multipart->status, 400);
  EXPECT_EQ(*reg_->CountRows("checks"), 0);

  auto health = Client().Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto good = Check("reviewer");
  ASSERT_TRUE(good);
  EXPECT_EQ(good->status, 200);
  EXPECT_EQ(*reg_->CountRows("checks"), 1);
}

TEST_F(ServerTest, UploadSizeAndCountAreLimited) {
  ServerOptions options;
  options.max_upload_bytes = 100 << 10;
  options.max_files = 2;
  StartServer(options);
  auto big = CheckFiles(Bearer("reviewer"), {{"file", std::string(200 << 10, 'a'), "big.txt", ""},
                                             {"edition", "2023", "", ""}});
  ASSERT_TRUE(big);
  EXPECT_EQ(big->status, 413);
  EXPECT_EQ(Error(big), "送られたデータが大きすぎます（上限 100 KB）");

  const std::string small = Corpus(kCompliant);
  auto many = CheckFiles(Bearer("reviewer"), {{"file", "第1条 甲は", "a.txt", ""},
                                              {"file", "第1条 甲は", "b.txt", ""},
                                              {"file", "第1条 甲は", "c.txt", ""},
                                              {"edition", "2023", "", ""}});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 413);
  EXPECT_NE(Error(many).find("2 個まで"), std::string::npos) << Error(many);
  EXPECT_EQ(*reg_->CountRows("checks"), 0);

  auto ok = CheckFiles(Bearer("reviewer"),
                       {{"file", small, kCompliant, ""}, {"edition", "2023", "", ""}});
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  StopServer();
  // The refused requests are in the audit log too. (Rows are written once each answer is out,
  // by whichever worker served it, so their order need not be the order of the requests.)
  auto audit = reg_->ListAudit();
  ASSERT_TRUE(audit.ok());
  std::multiset<std::pair<int, std::string>> rows;
  for (const AuditRecord& r : *audit) rows.insert({r.status, r.user});
  // The body over the limit is refused before any handler knows who sent it.
  EXPECT_EQ(rows, (std::multiset<std::pair<int, std::string>>{
                      {200, "reviewer"}, {413, ""}, {413, "reviewer"}}));
}

TEST_F(ServerTest, BusyServerAnswers503AndRecovers) {
  ServerOptions options;
  options.max_jobs = 1;
  options.job_wait = std::chrono::milliseconds(50);
  StartServer(options);
  ASSERT_TRUE(server_->job_slots().Acquire(std::chrono::milliseconds(0)));
  auto busy = Assemble("officer");
  ASSERT_TRUE(busy);
  EXPECT_EQ(busy->status, 503);
  EXPECT_NE(Error(busy).find("混み合っています"), std::string::npos);
  EXPECT_EQ(busy->get_header_value("Retry-After"), "5");
  server_->job_slots().Release();
  auto ok = Assemble("officer");
  ASSERT_TRUE(ok);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(*reg_->CountRows("annexes"), 1);
}

TEST_F(ServerTest, DiffOfEditionsAndOfUploadedDocuments) {
  StartServer();
  auto r = DiffEditions("legal");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  // The same JSON as the engine gives the command line.
  auto from = EditionVersion(*Engine().library, "outsourcing", "2017-09-13", "from", {});
  auto to = EditionVersion(*Engine().library, "outsourcing", "2020-02-01", "to", {});
  ASSERT_TRUE(from.ok() && to.ok());
  CompareOptions co;
  co.text.ignore_format = true;
  EXPECT_EQ(r->body, RenderDiffJson(Compare(*from, *to, co)));
  json body = json::parse(r->body);
  EXPECT_FALSE(body["pairs"].empty());

  auto docs = Client().Post("/api/diff", Bearer("legal"),
                            httplib::MultipartFormDataItems{
                                {"old", Corpus(kNotification), kNotification, ""},
                                {"new", Corpus(kCompliant), kCompliant, ""},
                                {"format", "docx", "", ""},
                            });
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->status, 200) << docs->body.substr(0, 300);
  EXPECT_EQ(docs->body.substr(0, 4), "PK\x03\x04");

  auto html = Client().Post("/api/diff", Bearer("admin"),
                            R"({"type":"outsourcing","from":"H29.9.13","to":"R5.4.1",)"
                            R"("format":"html"})",
                            "application/json");
  ASSERT_TRUE(html);
  ASSERT_EQ(html->status, 200);
  EXPECT_EQ(html->get_header_value("Content-Type"), "text/html; charset=utf-8");

  // A document against the edition in force for its type and date.
  auto against = Client().Post("/api/diff", Bearer("legal"),
                               httplib::MultipartFormDataItems{
                                   {"new", Corpus(kNotification), kNotification, ""},
                                   {"type", "outsourcing", "", ""},
                                   {"date", "2022-10-01", "", ""},
                                   {"format", "txt", "", ""},
                               });
  ASSERT_TRUE(against);
  ASSERT_EQ(against->status, 200) << against->body;
  auto edition = EditionVersion(*Engine().library, "outsourcing", "2022-10-01", "date", {}, true);
  auto doc = ReadDocument(kCorpus + kNotification);
  ASSERT_TRUE(edition.ok() && doc.ok());
  EXPECT_EQ(against->body,
            RenderDiffText(Compare(*edition, VersionFromDocument(*doc, kNotification), co)));

  auto missing = Client().Post("/api/diff", Bearer("legal"),
                               httplib::MultipartFormDataItems{{"old", "a", "a.txt", ""}});
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 400);
  auto bad_date = Client().Post("/api/diff", Bearer("legal"),
                                R"({"type":"outsourcing","from":"1999-01-01","to":"2020-02-01"})",
                                "application/json");
  ASSERT_TRUE(bad_date);
  EXPECT_EQ(bad_date->status, 400);
  EXPECT_FALSE(Error(bad_date).empty());
}

TEST_F(ServerTest, ClausesListsTheLibrary) {
  StartServer();
  auto r = Clauses("legal");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body, RenderLibraryJson(*Engine().library));
  EXPECT_NE(r->body.find("audit"), std::string::npos);
}

TEST_F(ServerTest, CookieSessionsNeedTheCsrfToken) {
  StartServer();
  auto cli = Client();
  auto login = cli.Post("/login", "name=reviewer&password=reviewer-password",
                        "application/x-www-form-urlencoded");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200) << login->body;
  const std::string cookie = login->get_header_value("Set-Cookie");
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  ASSERT_EQ(cookie.rfind("tokki_session=", 0), 0u);
  const std::string session = cookie.substr(0, cookie.find(';'));
  json info = json::parse(login->body);
  EXPECT_EQ(info["role"], "reviewer");
  const std::string csrf = info["csrf_token"];
  ASSERT_EQ(csrf.size(), 64u);

  httplib::Headers with_cookie = {{"Cookie", session}};
  auto me = cli.Get("/api/session", with_cookie);
  ASSERT_TRUE(me);
  EXPECT_EQ(me->status, 200);
  EXPECT_EQ(json::parse(me->body)["csrf_token"], csrf);

  const httplib::MultipartFormDataItems upload = {{"file", Corpus(kCompliant), kCompliant, ""},
                                                  {"edition", "2023", "", ""}};
  auto no_csrf = CheckFiles(with_cookie, upload);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_NE(Error(no_csrf).find("CSRF"), std::string::npos);
  auto wrong = CheckFiles({{"Cookie", session}, {"X-CSRF-Token", std::string(64, 'a')}}, upload);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_EQ(*reg_->CountRows("checks"), 0);

  auto with_header = CheckFiles({{"Cookie", session}, {"X-CSRF-Token", csrf}}, upload);
  ASSERT_TRUE(with_header);
  EXPECT_EQ(with_header->status, 200) << with_header->body;
  httplib::MultipartFormDataItems with_field = upload;
  with_field.push_back({"csrf_token", csrf, "", ""});
  auto field = CheckFiles(with_cookie, with_field);
  ASSERT_TRUE(field);
  EXPECT_EQ(field->status, 200);
  EXPECT_EQ(*reg_->CountRows("checks"), 2);

  // Logout needs the token too, then the cookie no longer works.
  auto logout_refused = cli.Post("/logout", with_cookie, "", "text/plain");
  ASSERT_TRUE(logout_refused);
  EXPECT_EQ(logout_refused->status, 403);
  auto logout =
      cli.Post("/logout", {{"Cookie", session}, {"X-CSRF-Token", csrf}}, "", "text/plain");
  ASSERT_TRUE(logout);
  EXPECT_EQ(logout->status, 200);
  EXPECT_NE(logout->get_header_value("Set-Cookie").find("Max-Age=0"), std::string::npos);
  auto after = cli.Get("/api/session", with_cookie);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->status, 401);
}

TEST_F(ServerTest, LoginFailuresAreRateLimitedPerNameAndAddress) {
  ServerOptions options;
  options.login_max_failures = 3;
  StartServer(options);
  auto cli = Client();
  auto login = [&](const std::string& name, const std::string& password) {
    return cli.Post("/login", json{{"name", name}, {"password", password}}.dump(),
                    "application/json");
  };
  for (int i = 0; i < 3; ++i) {
    auto r = login("officer", "wrong-password");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401);
    EXPECT_EQ(Error(r), "ユーザー名またはパスワードが違います");
  }
  auto blocked = login("officer", "officer-password");
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
  EXPECT_NE(Error(blocked).find("試行が多すぎます"), std::string::npos);
  // Another name from the same address is not blocked.
  auto other = login("legal", "legal-password");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 200);
  // A form posted from another site is refused; from this server's own pages it is not.
  auto foreign =
      cli.Post("/login", {{"Origin", "http://evil.example"}}, "name=legal&password=legal-password",
               "application/x-www-form-urlencoded");
  ASSERT_TRUE(foreign);
  EXPECT_EQ(foreign->status, 403);
  auto own = cli.Post("/login", {{"Origin", "http://127.0.0.1:" + std::to_string(port_)}},
                      "name=legal&password=legal-password", "application/x-www-form-urlencoded");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200) << own->body;
  auto empty = cli.Post("/login", "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  // A disabled user cannot log in, and its token stops working.
  ASSERT_TRUE(reg_->DisableUser("reviewer").ok());
  auto disabled = login("reviewer", "reviewer-password");
  ASSERT_TRUE(disabled);
  EXPECT_EQ(disabled->status, 401);
  auto token = Check("reviewer");
  ASSERT_TRUE(token);
  EXPECT_EQ(token->status, 401);
  StopServer();
  auto audit = reg_->ListAudit();
  ASSERT_TRUE(audit.ok());
  std::map<int, int> statuses;
  for (const AuditRecord& r : *audit) ++statuses[r.status];
  EXPECT_EQ(statuses, (std::map<int, int>{{200, 2}, {400, 1}, {401, 5}, {403, 1}, {429, 1}}));
}

TEST_F(ServerTest, ASprayOfNamesFromOneAddressIsLimitedToo) {
  ServerOptions options;
  options.login_max_failures = 2;  // So 8 failures per address, whatever the names.
  StartServer(options);
  auto cli = Client();
  for (int i = 0; i < 8; ++i) {
    std::string form = "name=guess";
    form += std::to_string(i);
    form += "&password=whatever1";
    auto r = cli.Post("/login", form, "application/x-www-form-urlencoded");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 401) << i;
  }
  auto blocked =
      cli.Post("/login", "name=legal&password=legal-password", "application/x-www-form-urlencoded");
  ASSERT_TRUE(blocked);
  EXPECT_EQ(blocked->status, 429);
}

TEST_F(ServerTest, HistoryListsSearchesAndExportsTheRegister) {
  StartServer();
  std::string other = kAssembleBody;
  other.replace(other.find("株式会社サンプル"), std::string("株式会社サンプル").size(), "丙商事");
  ASSERT_EQ(Assemble("officer")->status, 200);
  ASSERT_EQ(Assemble("admin", other)->status, 200);
  ASSERT_EQ(Check("reviewer")->status, 200);  // Compliant: nothing partial or missing.
  ASSERT_EQ(CheckFiles(Bearer("reviewer"), {{"file", Corpus(kNotification), kNotification, ""},
                                            {"edition", "2020", "", ""}})
                ->status,
            200);

  // Every role may read the register.
  for (const char* user : {"officer", "reviewer", "legal", "admin"}) {
    auto r = Client().Get("/api/history/annexes", Bearer(user));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << user;
    json rows = json::parse(r->body);
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows[0]["user"], "admin");  // Newest first.
    EXPECT_EQ(rows[0]["parameters"]["contractor"], "丙商事");
  }
  auto vendor = Client().Get("/api/history/annexes?q=%E4%B8%99%E5%95%86%E4%BA%8B",  // 丙商事
                             Bearer("legal"));
  ASSERT_TRUE(vendor);
  ASSERT_EQ(json::parse(vendor->body).size(), 1u);

  auto problems = Client().Get("/api/history/checks?result=problems", Bearer("officer"));
  ASSERT_TRUE(problems);
  json p = json::parse(problems->body);
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0]["file"], kNotification);
  EXPECT_GT(p[0]["summary"]["partial"].get<int>() + p[0]["summary"]["missing"].get<int>(), 0);
  EXPECT_TRUE(p[0]["findings"].is_array());
  auto ok = Client().Get("/api/history/checks?result=ok", Bearer("officer"));
  ASSERT_EQ(json::parse(ok->body).size(), 1u);
  auto future = Client().Get("/api/history/checks?from=2999-01-01", Bearer("officer"));
  ASSERT_EQ(json::parse(future->body).size(), 0u);

  auto csv = Client().Get("/api/history/checks?format=csv", Bearer("reviewer"));
  ASSERT_TRUE(csv);
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(csv->body.rfind("\xEF\xBB\xBF\"番号\",\"審査日時\"", 0), 0u) << csv->body.substr(0, 80);
  EXPECT_NE(csv->body.find("\"" + std::string(kNotification) + "\""), std::string::npos);
  size_t lines = 0;
  for (char c : csv->body) lines += c == '\n';
  EXPECT_EQ(lines, 3u);  // Header and two checks.

  for (const char* bad : {"/api/history/checks?from=yesterday", "/api/history/checks?limit=0",
                          "/api/history/checks?result=maybe", "/api/history/annexes?format=xml"}) {
    auto r = Client().Get(bad, Bearer("admin"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_FALSE(Error(r).empty());
  }
  auto anonymous = Client().Get("/api/history/checks");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);
}

TEST_F(ServerTest, AdminManagesUsers) {
  StartServer();
  auto post = [&](const std::string& user, const std::string& path, const json& body) {
    return Client().Post(path, Bearer(user), body.dump(), "application/json");
  };
  // Only an admin.
  for (const char* user : {"officer", "reviewer", "legal"}) {
    auto list = Client().Get("/api/users", Bearer(user));
    ASSERT_TRUE(list);
    EXPECT_EQ(list->status, 403) << user;
    auto add =
        post(user, "/api/users", {{"name", "x"}, {"role", "admin"}, {"password", "pw-12345"}});
    ASSERT_TRUE(add);
    EXPECT_EQ(add->status, 403) << user;
  }
  auto add = post("admin", "/api/users",
                  {{"name", "鈴木"}, {"role", "legal"}, {"password", "suzuki-password"}});
  ASSERT_TRUE(add);
  ASSERT_EQ(add->status, 201) << add->body;
  auto list = Client().Get("/api/users", Bearer("admin"));
  ASSERT_TRUE(list);
  json users = json::parse(list->body);
  ASSERT_EQ(users.size(), 5u);
  bool found = false;
  for (const auto& u : users) {
    if (u["name"] == "鈴木") {
      EXPECT_EQ(u["role"], "legal");
      EXPECT_EQ(u["disabled"], false);
      found = true;
    }
    EXPECT_FALSE(u.contains("password_hash"));
  }
  EXPECT_TRUE(found);
  // Refusals with the register's messages.
  auto dup = post("admin", "/api/users",
                  {{"name", "鈴木"}, {"role", "legal"}, {"password", "suzuki-password"}});
  EXPECT_EQ(dup->status, 400);
  EXPECT_NE(Error(dup).find("すでに登録"), std::string::npos);
  auto bad_role =
      post("admin", "/api/users", {{"name", "x"}, {"role", "root"}, {"password", "pw-123456"}});
  EXPECT_EQ(bad_role->status, 400);
  EXPECT_NE(Error(bad_role).find("role"), std::string::npos);
  auto short_pw =
      post("admin", "/api/users", {{"name", "x"}, {"role", "legal"}, {"password", "short"}});
  EXPECT_EQ(short_pw->status, 400);

  // The new user logs in, gets a token from the admin, and works with it.
  auto login = Client().Post(
      "/login", json{{"name", "鈴木"}, {"password", "suzuki-password"}}.dump(), "application/json");
  EXPECT_EQ(login->status, 200);
  auto token = post("admin", "/api/users/token", {{"name", "鈴木"}});
  ASSERT_EQ(token->status, 200);
  const std::string t = json::parse(token->body)["token"];
  auto clauses = Client().Get("/api/clauses", {{"Authorization", "Bearer " + t}});
  EXPECT_EQ(clauses->status, 200);

  auto pw = post("admin", "/api/users/password", {{"name", "鈴木"}, {"password", "new-password"}});
  EXPECT_EQ(pw->status, 200);
  EXPECT_TRUE(reg_->Login("鈴木", "new-password").ok());
  auto nobody =
      post("admin", "/api/users/password", {{"name", "nobody"}, {"password", "pw-12345"}});
  EXPECT_EQ(nobody->status, 404);

  auto self = post("admin", "/api/users/disable", {{"name", "admin"}});
  EXPECT_EQ(self->status, 400);
  auto disable = post("admin", "/api/users/disable", {{"name", "鈴木"}});
  EXPECT_EQ(disable->status, 200);
  auto after = Client().Get("/api/clauses", {{"Authorization", "Bearer " + t}});
  EXPECT_EQ(after->status, 401);

  // With a cookie session, changes need the CSRF token like everything else.
  auto admin_login = Client().Post("/login", "name=admin&password=admin-password",
                                   "application/x-www-form-urlencoded");
  ASSERT_EQ(admin_login->status, 200);
  std::string cookie = admin_login->get_header_value("Set-Cookie");
  cookie = cookie.substr(0, cookie.find(';'));
  auto no_csrf = Client().Post(
      "/api/users", {{"Cookie", cookie}},
      json{{"name", "y"}, {"role", "legal"}, {"password", "pw-123456"}}.dump(), "application/json");
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_FALSE(reg_->FindUser("y").ok());
}

// The pages: the application only with a session (else the login page), their assets
// without one, and the security headers on each.
TEST_F(ServerTest, PagesNeedASessionAndCarryTheirSecurityHeaders) {
  StartServer();
  auto cli = Client();
  auto root = cli.Get("/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 303);
  EXPECT_EQ(root->get_header_value("Location"), "/login");
  // A Bearer token is for scripts: it does not open the pages.
  auto bearer = cli.Get("/", Bearer("admin"));
  ASSERT_TRUE(bearer);
  EXPECT_EQ(bearer->status, 303);

  auto login_page = cli.Get("/login");
  ASSERT_TRUE(login_page);
  ASSERT_EQ(login_page->status, 200);
  EXPECT_EQ(login_page->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(login_page->body.find("ログイン"), std::string::npos);
  const std::string csp = login_page->get_header_value("Content-Security-Policy");
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << csp;
  EXPECT_EQ(login_page->get_header_value("X-Content-Type-Options"), "nosniff");

  for (const char* asset : {"/assets/app.js", "/assets/app.css", "/assets/login.js"}) {
    auto a = cli.Get(asset);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 200) << asset;
    EXPECT_GT(a->body.size(), 500u) << asset;
  }
  for (const char* missing : {"/assets/none.js", "/assets/../server.cc", "/assets/index.html"}) {
    auto a = cli.Get(missing);
    ASSERT_TRUE(a);
    EXPECT_EQ(a->status, 404) << missing;
  }

  auto login = cli.Post("/login", "name=officer&password=officer-password",
                        "application/x-www-form-urlencoded");
  ASSERT_TRUE(login);
  ASSERT_EQ(login->status, 200);
  const std::string cookie = login->get_header_value("Set-Cookie");
  auto app = cli.Get("/", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
  ASSERT_TRUE(app);
  ASSERT_EQ(app->status, 200);
  EXPECT_NE(app->body.find("<nav id=\"tabs\""), std::string::npos);
  EXPECT_NE(app->get_header_value("Content-Security-Policy").find("script-src 'self'"),
            std::string::npos);
}

// What the forms need, for every role (only legal and admin may read the whole library).
TEST_F(ServerTest, OptionsGiveEveryRoleTheFormChoices) {
  StartServer();
  for (const char* user : {"officer", "reviewer", "legal", "admin"}) {
    auto r = Client().Get("/api/options", Bearer(user));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << user;
    json o = json::parse(r->body);
    EXPECT_EQ(o["types"].size(), 4u) << user;
    ASSERT_EQ(o["editions"].size(), 3u) << user;
    EXPECT_EQ(o["editions"][2]["id"], "2023");
    EXPECT_FALSE(o["editions"][0].contains("evidence"));
    EXPECT_FALSE(o.contains("modules")) << "clause texts stay with /api/clauses";
    bool contractor = false;
    for (const auto& p : o["parameters"]) contractor |= p["name"] == "contractor";
    EXPECT_TRUE(contractor);
  }
  auto none = Client().Get("/api/options");
  ASSERT_TRUE(none);
  EXPECT_EQ(none->status, 401);
}

// style=underline gives the council-paper .docx (bold underline, no tracked changes);
// tracked changes carry the requester as their author.
TEST_F(ServerTest, DiffDocxStylesAndAuthor) {
  StartServer();
  auto docx_of = [this](const std::string& style) {
    std::string body = R"({"type":"outsourcing","from":"2017-09-13","to":"2020-02-01",)"
                       R"("format":"docx")";
    if (!style.empty()) body += R"(,"style":")" + style + "\"";
    return Client().Post("/api/diff", Bearer("legal"), body + "}", "application/json");
  };
  auto document_xml = [](const std::string& docx) {
    auto zip = ZipReader::Open(docx, "diff.docx");
    EXPECT_TRUE(zip.ok());
    auto xml = (*zip)->Read("word/document.xml");
    EXPECT_TRUE(xml.ok());
    return xml.ok() ? *xml : std::string();
  };
  auto tracked = docx_of("");
  ASSERT_TRUE(tracked);
  ASSERT_EQ(tracked->status, 200) << tracked->body.substr(0, 300);
  const std::string t = document_xml(tracked->body);
  EXPECT_NE(t.find("<w:ins "), std::string::npos);
  EXPECT_NE(t.find("w:author=\"legal\""), std::string::npos);
  auto underline = docx_of("underline");
  ASSERT_TRUE(underline);
  ASSERT_EQ(underline->status, 200);
  const std::string u = document_xml(underline->body);
  EXPECT_EQ(u.find("<w:ins "), std::string::npos);
  EXPECT_NE(u.find("<w:u w:val=\"single\"/>"), std::string::npos);
  auto bad = docx_of("bold");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
  EXPECT_NE(Error(bad).find("style"), std::string::npos);
}

TEST_F(ServerTest, UnknownPathsAnswerJson404) {
  StartServer();
  auto r = Client().Get("/nowhere", Bearer("admin"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_EQ(Error(r), "ページが見つかりません");
}

TEST_F(ServerTest, StopFinishesRequestsInFlightAndLosesNoRow) {
  ServerOptions options;
  options.threads = 4;
  StartServer(options);
  constexpr int kClients = 4;
  std::atomic<int> ok{0}, sent{0};
  std::atomic<bool> go_on{true};
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client cli("127.0.0.1", port_);
      cli.set_read_timeout(60, 0);
      while (go_on) {
        ++sent;
        auto r =
            c % 2 == 0
                ? cli.Post("/api/assemble", Bearer("officer"), kAssembleBody, "application/json")
                : cli.Post(
                      "/api/check", Bearer("reviewer"),
                      httplib::MultipartFormDataItems{{"file", Corpus(kCompliant), kCompliant, ""},
                                                      {"edition", "2023", "", ""}});
        if (!r) break;  // The server has stopped accepting.
        if (r->status == 200) ++ok;
      }
    });
  }
  // Let some requests through, then stop while others are in flight.
  while (ok < 8) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  StopServer();
  go_on = false;
  for (auto& t : clients) t.join();
  // Every request answered 200 has its row, and nothing else has one.
  EXPECT_EQ(*reg_->CountRows("annexes") + *reg_->CountRows("checks"), ok.load());
  EXPECT_GE(*reg_->CountRows("audit"), ok.load());
  EXPECT_TRUE(reg_->IntegrityCheck().ok());
}

TEST_F(ServerTest, StopWaitsForARequestAlreadyBeingServed) {
  ServerOptions options;
  options.max_jobs = 1;
  options.job_wait = std::chrono::milliseconds(10000);
  StartServer(options);
  // The only job slot is taken: the request below waits inside its handler.
  ASSERT_TRUE(server_->job_slots().Acquire(std::chrono::milliseconds(0)));
  std::atomic<int> status{0};  // 0: no answer yet.
  std::thread client([&] {
    auto r = Assemble("officer");
    status = r ? r->status : -1;
  });
  // Wait until the request is being served (its connection accepted and read).
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  std::atomic<bool> stopped{false};
  std::thread stopper([&] {
    server_->Stop();
    stopped = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  EXPECT_EQ(status.load(), 0);
  server_->job_slots().Release();
  client.join();
  stopper.join();
  thread_.join();  // Serve() has returned: every worker is done.
  server_.reset();
  EXPECT_TRUE(stopped);
  EXPECT_EQ(status.load(), 200);
  EXPECT_EQ(*reg_->CountRows("annexes"), 1);
  auto audit = reg_->ListAudit();
  ASSERT_TRUE(audit.ok());
  ASSERT_EQ(audit->size(), 1u);
  EXPECT_EQ((*audit)[0].status, 200);
  EXPECT_EQ((*audit)[0].user, "officer");
}

// --- Kept uploads (keep_uploads) ---------------------------------------------------------

TEST_F(ServerTest, UploadsAreNotKeptByDefault) {
  StartServer();
  auto settings = Client().Get("/api/settings", Bearer("admin"));
  ASSERT_TRUE(settings);
  ASSERT_EQ(settings->status, 200) << settings->body;
  EXPECT_EQ(json::parse(settings->body), json::parse(R"({"keep_uploads":false})"));

  auto r = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kNotification), kNotification, ""},
                                           {"type", "outsourcing", "", ""},
                                           {"date", "2022-10-01", "", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  // The answer is the engine's, as without the setting.
  auto doc = ReadDocument(kCorpus + kNotification);
  ASSERT_TRUE(doc.ok());
  doc->file = kNotification;
  auto report = CheckDocument(*Engine().rules, *Engine().library, *doc,
                              *MakeCheckRequest("outsourcing", "2022-10-01", ""));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(r->body, RenderCheckJson({*report}));
  EXPECT_FALSE(r->has_header("X-Tokki-Upload-Ids"));
  auto diff = Client().Post("/api/diff", Bearer("legal"),
                            httplib::MultipartFormDataItems{
                                {"old", Corpus(kNotification), kNotification, ""},
                                {"new", Corpus(kCompliant), kCompliant, ""},
                                {"format", "txt", "", ""},
                            });
  ASSERT_TRUE(diff);
  ASSERT_EQ(diff->status, 200) << diff->body.substr(0, 300);
  EXPECT_FALSE(diff->has_header("X-Tokki-Upload-Ids"));

  // The row and its hash, and no document.
  EXPECT_EQ(*reg_->CountRows("checks"), 1);
  EXPECT_EQ(*reg_->CountRows("uploads"), 0);
  auto rows = reg_->ListChecks();
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].sha256, Sha256Hex(Corpus(kNotification)));
  EXPECT_EQ((*rows)[0].upload_id, 0);
  auto history = Client().Get("/api/history/checks", Bearer("reviewer"));
  ASSERT_TRUE(history);
  EXPECT_FALSE(json::parse(history->body)[0].contains("upload"));
  auto list = Client().Get("/api/uploads", Bearer("reviewer"));
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_EQ(json::parse(list->body), json::array());
}

TEST_F(ServerTest, OnlyAnAdminChangesKeepUploadsWithTheCsrfToken) {
  StartServer();
  const std::string on = R"({"keep_uploads":true})";
  for (const char* user : {"officer", "reviewer", "legal"}) {
    auto get = Client().Get("/api/settings", Bearer(user));
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 403) << user;
    auto put = PutSettings(Bearer(user), on);
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 403) << user;
  }
  // The admin's browser session: without the CSRF token, or with a wrong one, refused.
  auto [cookie, csrf] = LogIn("admin");
  ASSERT_FALSE(cookie.empty());
  auto no_csrf = PutSettings({{"Cookie", cookie}}, on);
  ASSERT_TRUE(no_csrf);
  EXPECT_EQ(no_csrf->status, 403);
  EXPECT_NE(Error(no_csrf).find("CSRF"), std::string::npos);
  auto wrong = PutSettings({{"Cookie", cookie}, {"X-CSRF-Token", std::string(64, '0')}}, on);
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 403);
  EXPECT_FALSE(*reg_->KeepUploads());

  // Bad bodies: 400, nothing changed.
  for (const char* bad : {"", "[]", "{}", R"({"keep_uploads":"yes"})", R"({"keep_uploads":1})",
                          R"({"keep_uploads":true,"other":true})"}) {
    auto r = PutSettings(Bearer("admin"), bad);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << bad;
    EXPECT_FALSE(Error(r).empty()) << bad;
  }
  EXPECT_FALSE(*reg_->KeepUploads());

  auto set = PutSettings({{"Cookie", cookie}, {"X-CSRF-Token", csrf}}, on);
  ASSERT_TRUE(set);
  ASSERT_EQ(set->status, 200) << set->body;
  EXPECT_EQ(json::parse(set->body)["keep_uploads"], true);
  EXPECT_TRUE(*reg_->KeepUploads());
  auto get = Client().Get("/api/settings", {{"Cookie", cookie}});
  ASSERT_TRUE(get);
  EXPECT_EQ(json::parse(get->body)["keep_uploads"], true);
  SetKeepUploads(false);
  EXPECT_FALSE(*reg_->KeepUploads());

  // Both changes are in the audit log, with who made them; the refusals too.
  StopServer();
  auto audit = reg_->ListAudit(1000);
  ASSERT_TRUE(audit.ok());
  std::vector<std::string> changes;
  int refused = 0;
  for (const AuditRecord& a : *audit) {
    if (a.method != "PUT" || a.path != "/api/settings") continue;
    if (a.status == 200) changes.push_back(a.user + " " + a.detail);
    if (a.status == 403) ++refused;
  }
  EXPECT_EQ(changes, (std::vector<std::string>{"admin 設定を変更: keep_uploads on → off",
                                               "admin 設定を変更: keep_uploads off → on"}));
  EXPECT_EQ(refused, 5);
}

TEST_F(ServerTest, KeptCheckDocumentsGoOnlyToTheUploadersRole) {
  StartServer();
  SetKeepUploads(true);
  const std::string bytes = Corpus(kNotification);
  const std::string name = "委託契約書（株式会社サンプル）.docx";
  auto r = CheckFiles(
      Bearer("reviewer"),
      {{"file", bytes, name, ""}, {"type", "outsourcing", "", ""}, {"date", "2022-10-01", "", ""}});
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["file"], name);  // The check JSON as ever.

  // One document, in the register with its row: the same bytes and hash.
  ASSERT_EQ(*reg_->CountRows("checks"), 1);
  ASSERT_EQ(*reg_->CountRows("uploads"), 1);
  auto rows = reg_->ListChecks();
  ASSERT_TRUE(rows.ok());
  const CheckRecord row = (*rows)[0];  // A copy: rows is read again below.
  ASSERT_NE(row.upload_id, 0);
  EXPECT_EQ(row.upload_role, "reviewer");
  EXPECT_EQ(r->get_header_value("X-Tokki-Upload-Ids"), std::to_string(row.upload_id));
  auto kept = reg_->FindUpload(row.upload_id);
  ASSERT_TRUE(kept.ok()) << kept.status().message();
  EXPECT_EQ(kept->kind, "check");
  EXPECT_EQ(kept->check_id, row.id);
  EXPECT_EQ(kept->role, Role::kReviewer);
  EXPECT_EQ(kept->user, "reviewer");
  EXPECT_EQ(kept->file_name, name);
  EXPECT_EQ(kept->size, static_cast<int64_t>(bytes.size()));
  EXPECT_EQ(kept->sha256, row.sha256);
  EXPECT_TRUE(kept->content == bytes);

  // The reviewer downloads exactly what was uploaded.
  auto got = Download("reviewer", row.upload_id);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200) << got->body.substr(0, 300);
  EXPECT_TRUE(got->body == bytes);
  EXPECT_EQ(Sha256Hex(got->body), row.sha256);
  EXPECT_EQ(got->get_header_value("Content-Type"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
  // On the wire: an ASCII fallback, and the name itself as percent-encoded UTF-8 (RFC 5987):
  // 委託契約書（株式会社サンプル）.docx, 委 being E5 A7 94 and ） EF BC 89.
  const std::string raw = RawGet("/api/uploads/" + std::to_string(row.upload_id),
                                 "Authorization: Bearer " + tokens_["reviewer"] + "\r\n");
  ASSERT_EQ(raw.rfind("HTTP/1.1 200", 0), 0u) << raw.substr(0, 200);
  EXPECT_NE(raw.find("\r\nContent-Disposition: attachment; filename=\"" + std::string(45, '_') +
                     ".docx\"; filename*=UTF-8''%E5%A7%94"),
            std::string::npos)
      << raw.substr(0, raw.find("\r\n\r\n"));
  EXPECT_NE(raw.find("%EF%BC%89.docx\r\n"), std::string::npos);
  EXPECT_TRUE(raw.substr(raw.find("\r\n\r\n") + 4) == bytes);

  // Anyone of another role, the admin included, is refused; an unknown id is 404.
  for (const char* user : {"officer", "legal", "admin"}) {
    auto refused = Download(user, row.upload_id);
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << user;
    EXPECT_EQ(Error(refused),
              "この文書はアップロードした利用者と同じ役割（reviewer）の利用者だけがダウンロードで"
              "きます");
    EXPECT_EQ(refused->body.find("PK"), std::string::npos);
  }
  auto unknown = Download("reviewer", row.upload_id + 100);
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_FALSE(Error(unknown).empty());
  auto anonymous = Client().Get("/api/uploads/" + std::to_string(row.upload_id));
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 401);

  // The history names the document to those who may download it, and only to them.
  for (const char* user : {"reviewer", "officer", "legal", "admin"}) {
    auto history = Client().Get("/api/history/checks", Bearer(user));
    ASSERT_TRUE(history);
    json h = json::parse(history->body);
    ASSERT_EQ(h.size(), 1u);
    if (std::string(user) == "reviewer") {
      EXPECT_EQ(h[0]["upload"]["id"], row.upload_id);
      EXPECT_EQ(h[0]["upload"]["url"], "/api/uploads/" + std::to_string(row.upload_id));
    } else {
      EXPECT_FALSE(h[0].contains("upload")) << user;
    }
    auto list = Client().Get("/api/uploads", Bearer(user));
    ASSERT_TRUE(list);
    EXPECT_EQ(json::parse(list->body).size(), std::string(user) == "reviewer" ? 1u : 0u) << user;
  }

  // Several files: each row with its own document; the annotated copy's original is kept too.
  auto two = CheckFiles(Bearer("reviewer"), {{"file", Corpus(kCompliant), kCompliant, ""},
                                             {"file", "第1条 乙は、秘密を守る。", "memo.txt", ""},
                                             {"edition", "2023", "", ""}});
  ASSERT_TRUE(two);
  ASSERT_EQ(two->status, 200) << two->body;
  auto annotated = CheckFiles(Bearer("reviewer"), {{"file", bytes, kNotification, ""},
                                                   {"date", "2022-10-01", "", ""},
                                                   {"annotate", "1", "", ""}});
  ASSERT_TRUE(annotated);
  ASSERT_EQ(annotated->status, 200);
  EXPECT_EQ(*reg_->CountRows("checks"), 4);
  EXPECT_EQ(*reg_->CountRows("uploads"), 4);
  rows = reg_->ListChecks();
  ASSERT_TRUE(rows.ok());
  for (const CheckRecord& c : *rows) {
    auto doc = Download("reviewer", c.upload_id);
    ASSERT_TRUE(doc);
    ASSERT_EQ(doc->status, 200) << c.file_name;
    EXPECT_EQ(Sha256Hex(doc->body), c.sha256) << c.file_name;
  }
  auto memo = Download("reviewer", (*rows)[1].upload_id);
  EXPECT_EQ(memo->body, "第1条 乙は、秘密を守る。");
  EXPECT_EQ(memo->get_header_value("Content-Type"), "text/plain");
  // An upload refused as a whole (one unreadable file) keeps nothing.
  auto bad = CheckFiles(Bearer("reviewer"), {{"file", bytes, "good.docx", ""},
                                             {"file", "PK\x03\x04 broken", "bad.docx", ""},
                                             {"edition", "2023", "", ""}});
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(*reg_->CountRows("uploads"), 4);

  // Turned off: new checks keep nothing; what was kept stays readable.
  SetKeepUploads(false);
  ASSERT_EQ(Check("reviewer")->status, 200);
  EXPECT_EQ(*reg_->CountRows("checks"), 5);
  EXPECT_EQ(*reg_->CountRows("uploads"), 4);
  EXPECT_EQ(Download("reviewer", row.upload_id)->status, 200);

  // Every download and every refusal is in the audit log.
  StopServer();
  auto audit = reg_->ListAudit(1000);
  ASSERT_TRUE(audit.ok());
  int downloads = 0, refusals = 0, not_found = 0;
  const std::string path = "/api/uploads/" + std::to_string(row.upload_id);
  for (const AuditRecord& a : *audit) {
    if (a.path == path && a.status == 200) {
      ++downloads;
      EXPECT_EQ(a.user, "reviewer");
      EXPECT_EQ(a.detail,
                "文書をダウンロード: uploads#" + std::to_string(row.upload_id) + " " + name);
    }
    if (a.path == path && a.status == 403) {
      ++refusals;
      EXPECT_NE(a.detail.find("uploads#" + std::to_string(row.upload_id)), std::string::npos);
    }
    if (a.path == "/api/uploads/" + std::to_string(row.upload_id + 100)) ++not_found;
  }
  EXPECT_EQ(downloads, 4);  // By id, over the wire, in the loop over the rows, after "off".
  EXPECT_EQ(refusals, 3);
  EXPECT_EQ(not_found, 1);
}

TEST_F(ServerTest, KeptDiffDocumentsGoOnlyToLegal) {
  StartServer();
  SetKeepUploads(true);
  const std::string old_bytes = Corpus(kNotification), new_bytes = Corpus(kCompliant);
  auto docs = Client().Post("/api/diff", Bearer("legal"),
                            httplib::MultipartFormDataItems{
                                {"old", old_bytes, kNotification, ""},
                                {"new", new_bytes, kCompliant, ""},
                                {"format", "txt", "", ""},
                            });
  ASSERT_TRUE(docs);
  ASSERT_EQ(docs->status, 200) << docs->body.substr(0, 300);
  // A document against an edition: one upload; two editions: none.
  auto against = Client().Post("/api/diff", Bearer("legal"),
                               httplib::MultipartFormDataItems{
                                   {"new", old_bytes, "returned.docx", ""},
                                   {"type", "outsourcing", "", ""},
                                   {"date", "2022-10-01", "", ""},
                               });
  ASSERT_TRUE(against);
  ASSERT_EQ(against->status, 200) << against->body.substr(0, 300);
  ASSERT_EQ(DiffEditions("legal")->status, 200);
  // A refused diff keeps nothing.
  auto unreadable = Client().Post("/api/diff", Bearer("legal"),
                                  httplib::MultipartFormDataItems{
                                      {"old", "PK\x03\x04 broken", "bad.docx", ""},
                                      {"new", new_bytes, kCompliant, ""},
                                  });
  ASSERT_TRUE(unreadable);
  EXPECT_GE(unreadable->status, 400);

  auto list = Client().Get("/api/uploads", Bearer("legal"));
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200);
  json kept = json::parse(list->body);
  ASSERT_EQ(kept.size(), 3u);
  EXPECT_EQ(*reg_->CountRows("uploads"), 3);
  EXPECT_EQ(*reg_->CountRows("checks"), 0);
  // Newest first: returned.docx, then new and old of the first diff.
  const std::vector<std::pair<std::string, const std::string*>> expected = {
      {"returned.docx", &old_bytes}, {kCompliant, &new_bytes}, {kNotification, &old_bytes}};
  for (size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i]["kind"], "diff");
    EXPECT_EQ(kept[i]["role"], "legal");
    EXPECT_TRUE(kept[i]["check_id"].is_null());
    EXPECT_EQ(kept[i]["file"], expected[i].first);
    EXPECT_EQ(kept[i]["sha256"], Sha256Hex(*expected[i].second));
    const int64_t id = kept[i]["id"];
    auto got = Download("legal", id);
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200);
    EXPECT_TRUE(got->body == *expected[i].second) << expected[i].first;
    for (const char* user : {"officer", "reviewer", "admin"}) {
      auto refused = Download(user, id);
      ASSERT_TRUE(refused);
      EXPECT_EQ(refused->status, 403) << user;
      EXPECT_NE(Error(refused).find("（legal）"), std::string::npos) << Error(refused);
    }
  }
  EXPECT_EQ(docs->get_header_value("X-Tokki-Upload-Ids"),
            kept[2]["id"].dump() + "," + kept[1]["id"].dump());
}

TEST_F(ServerTest, KeepUploadsSurvivesARestart) {
  StartServer();
  SetKeepUploads(true);
  ASSERT_EQ(Check("reviewer")->status, 200);
  ASSERT_EQ(*reg_->CountRows("uploads"), 1);
  const int64_t first = (*reg_->ListChecks())[0].upload_id;

  // The server stops, the register is closed and opened again, the server starts again.
  StopServer();
  reg_.reset();
  RegisterOptions ro;
  ro.password_cost = PasswordCost::kMinimum;
  auto reopened = Register::Open((dir_ / "tokki.db").string(), ro);
  ASSERT_TRUE(reopened.ok()) << reopened.status().message();
  reg_ = std::move(*reopened);
  StartServer();
  auto settings = Client().Get("/api/settings", Bearer("admin"));
  ASSERT_TRUE(settings);
  EXPECT_EQ(json::parse(settings->body)["keep_uploads"], true);
  auto got = Download("reviewer", first);
  ASSERT_TRUE(got);
  ASSERT_EQ(got->status, 200);
  EXPECT_TRUE(got->body == Corpus(kCompliant));
  ASSERT_EQ(Check("reviewer")->status, 200);
  EXPECT_EQ(*reg_->CountRows("uploads"), 2);

  SetKeepUploads(false);
  ASSERT_EQ(Check("reviewer")->status, 200);
  EXPECT_EQ(*reg_->CountRows("checks"), 3);
  EXPECT_EQ(*reg_->CountRows("uploads"), 2);
}

}  // namespace
}  // namespace tokki
