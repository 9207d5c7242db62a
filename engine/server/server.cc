#include "server/server.h"

#include <httplib.h>
#include <sodium.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <deque>
#include <iostream>
#include <nlohmann/json.hpp>
#include <thread>
#include <unordered_map>

#include "report/check_render.h"
#include "report/library_render.h"
#include "web/pages.h"

namespace tokki {
namespace {

using httplib::Request;
using httplib::Response;
using json = nlohmann::ordered_json;

constexpr const char* kSessionCookie = "tokki_session";
constexpr const char* kJsonType = "application/json; charset=utf-8";

// What the audit log says about the request this worker thread is serving: set by the
// handlers, written by the post-routing handler, which httplib calls on the same thread just
// before it writes the response (so that no answer goes out whose audit row a crash could
// still lose), and cleared by the logger, which httplib calls once the response is out. The
// logger writes the row itself for responses that skipped the post-routing handler.
struct AuditContext {
  std::string user;
  std::string detail;
  bool recorded = false;  // The row is written.
};
thread_local AuditContext t_audit;

void JsonError(Response& res, int status, const std::string& message) {
  res.status = status;
  res.set_content(json{{"error", message}}.dump(), kJsonType);
  t_audit.detail = message;
}

// Bad input is the user's to fix (4xx, the engine's message); anything else is ours (500, the
// detail goes to the log and the audit table, not to the browser).
void SendError(Response& res, const Status& st) {
  switch (st.code()) {
    case Status::Code::kInvalidInput:
      JsonError(res, 400, st.message());
      return;
    case Status::Code::kNotFound:
      JsonError(res, 404, st.message());
      return;
    default:
      std::cerr << "tokki serve: " << st.message() << "\n";
      JsonError(res, 500, "サーバー内部でエラーが起きました。管理者に連絡してください");
      t_audit.detail = st.message();
  }
}

// The library's JSON reduced to what the forms need: name, types, editions (without their
// evidence) and parameters.
std::string OptionsJson(const std::string& library_json) {
  const json lib = json::parse(library_json);
  json editions = json::array();
  for (const auto& e : lib["editions"]) {
    editions.push_back({{"id", e["id"]},
                        {"name", e["name"]},
                        {"from", e["from"]},
                        {"until", e.value("until", json())}});
  }
  return json{{"name", lib["name"]},
              {"types", lib["types"]},
              {"editions", editions},
              {"parameters", lib["parameters"]}}
      .dump();
}

// The value of one cookie from the Cookie header(s).
std::string CookieValue(const Request& req, const std::string& name) {
  for (size_t i = 0, n = req.get_header_value_count("Cookie"); i < n; ++i) {
    std::string header = req.get_header_value("Cookie", i);
    size_t pos = 0;
    while (pos < header.size()) {
      size_t end = header.find(';', pos);
      if (end == std::string::npos) end = header.size();
      size_t start = header.find_first_not_of(' ', pos);
      if (start < end) {
        size_t eq = header.find('=', start);
        if (eq < end && header.compare(start, eq - start, name) == 0) {
          return header.substr(eq + 1, end - eq - 1);
        }
      }
      pos = end + 1;
    }
  }
  return "";
}

bool SecretEquals(const std::string& a, const std::string& b) {
  return !a.empty() && a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

// A form field from a urlencoded body or a multipart part.
std::string FormField(const Request& req, const std::string& name) {
  if (req.has_param(name)) return req.get_param_value(name);
  if (req.has_file(name)) return req.get_file_value(name).content;
  return "";
}

// Browsers may send a path; only the last component is kept, without control characters.
std::string CleanFileName(const std::string& name, size_t index) {
  size_t slash = name.find_last_of("/\\");
  std::string base = slash == std::string::npos ? name : name.substr(slash + 1);
  std::string out;
  for (unsigned char c : base) {
    if (c >= 0x20 && c != 0x7f && c != '"') out += static_cast<char>(c);
  }
  if (out.empty()) out = "upload-" + std::to_string(index + 1);
  return out;
}

const char* AnnexMime(AnnexFormat f) {
  switch (f) {
    case AnnexFormat::kDocx:
      return "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    case AnnexFormat::kHtml:
      return "text/html; charset=utf-8";
    case AnnexFormat::kTxt:
      return "text/plain; charset=utf-8";
    case AnnexFormat::kJson:
      return kJsonType;
  }
  return "application/octet-stream";
}

const char* DiffMime(DiffFormat f) {
  switch (f) {
    case DiffFormat::kDocx:
      return AnnexMime(AnnexFormat::kDocx);
    case DiffFormat::kHtml:
      return AnnexMime(AnnexFormat::kHtml);
    case DiffFormat::kTxt:
      return AnnexMime(AnnexFormat::kTxt);
    case DiffFormat::kJson:
      return kJsonType;
  }
  return "application/octet-stream";
}

// The type of a kept document, from the extension of its name (as uploaded).
const char* DocumentMime(const std::string& name) {
  const size_t dot = name.find_last_of('.');
  std::string ext = dot == std::string::npos ? "" : name.substr(dot + 1);
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (ext == "docx") return AnnexMime(AnnexFormat::kDocx);
  if (ext == "docm") return "application/vnd.ms-word.document.macroEnabled.12";
  if (ext == "pdf") return "application/pdf";
  if (ext == "txt") return "text/plain";  // UTF-8, UTF-16 or Shift_JIS: not named here.
  return "application/octet-stream";
}

// Content-Disposition of a download named `name` (UTF-8, from CleanFileName): an ASCII
// fallback and the name itself in RFC 5987 form, which browsers prefer.
std::string Attachment(const std::string& name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? static_cast<char>(c) : '_';
    if (std::isalnum(c) || (c != 0 && std::strchr("!#$&+-.^_`|~", c) != nullptr)) {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

bool IsJsonBody(const Request& req) {
  return req.get_header_value("Content-Type").rfind("application/json", 0) == 0;
}

// Failed logins per key (name and address; address alone) within a sliding window.
class LoginLimiter {
 public:
  explicit LoginLimiter(std::chrono::seconds window) : window_(window) {}

  bool Blocked(const std::string& key, int max_failures) {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = failures_.find(key);
    if (it == failures_.end()) return false;
    Prune(it->second, std::chrono::steady_clock::now());
    return static_cast<int>(it->second.size()) >= max_failures;
  }
  void Failed(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    auto now = std::chrono::steady_clock::now();
    if (failures_.size() > 10000) {  // Bounded memory under a spray of names.
      for (auto it = failures_.begin(); it != failures_.end();) {
        Prune(it->second, now);
        it = it->second.empty() ? failures_.erase(it) : std::next(it);
      }
    }
    failures_[key].push_back(now);
  }
  void Succeeded(const std::string& key) {
    std::lock_guard<std::mutex> lock(mu_);
    failures_.erase(key);
  }

 private:
  void Prune(std::deque<std::chrono::steady_clock::time_point>& q,
             std::chrono::steady_clock::time_point now) {
    while (!q.empty() && now - q.front() > window_) q.pop_front();
  }
  std::mutex mu_;
  std::chrono::seconds window_;
  std::unordered_map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

}  // namespace

bool JobSlots::Acquire(std::chrono::milliseconds wait) {
  std::unique_lock<std::mutex> lock(mu_);
  if (!cv_.wait_for(lock, wait, [this] { return free_ > 0; })) return false;
  --free_;
  return true;
}

void JobSlots::Release() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++free_;
  }
  cv_.notify_one();
}

class WebServer::Impl {
 public:
  Impl(const EngineData& engine, Register& reg, ServerOptions options)
      : engine_(engine),
        reg_(reg),
        options_(std::move(options)),
        slots_(options_.max_jobs != 0 ? options_.max_jobs
                                      : std::max(1u, std::thread::hardware_concurrency())),
        limiter_(options_.login_window),
        clauses_json_(RenderLibraryJson(*engine.library)),
        options_json_(OptionsJson(clauses_json_)) {
    Configure();
  }

  Result<int> Bind() {
    int port = options_.port;
    if (port == 0) {
      port = http_.bind_to_any_port(options_.host);
    } else if (!http_.bind_to_port(options_.host, port)) {
      port = -1;
    }
    if (port <= 0) {
      return Status::IoError(options_.host + ":" + std::to_string(options_.port) +
                             " で待ち受けられません（使用中か、権限がありません）");
    }
    // Debian's libcpp-httplib listens with a backlog of 5 (CPPHTTPLIB_LISTEN_BACKLOG, compiled
    // into the library): a burst of connections while the accepting thread waits for a core
    // overflowed it, and the kernel reset the connections it dropped (TcpExtListenOverflows;
    // integration_server_robustness's 24 concurrent uploads). listen() on a listening socket
    // sets a new backlog.
    if (listen_socket_ != INVALID_SOCKET) ::listen(listen_socket_, SOMAXCONN);
    return port;
  }

  Status Serve() {
    serving_ = true;
    if (!stop_requested_) http_.listen_after_bind();
    serving_ = false;
    return Status::Ok();
  }

  void Stop() {
    stop_requested_ = true;
    // Serve() may be between its check and httplib's loop: wait until the loop runs.
    for (int i = 0; i < 2000 && serving_ && !http_.is_running(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    http_.stop();
  }

  JobSlots& slots() { return slots_; }

 private:
  enum class Job { kAssemble, kCheck, kDiff, kClauses, kUsers, kAny };

  struct Caller {
    User user;
    bool cookie = false;  // Logged in with the session cookie (so CSRF applies).
    std::string csrf;
    std::string session;
  };

  static bool Allowed(Role role, Job job) {
    switch (job) {
      case Job::kAny:
        return true;
      case Job::kAssemble:
        return role == Role::kAdmin || role == Role::kOfficer;
      case Job::kCheck:
        return role == Role::kAdmin || role == Role::kReviewer;
      case Job::kDiff:
      case Job::kClauses:
        return role == Role::kAdmin || role == Role::kLegal;
      case Job::kUsers:
        return role == Role::kAdmin;
    }
    return false;
  }

  // Holds a job slot for its lifetime, if one came free in time.
  class Slot {
   public:
    Slot(JobSlots& slots, std::chrono::milliseconds wait)
        : slots_(slots), held_(slots.Acquire(wait)) {}
    ~Slot() {
      if (held_) slots_.Release();
    }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;
    explicit operator bool() const { return held_; }

   private:
    JobSlots& slots_;
    bool held_;
  };

  std::string UploadLimitText() const {
    const size_t n = options_.max_upload_bytes;
    return n >= (size_t{1} << 20) ? std::to_string(n >> 20) + " MB"
                                  : std::to_string(n >> 10) + " KB";
  }

  static void Busy(Response& res) {
    res.set_header("Retry-After", "5");
    JsonError(res, 503, "処理が混み合っています。しばらくしてからやり直してください");
  }

  void Configure() {
    // httplib gives a connection one worker for its whole life (keep-alive included), so
    // there are more workers than cores: 16 clients keeping connections open must not queue
    // behind each other. The work itself is bounded by the job slots, not by the workers.
    const unsigned threads = options_.threads != 0
                                 ? options_.threads
                                 : std::max(64u, 8 * std::thread::hardware_concurrency());
    http_.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    // httplib's own options (SO_REUSEADDR), and the listening socket kept for Bind().
    http_.set_socket_options([this](socket_t sock) {
      httplib::default_socket_options(sock);
      listen_socket_ = sock;
    });
    http_.set_payload_max_length(options_.max_upload_bytes);
    http_.set_keep_alive_max_count(100);
    http_.set_read_timeout(options_.timeout_seconds, 0);
    http_.set_write_timeout(options_.timeout_seconds, 0);
    http_.set_default_headers({{"Cache-Control", "no-store"},
                               {"X-Content-Type-Options", "nosniff"},
                               {"X-Frame-Options", "DENY"},
                               {"Referrer-Policy", "no-referrer"}});

    http_.set_error_handler(
        httplib::Server::HandlerWithResponse([this](const Request&, Response& res) {
          if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
          switch (res.status) {
            case 413:
              JsonError(res, 413, "送られたデータが大きすぎます（上限 " + UploadLimitText() + "）");
              break;
            case 404:
              JsonError(res, 404, "ページが見つかりません");
              break;
            case 400:
              JsonError(res, 400, "リクエストの形式が正しくありません");
              break;
            default:
              JsonError(res, res.status,
                        "リクエストを処理できません（HTTP " + std::to_string(res.status) + "）");
          }
          return httplib::Server::HandlerResponse::Handled;
        }));
    http_.set_exception_handler([](const Request&, Response& res, std::exception_ptr ep) {
      std::string what = "unknown exception";
      try {
        if (ep) std::rethrow_exception(ep);
      } catch (const std::exception& e) {
        what = e.what();
      } catch (...) {
      }
      SendError(res, Status::Internal("exception: " + what));
    });
    http_.set_post_routing_handler(
        [this](const Request& req, Response& res) { RecordAudit(req, res); });
    http_.set_logger([this](const Request& req, const Response& res) {
      RecordAudit(req, res);
      t_audit = AuditContext{};
    });

    http_.Get("/healthz", [](const Request&, Response& res) {
      res.set_content(R"({"status":"ok"})", kJsonType);
    });
    http_.Post("/login", [this](const Request& req, Response& res) { Login(req, res); });
    http_.Post("/logout", Guard(Job::kAny, &Impl::Logout));
    http_.Get("/api/session", Guard(Job::kAny, &Impl::SessionInfo));
    http_.Post("/api/assemble", Guard(Job::kAssemble, &Impl::Assemble));
    http_.Post("/api/check", Guard(Job::kCheck, &Impl::Check));
    http_.Post("/api/diff", Guard(Job::kDiff, &Impl::Diff));
    http_.Get("/api/clauses", Guard(Job::kClauses, &Impl::Clauses));
    http_.Get("/api/users", Guard(Job::kUsers, &Impl::ListUsers));
    http_.Post("/api/users", Guard(Job::kUsers, &Impl::AddUser));
    http_.Post("/api/users/disable", Guard(Job::kUsers, &Impl::DisableUser));
    http_.Post("/api/users/password", Guard(Job::kUsers, &Impl::SetPassword));
    http_.Post("/api/users/token", Guard(Job::kUsers, &Impl::NewToken));
    http_.Get("/api/history/annexes", Guard(Job::kAny, &Impl::AnnexHistory));
    http_.Get("/api/history/checks", Guard(Job::kAny, &Impl::CheckHistory));
    http_.Get("/api/options", Guard(Job::kAny, &Impl::Options));
    http_.Get("/api/settings", Guard(Job::kUsers, &Impl::GetSettings));
    http_.Put("/api/settings", Guard(Job::kUsers, &Impl::PutSettings));
    // Kept documents: any role may ask; only the uploader's role gets them (Download).
    http_.Get("/api/uploads", Guard(Job::kAny, &Impl::ListUploads));
    http_.Get(R"(/api/uploads/([0-9]+))", Guard(Job::kAny, &Impl::Download));
    // The pages (engine/web/): the application for a browser with a session, the login page
    // and their scripts and styles.
    AddPageRoutes(&http_, [this](const Request& req) {
      Result<Caller> caller = Authenticate(req);
      return caller.ok() && caller->cookie;
    });
    // The Japanese pages (作成, 審査, 比較, 条項, 履歴) belong here: GET routes serving tokki's own
    // HTML, CSS and scripts (no outside assets on a closed network), checked like Guard() but
    // redirecting to the login page instead of answering 401, and posting to the API above with
    // the session's CSRF token from /api/session.
  }

  using Method = void (Impl::*)(const Request&, Response&, const Caller&);

  // The handler for a route that needs a login and a role, and a CSRF token when the login is
  // the session cookie and the request changes something.
  httplib::Server::Handler Guard(Job job, Method method) {
    return [this, job, method](const Request& req, Response& res) {
      Result<Caller> caller = Authenticate(req);
      if (!caller.ok()) {
        if (caller.status().code() != Status::Code::kInvalidInput) {
          SendError(res, caller.status());
          return;
        }
        res.set_header("WWW-Authenticate", "Bearer");
        JsonError(res, 401, caller.status().message());
        return;
      }
      t_audit.user = caller->user.name;
      if (!Allowed(caller->user.role, job)) {
        JsonError(res, 403,
                  std::string("この操作をする権限がありません（役割: ") +
                      RoleName(caller->user.role) + "）");
        return;
      }
      if (caller->cookie && req.method != "GET" && req.method != "HEAD") {
        std::string token = req.get_header_value("X-CSRF-Token");
        if (token.empty()) token = FormField(req, "csrf_token");
        if (!SecretEquals(token, caller->csrf)) {
          JsonError(res, 403,
                    "CSRF トークンがないか正しくありません。ページを読み込み直してください");
          return;
        }
      }
      (this->*method)(req, res, *caller);
    };
  }

  // Bearer token, else the session cookie. kInvalidInput: not logged in (401).
  Result<Caller> Authenticate(const Request& req) {
    const std::string auth = req.get_header_value("Authorization");
    if (!auth.empty()) {
      const std::string prefix = "Bearer ";
      if (auth.compare(0, prefix.size(), prefix) != 0) {
        return Status::Invalid("Authorization には Bearer トークンを指定してください");
      }
      Result<User> user = reg_.UserForToken(auth.substr(prefix.size()));
      if (!user.ok()) {
        if (user.status().code() != Status::Code::kNotFound) return user.status();
        return Status::Invalid("API トークンが正しくないか、無効になっています");
      }
      Caller c;
      c.user = std::move(*user);
      return c;
    }
    const std::string sid = CookieValue(req, kSessionCookie);
    if (!sid.empty()) {
      auto found = reg_.SessionUser(sid);
      if (!found.ok()) {
        if (found.status().code() != Status::Code::kNotFound) return found.status();
        return Status::Invalid("セッションが切れています。もう一度ログインしてください");
      }
      Caller c;
      c.user = std::move(found->first);
      c.cookie = true;
      c.csrf = std::move(found->second);
      c.session = sid;
      return c;
    }
    return Status::Invalid("ログインしてください");
  }

  // Writes the audit row of the request being answered, once.
  void RecordAudit(const Request& req, const Response& res) {
    if (t_audit.recorded) return;
    t_audit.recorded = true;
    AuditRecord row;
    row.user = t_audit.user;
    row.remote = req.remote_addr;
    row.method = req.method;
    row.path = req.path;
    row.status = res.status;
    row.detail = t_audit.detail;
    Status st = reg_.RecordAudit(row);
    if (!st.ok()) std::cerr << "tokki serve: " << st.message() << "\n";
  }

  void Login(const Request& req, Response& res) {
    std::string name, password;
    if (IsJsonBody(req)) {
      json body = json::parse(req.body, nullptr, false);
      if (body.is_object() && body.value("name", json()).is_string() &&
          body.value("password", json()).is_string()) {
        name = body["name"].get<std::string>();
        password = body["password"].get<std::string>();
      }
    } else {
      name = FormField(req, "name");
      password = FormField(req, "password");
    }
    t_audit.detail = "ログイン: " + name;
    // A login form posted from another site would log the browser into someone else's account
    // (login CSRF): a browser names the page's origin, which must be this server.
    const std::string origin = req.get_header_value("Origin");
    if (!origin.empty() && origin != "http://" + req.get_header_value("Host") &&
        origin != "https://" + req.get_header_value("Host")) {
      JsonError(res, 403, "別のサイトからのログインは受け付けません");
      return;
    }
    if (name.empty() || password.empty()) {
      JsonError(res, 400, "name と password を指定してください");
      return;
    }
    // One name from one address; and any names from one address (a spray of names), with a
    // larger allowance since a whole office may sit behind one address.
    const std::string key = name + '\x1f' + req.remote_addr;
    const std::string address_key = '\x1f' + req.remote_addr;
    if (limiter_.Blocked(key, options_.login_max_failures) ||
        limiter_.Blocked(address_key, options_.login_max_failures * 4)) {
      res.set_header("Retry-After", std::to_string(options_.login_window.count()));
      JsonError(res, 429, "ログインの試行が多すぎます。しばらく待ってからやり直してください");
      return;
    }
    Result<User> user = Status::Internal("unset");
    {
      // Argon2id takes 64 MiB per check: logins share the job slots.
      Slot slot(slots_, options_.job_wait);
      if (!slot) return Busy(res);
      user = reg_.Login(name, password);
    }
    if (!user.ok()) {
      if (user.status().code() != Status::Code::kInvalidInput) return SendError(res, user.status());
      limiter_.Failed(key);
      limiter_.Failed(address_key);
      JsonError(res, 401, user.status().message());
      return;
    }
    limiter_.Succeeded(key);
    Result<Session> session = reg_.NewSession(user->id, options_.session_seconds);
    if (!session.ok()) return SendError(res, session.status());
    t_audit.user = user->name;
    t_audit.detail = "ログイン";
    res.set_header("Set-Cookie", std::string(kSessionCookie) + "=" + session->id +
                                     "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                                     std::to_string(options_.session_seconds));
    res.set_content(
        json{{"name", user->name}, {"role", RoleName(user->role)}, {"csrf_token", session->csrf}}
            .dump(),
        kJsonType);
  }

  void Logout(const Request&, Response& res, const Caller& caller) {
    if (caller.cookie) {
      if (Status st = reg_.EndSession(caller.session); !st.ok()) return SendError(res, st);
      res.set_header("Set-Cookie", std::string(kSessionCookie) +
                                       "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    }
    t_audit.detail = "ログアウト";
    res.set_content(R"({"status":"ok"})", kJsonType);
  }

  void SessionInfo(const Request&, Response& res, const Caller& caller) {
    json out{{"name", caller.user.name}, {"role", RoleName(caller.user.role)}};
    if (caller.cookie) out["csrf_token"] = caller.csrf;
    res.set_content(out.dump(), kJsonType);
  }

  void Assemble(const Request& req, Response& res, const Caller& caller) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      return JsonError(res, 400, "JSON のオブジェクト {\"type\", \"date\", …} を送ってください");
    }
    std::string type, date, format = "docx";
    std::map<std::string, std::string> params;
    for (const auto& [key, value] : body.items()) {
      if (!value.is_string()) {
        return JsonError(res, 400, key + ": 文字列で指定してください");
      }
      const std::string& v = value.get_ref<const std::string&>();
      if (key == "type") {
        type = v;
      } else if (key == "date") {
        date = v;
      } else if (key == "format") {
        format = v;
      } else if (key != "csrf_token") {
        params[key] = v;
      }
    }
    Result<AnnexFormat> fmt = ParseAnnexFormat(format);
    if (!fmt.ok()) return SendError(res, fmt.status().WithPrefix("format"));
    Result<AssembleRequest> request = MakeAssembleRequest(type, date, params, kApiFields);
    if (!request.ok()) return SendError(res, request.status());
    Result<AssembledDocument> doc = Status::Internal("unset");
    {
      Slot slot(slots_, options_.job_wait);
      if (!slot) return Busy(res);
      doc = AssembleDocument(*engine_.library, *engine_.annex_template, *request, *fmt);
    }
    if (!doc.ok()) return SendError(res, doc.status());

    AnnexRecord row;
    row.user_id = caller.user.id;
    row.type = doc->annex.type;
    row.date = doc->annex.date.ToIso();
    row.edition = doc->annex.edition;
    row.format = AnnexFormatExtension(*fmt) + 1;  // "docx", without the dot.
    row.parameters = json(params).dump();
    row.sha256 = Sha256Hex(doc->bytes);
    // The document goes out only once it is in the register.
    Result<int64_t> id = reg_.RecordAnnex(row);
    if (!id.ok()) return SendError(res, id.status());
    t_audit.detail = "annexes#" + std::to_string(*id);
    res.set_header("Content-Disposition", "attachment; filename=\"annex-" + row.type + "-" +
                                              row.date + "." + row.format + "\"");
    res.set_header("X-Tokki-Sha256", row.sha256);
    res.set_header("X-Tokki-Register-Id", std::to_string(*id));
    res.set_content(std::move(doc->bytes), AnnexMime(*fmt));
  }

  void Check(const Request& req, Response& res, const Caller& caller) {
    if (!req.is_multipart_form_data()) {
      return JsonError(res, 400, "multipart/form-data で file（審査する契約書）を送ってください");
    }
    std::vector<const httplib::MultipartFormData*> files;
    for (auto [it, end] = req.files.equal_range("file"); it != end; ++it) {
      files.push_back(&it->second);
    }
    if (files.empty()) return JsonError(res, 400, "file: 審査するファイルを添付してください");
    if (files.size() > options_.max_files) {
      return JsonError(res, 413,
                       "file: 一度に審査できるファイルは " + std::to_string(options_.max_files) +
                           " 個までです（" + std::to_string(files.size()) + " 個送られました）");
    }
    Result<CheckRequest> request = MakeCheckRequest(FormField(req, "type"), FormField(req, "date"),
                                                    FormField(req, "edition"), kApiFields);
    if (!request.ok()) return SendError(res, request.status());
    Result<CheckPlan> plan = PlanCheck(*engine_.rules, *engine_.library, *request);
    if (!plan.ok()) return SendError(res, plan.status());

    std::vector<CheckReport> reports;
    std::vector<std::string> errors;
    {
      Slot slot(slots_, options_.job_wait);
      if (!slot) return Busy(res);
      for (size_t i = 0; i < files.size(); ++i) {
        const std::string name = CleanFileName(files[i]->filename, i);
        Result<Document> doc = ReadDocumentBytes(files[i]->content, name, options_.read_limits);
        if (!doc.ok()) {
          errors.push_back(doc.status().message());
          continue;
        }
        reports.push_back(CheckDocument(*engine_.rules, *plan, *doc));
      }
    }
    // All or nothing: an unreadable file is named and nothing is recorded, so that the register
    // never holds half of an upload.
    if (!errors.empty()) {
      std::string message;
      for (const auto& e : errors) message += (message.empty() ? "" : "\n") + e;
      res.status = 422;
      res.set_content(json{{"error", message}, {"errors", errors}}.dump(), kJsonType);
      t_audit.detail = message;
      return;
    }
    // The reviewer's copy with comments (annotate=1): of one .docx, as `check --annotate`.
    const std::string annotate = FormField(req, "annotate");
    const bool annotated = !annotate.empty() && annotate != "0" && annotate != "false";
    std::string annotated_docx;
    if (annotated) {
      if (reports.size() != 1) {
        return JsonError(res, 400, "annotate: 注釈付きの写しは1つの .docx についてだけ作れます");
      }
      Result<std::string> copy =
          AnnotateCheckedDocx(files[0]->content, reports[0].file, reports[0], "annotate");
      if (!copy.ok()) return SendError(res, copy.status());
      annotated_docx = std::move(*copy);
    }
    std::vector<CheckRecord> rows;
    for (size_t i = 0; i < reports.size(); ++i) {
      const CheckReport& r = reports[i];
      CheckRecord row;
      row.user_id = caller.user.id;
      row.file_name = r.file;
      row.sha256 = Sha256Hex(files[i]->content);
      row.type = r.type;
      row.date = r.date.ToIso();
      row.edition = r.edition;
      row.findings = CheckReportJson(r)["findings"].dump();
      row.present = r.present;
      row.partial = r.partial;
      row.missing = r.missing;
      rows.push_back(std::move(row));
    }
    // The documents go with their rows: the register keeps them when keep_uploads is on.
    std::vector<std::string_view> documents;
    for (const auto* file : files) documents.push_back(file->content);
    std::vector<int64_t> kept;
    Result<std::vector<int64_t>> ids = reg_.RecordChecks(rows, documents, &kept);
    if (!ids.ok()) return SendError(res, ids.status());
    t_audit.detail = "checks#" + JoinIds(*ids);
    if (!kept.empty()) {
      t_audit.detail += "（文書を保存: uploads#" + JoinIds(kept) + "）";
      res.set_header("X-Tokki-Upload-Ids", JoinIds(kept));
    }
    if (annotated) {
      res.set_header("Content-Disposition", "attachment; filename=\"annotated.docx\"");
      res.set_content(std::move(annotated_docx), AnnexMime(AnnexFormat::kDocx));
      return;
    }
    res.set_content(RenderCheckJson(reports), kJsonType);
  }

  void Diff(const Request& req, Response& res, const Caller& caller) {
    std::string format = "json";
    std::string style;  // "" or tracked: w:ins/w:del; underline: the council-paper convention.
    Result<DiffVersion> from = Status::Internal("unset"), to = Status::Internal("unset");
    Slot slot(slots_, options_.job_wait);
    if (!slot) return Busy(res);
    if (req.is_multipart_form_data()) {
      // Two documents (old, new), or a document (new) against the edition in force for
      // type and date, as `tokki diff --type T --date D NEW`.
      const std::string date = FormField(req, "date");
      if (!req.has_file("new") || (!req.has_file("old") && date.empty())) {
        return JsonError(res, 400,
                         "old と new の2つのファイル、または new と type・date を送ってください");
      }
      if (req.has_file("format")) format = req.get_file_value("format").content;
      style = FormField(req, "style");
      auto version = [this](const httplib::MultipartFormData& part,
                            size_t index) -> Result<DiffVersion> {
        const std::string name = CleanFileName(part.filename, index);
        TOKKI_ASSIGN_OR_RETURN(Document doc,
                               ReadDocumentBytes(part.content, name, options_.read_limits));
        return VersionFromDocument(doc, name);
      };
      if (req.has_file("old")) {
        if (!date.empty()) {
          return JsonError(res, 400, "old と new を送ったときは date は使えません");
        }
        from = version(req.get_file_value("old"), 0);
      } else {
        from = EditionVersion(*engine_.library, FormField(req, "type"), date, "date", {},
                              /*headings_in_force=*/true, kApiFields);
      }
      if (from.ok()) to = version(req.get_file_value("new"), 1);
    } else {
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) {
        return JsonError(
            res, 400,
            "JSON {\"type\", \"from\", \"to\"} か、multipart の old と new を送ってください");
      }
      std::map<std::string, std::string> fields;
      for (const auto& [key, value] : body.items()) {
        if (!value.is_string()) return JsonError(res, 400, key + ": 文字列で指定してください");
        fields[key] = value.get<std::string>();
      }
      if (fields.count("format")) format = fields["format"];
      style = fields["style"];
      if (fields["from"].empty() || fields["to"].empty()) {
        return JsonError(res, 400, "from と to（比べる版の日付）を指定してください");
      }
      from = EditionVersion(*engine_.library, fields["type"], fields["from"], "from", {}, false,
                            kApiFields);
      if (from.ok()) {
        to = EditionVersion(*engine_.library, fields["type"], fields["to"], "to", {}, false,
                            kApiFields);
      }
    }
    Result<DiffFormat> fmt = ParseDiffFormat(format);
    if (!fmt.ok()) return SendError(res, fmt.status().WithPrefix("format"));
    if (!style.empty() && style != "tracked" && style != "underline") {
      return JsonError(res, 400,
                       "style: tracked（変更履歴）か underline（下線）を指定してください");
    }
    DiffOutputOptions output;
    output.underline = style == "underline";
    output.author = caller.user.name;  // The redline's changes are the requester's.
    if (!from.ok()) return SendError(res, from.status());
    if (!to.ok()) return SendError(res, to.status());
    CompareOptions compare;
    compare.text.ignore_format = true;
    const Comparison comparison = Compare(*from, *to, compare);
    Result<std::string> out =
        RenderComparison(comparison, *fmt, engine_.annex_template.get(), output);
    if (!out.ok()) return SendError(res, out.status());
    t_audit.detail = comparison.from_name + " → " + comparison.to_name;
    if (req.is_multipart_form_data()) {
      // The uploaded documents, kept when keep_uploads is on.
      std::vector<std::pair<std::string, std::string_view>> documents;
      size_t index = 0;
      for (const char* field : {"old", "new"}) {
        // The part in the request itself (get_file_value returns a copy: no view into it).
        if (auto it = req.files.find(field); it != req.files.end()) {
          documents.emplace_back(CleanFileName(it->second.filename, index), it->second.content);
        }
        ++index;
      }
      Result<std::vector<int64_t>> kept = reg_.RecordUploads(caller.user.id, documents);
      if (!kept.ok()) return SendError(res, kept.status());
      if (!kept->empty()) {
        t_audit.detail += "（文書を保存: uploads#" + JoinIds(*kept) + "）";
        res.set_header("X-Tokki-Upload-Ids", JoinIds(*kept));
      }
    }
    if (*fmt == DiffFormat::kDocx) {
      res.set_header("Content-Disposition", "attachment; filename=\"diff.docx\"");
    }
    res.set_content(std::move(*out), DiffMime(*fmt));
  }

  void Clauses(const Request&, Response& res, const Caller&) {
    res.set_content(clauses_json_, kJsonType);
  }

  // What the forms of every role need from the library (contract types, editions with their
  // periods, the parties' parameters), without the clause texts the library page shows.
  void Options(const Request&, Response& res, const Caller&) {
    res.set_content(options_json_, kJsonType);
  }

  // Users (admin): the same operations as `tokki users`, as JSON.
  // Reads the string fields of a JSON object body; false (and a 400 sent) when it is not one.
  static bool JsonFields(const Request& req, Response& res,
                         std::map<std::string, std::string>* fields) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) {
      JsonError(res, 400, "JSON のオブジェクトを送ってください");
      return false;
    }
    for (const auto& [key, value] : body.items()) {
      if (!value.is_string()) {
        JsonError(res, 400, key + ": 文字列で指定してください");
        return false;
      }
      (*fields)[key] = value.get<std::string>();
    }
    return true;
  }

  void ListUsers(const Request&, Response& res, const Caller&) {
    Result<std::vector<User>> users = reg_.ListUsers();
    if (!users.ok()) return SendError(res, users.status());
    json out = json::array();
    for (const User& u : *users) {
      out.push_back({{"name", u.name},
                     {"role", RoleName(u.role)},
                     {"disabled", u.disabled},
                     {"created", u.created}});
    }
    res.set_content(out.dump(), kJsonType);
  }

  void AddUser(const Request& req, Response& res, const Caller&) {
    std::map<std::string, std::string> f;
    if (!JsonFields(req, res, &f)) return;
    Result<Role> role = ParseRole(f["role"]);
    if (!role.ok()) return SendError(res, role.status().WithPrefix("role"));
    Status st;
    {
      Slot slot(slots_, options_.job_wait);  // Argon2id: 64 MiB.
      if (!slot) return Busy(res);
      st = reg_.AddUser(f["name"], *role, f["password"]);
    }
    if (!st.ok()) return SendError(res, st);
    t_audit.detail = "利用者を追加: " + f["name"] + "（" + RoleName(*role) + "）";
    res.status = 201;
    res.set_content(json{{"name", f["name"]}, {"role", RoleName(*role)}}.dump(), kJsonType);
  }

  void DisableUser(const Request& req, Response& res, const Caller& caller) {
    std::map<std::string, std::string> f;
    if (!JsonFields(req, res, &f)) return;
    if (f["name"] == caller.user.name) {
      return JsonError(res, 400, "自分自身は無効にできません");
    }
    if (Status st = reg_.DisableUser(f["name"]); !st.ok()) return SendError(res, st);
    t_audit.detail = "利用者を無効に: " + f["name"];
    res.set_content(R"({"status":"ok"})", kJsonType);
  }

  void SetPassword(const Request& req, Response& res, const Caller&) {
    std::map<std::string, std::string> f;
    if (!JsonFields(req, res, &f)) return;
    Status st;
    {
      Slot slot(slots_, options_.job_wait);
      if (!slot) return Busy(res);
      st = reg_.SetPassword(f["name"], f["password"]);
    }
    if (!st.ok()) return SendError(res, st);
    t_audit.detail = "パスワードを変更: " + f["name"];
    res.set_content(R"({"status":"ok"})", kJsonType);
  }

  void NewToken(const Request& req, Response& res, const Caller&) {
    std::map<std::string, std::string> f;
    if (!JsonFields(req, res, &f)) return;
    Result<std::string> token = reg_.NewToken(f["name"]);
    if (!token.ok()) return SendError(res, token.status());
    t_audit.detail = "API トークンを発行: " + f["name"];
    res.set_content(json{{"name", f["name"]}, {"token", *token}}.dump(), kJsonType);
  }

  // The register, newest first: ?q=TEXT&from=YYYY-MM-DD&to=YYYY-MM-DD&result=ok|problems
  // &limit=N&format=json|csv. Every logged-in role may read it: it is the office's record.
  static Result<HistoryQuery> ParseHistoryQuery(const Request& req, bool* csv) {
    HistoryQuery q;
    q.text = req.get_param_value("q");
    q.from = req.get_param_value("from");
    q.to = req.get_param_value("to");
    q.result = req.get_param_value("result");
    const std::string limit = req.get_param_value("limit");
    if (!limit.empty()) {
      if (limit.size() > 5 || limit.find_first_not_of("0123456789") != std::string::npos) {
        return Status::Invalid("limit: 1 から 10000 までで指定してください");
      }
      q.limit = std::stoi(limit);
    }
    const std::string format = req.get_param_value("format");
    if (!format.empty() && format != "json" && format != "csv") {
      return Status::Invalid("format: 「" + format + "」は使えません（json, csv）");
    }
    *csv = format == "csv";
    return q;
  }

  // One CSV cell, always quoted; a cell that a spreadsheet would take for a formula gets a
  // leading apostrophe (file names come from outside).
  static std::string CsvCell(const std::string& v) {
    std::string out = "\"";
    if (!v.empty() && std::string("=+-@\t\r").find(v[0]) != std::string::npos) out += '\'';
    for (char c : v) {
      if (c == '"') out += '"';
      out += c;
    }
    return out + "\"";
  }

  static void SendCsv(Response& res, const std::vector<std::vector<std::string>>& rows,
                      const std::string& name) {
    std::string out = "\xEF\xBB\xBF";  // BOM: Excel then reads the Japanese as UTF-8.
    for (const auto& row : rows) {
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) out += ',';
        out += CsvCell(row[i]);
      }
      out += "\r\n";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_content(out, "text/csv; charset=utf-8");
  }

  void AnnexHistory(const Request& req, Response& res, const Caller&) {
    bool csv = false;
    Result<HistoryQuery> q = ParseHistoryQuery(req, &csv);
    if (!q.ok()) return SendError(res, q.status());
    Result<std::vector<AnnexRecord>> rows = reg_.ListAnnexes(*q);
    if (!rows.ok()) return SendError(res, rows.status());
    if (csv) {
      std::vector<std::vector<std::string>> table = {{"番号", "作成日時", "作成者", "契約種別",
                                                      "契約日", "版", "形式", "契約件名", "受託者",
                                                      "パラメータ", "SHA-256"}};
      for (const AnnexRecord& r : *rows) {
        json p = json::parse(r.parameters, nullptr, false);
        auto param = [&p](const char* key) {
          return p.is_object() && p.contains(key) && p[key].is_string() ? p[key].get<std::string>()
                                                                        : std::string();
        };
        table.push_back({std::to_string(r.id), r.created, r.user, r.type, r.date, r.edition,
                         r.format, param("contract_title"), param("contractor"), r.parameters,
                         r.sha256});
      }
      return SendCsv(res, table, "annexes.csv");
    }
    json out = json::array();
    for (const AnnexRecord& r : *rows) {
      out.push_back({{"id", r.id},
                     {"created", r.created},
                     {"user", r.user},
                     {"type", r.type},
                     {"date", r.date},
                     {"edition", r.edition},
                     {"format", r.format},
                     {"parameters", json::parse(r.parameters, nullptr, false)},
                     {"sha256", r.sha256}});
    }
    res.set_content(out.dump(), kJsonType);
  }

  void CheckHistory(const Request& req, Response& res, const Caller& caller) {
    bool csv = false;
    Result<HistoryQuery> q = ParseHistoryQuery(req, &csv);
    if (!q.ok()) return SendError(res, q.status());
    Result<std::vector<CheckRecord>> rows = reg_.ListChecks(*q);
    if (!rows.ok()) return SendError(res, rows.status());
    if (csv) {
      std::vector<std::vector<std::string>> table = {{"番号", "審査日時", "審査者", "ファイル",
                                                      "契約種別", "契約日", "版", "あり", "不足",
                                                      "なし", "SHA-256"}};
      for (const CheckRecord& r : *rows) {
        table.push_back({std::to_string(r.id), r.created, r.user, r.file_name, r.type, r.date,
                         r.edition, std::to_string(r.present), std::to_string(r.partial),
                         std::to_string(r.missing), r.sha256});
      }
      return SendCsv(res, table, "checks.csv");
    }
    json out = json::array();
    for (const CheckRecord& r : *rows) {
      out.push_back(
          {{"id", r.id},
           {"created", r.created},
           {"user", r.user},
           {"file", r.file_name},
           {"sha256", r.sha256},
           {"type", r.type},
           {"date", r.date},
           {"edition", r.edition},
           {"summary", {{"present", r.present}, {"partial", r.partial}, {"missing", r.missing}}},
           {"findings", json::parse(r.findings, nullptr, false)}});
      // The kept document, only for those who may download it.
      if (r.upload_id != 0 && r.upload_role == RoleName(caller.user.role)) {
        out.back()["upload"] = {{"id", r.upload_id},
                                {"url", "/api/uploads/" + std::to_string(r.upload_id)}};
      }
    }
    res.set_content(out.dump(), kJsonType);
  }

  // Settings (admin): {"keep_uploads": bool}.
  void GetSettings(const Request&, Response& res, const Caller&) {
    Result<bool> keep = reg_.KeepUploads();
    if (!keep.ok()) return SendError(res, keep.status());
    res.set_content(json{{"keep_uploads", *keep}}.dump(), kJsonType);
  }

  void PutSettings(const Request& req, Response& res, const Caller& caller) {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object() || !body.contains("keep_uploads")) {
      return JsonError(res, 400, "JSON {\"keep_uploads\": true または false} を送ってください");
    }
    for (const auto& [key, value] : body.items()) {
      if (key != "keep_uploads" && key != "csrf_token") {
        return JsonError(res, 400, "「" + key + "」という設定はありません（keep_uploads）");
      }
    }
    if (!body["keep_uploads"].is_boolean()) {
      return JsonError(res, 400, "keep_uploads: true か false で指定してください");
    }
    const bool keep = body["keep_uploads"].get<bool>();
    Result<bool> before = reg_.KeepUploads();
    if (!before.ok()) return SendError(res, before.status());
    if (Status st = reg_.SetKeepUploads(keep, caller.user.name); !st.ok()) {
      return SendError(res, st);
    }
    t_audit.detail = std::string("設定を変更: keep_uploads ") + (*before ? "on" : "off") + " → " +
                     (keep ? "on" : "off");
    res.set_content(json{{"keep_uploads", keep}}.dump(), kJsonType);
  }

  // Kept documents the caller may download (those uploaded by the caller's role), newest
  // first, without their bytes.
  void ListUploads(const Request& req, Response& res, const Caller& caller) {
    int limit = 100;
    const std::string l = req.get_param_value("limit");
    if (!l.empty()) {
      if (l.size() > 5 || l.find_first_not_of("0123456789") != std::string::npos ||
          std::stoi(l) < 1 || std::stoi(l) > 10000) {
        return JsonError(res, 400, "limit: 1 から 10000 までで指定してください");
      }
      limit = std::stoi(l);
    }
    Result<std::vector<UploadRecord>> rows = reg_.ListUploads(caller.user.role, limit);
    if (!rows.ok()) return SendError(res, rows.status());
    json out = json::array();
    for (const UploadRecord& u : *rows) {
      out.push_back({{"id", u.id},
                     {"created", u.created},
                     {"user", u.user},
                     {"role", RoleName(u.role)},
                     {"kind", u.kind},
                     {"check_id", u.check_id != 0 ? json(u.check_id) : json()},
                     {"file", u.file_name},
                     {"sha256", u.sha256},
                     {"size", u.size},
                     {"url", "/api/uploads/" + std::to_string(u.id)}});
    }
    res.set_content(out.dump(), kJsonType);
  }

  // A kept document, to a user of its uploader's role only (an admin is no exception: the
  // documents may hold personal information, and the role is who needs them for the job).
  void Download(const Request& req, Response& res, const Caller& caller) {
    const std::string digits = req.matches[1].str();
    t_audit.detail = "uploads#" + digits;
    Result<UploadRecord> upload =
        digits.size() <= 18
            ? reg_.FindUpload(std::stoll(digits))
            : Result<UploadRecord>(Status::NotFound("文書 #" + digits + " は保存されていません"));
    if (!upload.ok()) {
      SendError(res, upload.status());
      t_audit.detail = "uploads#" + digits + ": " + t_audit.detail;
      return;
    }
    if (upload->role != caller.user.role) {
      JsonError(res, 403,
                std::string("この文書はアップロードした利用者と同じ役割（") +
                    RoleName(upload->role) + "）の利用者だけがダウンロードできます");
      t_audit.detail = "uploads#" + digits + ": " + t_audit.detail;
      return;
    }
    t_audit.detail = "文書をダウンロード: uploads#" + digits + " " + upload->file_name;
    res.set_header("Content-Disposition", Attachment(upload->file_name));
    res.set_header("X-Tokki-Sha256", upload->sha256);
    const char* mime = DocumentMime(upload->file_name);
    res.set_content(std::move(upload->content), mime);
  }

  const EngineData& engine_;
  Register& reg_;
  ServerOptions options_;
  JobSlots slots_;
  LoginLimiter limiter_;
  const std::string clauses_json_;  // The library never changes while serving.
  const std::string options_json_;  // Its types, editions and parameters.
  httplib::Server http_;
  std::atomic<bool> stop_requested_{false};
  socket_t listen_socket_ = INVALID_SOCKET;  // Set by the socket options callback in Bind().
  std::atomic<bool> serving_{false};
};

WebServer::WebServer(const EngineData& engine, Register& reg, ServerOptions options)
    : impl_(std::make_unique<Impl>(engine, reg, std::move(options))) {}
WebServer::~WebServer() = default;
Result<int> WebServer::Bind() { return impl_->Bind(); }
Status WebServer::Serve() { return impl_->Serve(); }
void WebServer::Stop() { impl_->Stop(); }
JobSlots& WebServer::job_slots() { return impl_->slots(); }

}  // namespace tokki
