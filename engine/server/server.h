// tokki's web server: the HTTP API of DESIGN.md over the same engine calls as the command line
// (cli/jobs.h), behind a login, with every request written to the register's audit log and
// every annex issued and agreement checked recorded with the SHA-256 of the document.
//
// Routes:
//   GET  /healthz         no login
//   POST /login           form or JSON {name, password} → session cookie + CSRF token
//   POST /logout
//   GET  /api/session     who is logged in, and the CSRF token of the session
//   POST /api/assemble    officer      JSON {type, date, format?, parameters...} → the file
//   POST /api/check       reviewer     multipart file (1..n), type + date or edition → JSON;
//                                      annotate=1 with one .docx → the copy with comments
//   POST /api/diff        legal        JSON {type, from, to, format?}, or multipart old + new,
//                                      or multipart new + type + date (against the edition)
//   GET  /api/clauses     legal        the clause library as JSON
//   GET  /api/users; POST /api/users {name, role, password}, /api/users/disable {name},
//        /api/users/password {name, password}, /api/users/token {name}      admin only
//   GET  /api/history/annexes, /api/history/checks   any role: the register, newest first,
//                         ?q=&from=&to=&result=ok|problems&limit=&format=json|csv
//                         (a check whose document was kept has "upload": {id, url} for
//                         users who may download it)
//   GET  /api/settings; PUT /api/settings {"keep_uploads": bool}               admin only
//   GET  /api/uploads     any role: the kept documents of the caller's role (no bytes)
//   GET  /api/uploads/ID  a kept document, only to a user of its uploader's role
// An admin may do everything but read the kept documents of other roles (small offices have one
// person doing several jobs; the audit log still names who did what). Scripts authenticate with
// `Authorization: Bearer TOKEN` (tokki users token); browsers with the HttpOnly, SameSite=Strict
// session cookie, and then every POST or PUT must carry the session's CSRF token (X-CSRF-Token
// header or csrf_token field). Errors are JSON {"error": "…"} in Japanese with a 4xx status (5xx
// for our own faults).
//
// Uploads are read in memory; by default only their hash and findings are kept. With the
// register's keep_uploads setting on (PUT /api/settings, admin) the documents of /api/check and
// /api/diff are kept in the register too, and GET /api/uploads/ID gives one only to a user of
// its uploader's role; every download is in the audit log.
#ifndef TOKKI_SERVER_SERVER_H_
#define TOKKI_SERVER_SERVER_H_

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>

#include "base/status.h"
#include "cli/jobs.h"
#include "register/register.h"

namespace tokki {

struct ServerOptions {
  std::string host = "127.0.0.1";              // Loopback unless told otherwise.
  int port = 8080;                             // 0: any free port (tests).
  unsigned threads = 0;                        // HTTP worker threads; 0: max(64, 8 × cores).
  unsigned max_jobs = 0;                       // Assemble/check/diff running at once; 0: cores.
  std::chrono::milliseconds job_wait{10000};   // Wait for a free job slot before 503.
  size_t max_upload_bytes = size_t{32} << 20;  // Whole request body.
  size_t max_files = 20;                       // Files in one /api/check.
  // Longest wait for the next bytes of a request, or to send the next of a response (per
  // read or write, not for the whole request: a slow upload that keeps sending is fine). A
  // client that stops sending holds a thread this long.
  int timeout_seconds = 20;
  int64_t session_seconds = 8 * 3600;
  int login_max_failures = 5;  // Per name and address within login_window (4x per address).
  std::chrono::seconds login_window{15 * 60};
  ReadLimits read_limits;  // For uploaded documents.
};

// Counts jobs running at once; a request waits up to a limit for a slot.
class JobSlots {
 public:
  explicit JobSlots(unsigned slots) : free_(slots) {}
  bool Acquire(std::chrono::milliseconds wait);
  void Release();

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  unsigned free_;
};

class WebServer {
 public:
  // `engine` and `reg` must outlive the server.
  WebServer(const EngineData& engine, Register& reg, ServerOptions options);
  ~WebServer();
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the listening socket; returns the port (useful with port 0).
  Result<int> Bind();
  // Serves until Stop(); when it returns every request that was accepted has been answered and
  // its register rows written.
  Status Serve();
  // Stops accepting; safe from any thread, before or during Serve().
  void Stop();

  JobSlots& job_slots();  // Tests hold slots to see the 503.

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tokki

#endif  // TOKKI_SERVER_SERVER_H_
