// tokki serve: loads the engine data and the register, then serves until SIGTERM or SIGINT.
// The signals are blocked in every thread and taken by one thread with sigwait, which asks the
// server to stop: requests in flight finish and write their register rows before the register
// is closed.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "cli/cli.h"
#include "cli/users_cmd.h"
#include "register/register.h"
#include "server/server.h"

namespace tokki {
namespace {

// "HOST:PORT", "[V6]:PORT" or ":PORT" (loopback); port 0 takes any free port.
Status ParseListen(const std::string& listen, std::string* host, int* port) {
  const Status bad = Status::Invalid("--listen: 「" + listen + "」は HOST:PORT の形ではありません");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return bad;
  *host = listen.substr(0, colon);
  if (host->size() >= 2 && host->front() == '[' && host->back() == ']') {
    *host = host->substr(1, host->size() - 2);
  }
  if (host->empty()) *host = "127.0.0.1";
  const std::string digits = listen.substr(colon + 1);
  if (digits.empty() || digits.size() > 5 ||
      digits.find_first_not_of("0123456789") != std::string::npos) {
    return bad;
  }
  *port = std::stoi(digits);
  if (*port > 65535) return bad;  // 0: any free port (printed when listening).
  return Status::Ok();
}

}  // namespace

int RunServeCommand(const ServeCommandOptions& o, const DataPaths& paths) {
  ServerOptions options;
  if (Status st = ParseListen(o.listen, &options.host, &options.port); !st.ok())
    return Fail("serve", st);
  options.threads = o.threads;
  options.max_jobs = o.jobs;
  options.max_upload_bytes = o.max_upload_mb << 20;
  options.max_files = o.max_files;

  Result<EngineData> engine = LoadEngineData(paths);
  if (!engine.ok()) return Fail("serve", engine.status());
  // Compiled now rather than by the first requests, which would otherwise wait for it.
  if (Status st = engine->rules->CompileAll(); !st.ok()) return Fail("serve", st);
  Result<std::unique_ptr<Register>> reg = Register::Open(o.db);
  if (!reg.ok()) return Fail("serve", reg.status());

  // Blocked before any thread starts, so that every thread inherits the mask and only the
  // waiter below receives them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  WebServer server(*engine, **reg, options);
  Result<int> port = server.Bind();
  if (!port.ok()) return Fail("serve", port.status());
  std::thread waiter([&server, &signals] {
    int sig = 0;
    sigwait(&signals, &sig);
    if (sig != 0) std::cerr << "tokki serve: 停止します（処理中のリクエストを終えてから）\n";
    server.Stop();
  });
  std::cerr << "tokki serve: http://" << options.host << ":" << *port
            << "/ で待ち受けています（台帳: " << o.db << "、終了: Ctrl+C）\n";
  Status st = server.Serve();
  // Serve() returns only after a stop; wake the waiter if it was not a signal.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) return Fail("serve", st);
  std::cerr << "tokki serve: 停止しました\n";
  return kExitOk;
}

}  // namespace tokki
