#include "cli/cli.h"

#include <malloc.h>
#include <stdlib.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <future>
#include <iostream>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <thread>

#include "assemble/annex.h"
#include "assemble/batch.h"
#include "base/file.h"
#include "check/checker.h"
#include "cli/data_paths.h"
#include "cli/jobs.h"
#include "cli/users_cmd.h"
#include "diff/compare.h"
#include "docx/annotate.h"
#include "docx/redline_writer.h"
#include "read/document.h"
#include "report/annex_render.h"
#include "report/check_render.h"
#include "report/diff_render.h"
#include "report/library_render.h"
#include "text/date.h"
#include "xml/xml.h"

namespace tokki {
namespace {

// Every option of every subcommand; each subcommand reads its own.
struct Options {
  std::string data_root;
  std::string library_dir;
  // assemble
  std::string type;
  std::string date;
  std::vector<std::string> sets;
  std::string format;
  std::string output;
  std::string batch;
  unsigned jobs = 0;
  // check
  std::vector<std::string> files;
  std::string edition;
  std::string annotate;
  // diff
  std::string from, to;
  std::string style;
  std::string author;
  bool show_format = false;
  // clauses
  std::string clauses_action = "list";
  std::string clauses_id;
  // users, serve
  UsersCommandOptions users;
  ServeCommandOptions serve;
};

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() &&
         s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// --format, or else the output file's extension, or else docx.
Result<AnnexFormat> ChooseFormat(const Options& o) {
  if (!o.format.empty()) return ParseAnnexFormat(o.format);
  for (const char* ext : {"html", "txt", "json"}) {
    if (EndsWith(o.output, std::string(".") + ext)) return ParseAnnexFormat(ext);
  }
  return AnnexFormat::kDocx;
}

int RunAssembleBatch(const Options& o, const ClauseLibrary& library, const DocxTemplate& tmpl) {
  const std::string cmd = "assemble";
  Result<AnnexFormat> format =
      o.format.empty() ? Result<AnnexFormat>(AnnexFormat::kDocx) : ParseAnnexFormat(o.format);
  if (!format.ok()) return Fail(cmd, format.status().WithPrefix("--format"));
  Result<std::string> jsonl = ReadFile(o.batch, 256 << 20);
  if (!jsonl.ok()) return Fail(cmd, jsonl.status());
  auto profiles = ParseProfiles(*jsonl, o.batch, *format);
  if (!profiles.ok()) return Fail(cmd, profiles.status());
  unsigned jobs = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());
  std::error_code ec;
  bool existed = std::filesystem::is_directory(o.output, ec);
  if (!existed) std::filesystem::create_directories(o.output, ec);
  if (ec || !std::filesystem::is_directory(o.output)) {
    return Fail(cmd, Status::IoError(o.output + ": 出力ディレクトリを作成できません"));
  }
  Status st;
  {
    StagedFiles staged;
    st = AssembleBatch(library, tmpl, *profiles, o.batch, jobs,
                       [&](const BatchProfile&, const std::string& name, std::string data) {
                         return staged.Stage(o.output + "/" + name, data);
                       });
    if (st.ok()) st = staged.Commit();
  }
  if (!st.ok()) {
    // Leave no trace: the directory goes too when this run created it.
    if (!existed) std::filesystem::remove(o.output, ec);
    return Fail(cmd, st);
  }
  std::cerr << "tokki assemble: " << profiles->size() << " 件を " << o.output
            << " に出力しました\n";
  return kExitOk;
}

int RunAssemble(const Options& o) {
  const std::string cmd = "assemble";
  if (o.output.empty()) return Fail(cmd, Status::Invalid("-o: 出力先を指定してください"));
  DataPaths paths = ResolveDataPaths(o.data_root, o.library_dir);
  auto library = LoadLibrary(paths);
  if (!library.ok()) return Fail(cmd, library.status());
  auto tmpl = LoadAnnexTemplate(paths);
  if (!tmpl.ok()) return Fail(cmd, tmpl.status());
  if (!o.batch.empty()) return RunAssembleBatch(o, **library, **tmpl);

  std::map<std::string, std::string> params;
  Status sets = ParseSets(o.sets, &params);
  if (!sets.ok()) return Fail(cmd, sets);
  Result<AssembleRequest> request = MakeAssembleRequest(o.type, o.date, std::move(params));
  if (!request.ok()) return Fail(cmd, request.status());
  Result<AnnexFormat> format = ChooseFormat(o);
  if (!format.ok()) return Fail(cmd, format.status().WithPrefix("--format"));
  Result<AssembledDocument> doc = AssembleDocument(**library, **tmpl, *request, *format);
  if (!doc.ok()) return Fail(cmd, doc.status());
  Status st = WriteFileAtomic(o.output, doc->bytes);
  if (!st.ok()) return Fail(cmd, st);
  return kExitOk;
}

// Files named on the command line; a directory stands for every .docx, .docm (its text only),
// .pdf and .txt in it.
Result<std::vector<std::string>> ExpandInputs(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const auto& a : args) {
    std::error_code ec;
    if (std::filesystem::is_directory(a, ec)) {
      TOKKI_ASSIGN_OR_RETURN(std::vector<std::string> names, ListFilesRecursive(a));
      for (const auto& n : names) {
        std::string lower = n;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (EndsWith(lower, ".docx") || EndsWith(lower, ".docm") || EndsWith(lower, ".pdf") ||
            EndsWith(lower, ".txt")) {
          out.push_back(a + "/" + n);
        }
      }
    } else {
      out.push_back(a);
    }
  }
  if (out.empty()) return Status::Invalid("審査するファイルがありません");
  return out;
}

// The reviewer's copy (see AnnotateCheckedDocx).
Status WriteAnnotated(const std::string& out, const std::string& file, const CheckReport& report) {
  TOKKI_ASSIGN_OR_RETURN(std::string bytes, ReadFile(file));
  TOKKI_ASSIGN_OR_RETURN(std::string annotated, AnnotateCheckedDocx(bytes, file, report));
  return WriteFileAtomic(out, annotated);
}

int RunCheck(const Options& o) {
  const std::string cmd = "check";
  const DataPaths paths = ResolveDataPaths(o.data_root, o.library_dir);
  if (!o.format.empty() && o.format != "text" && o.format != "txt" && o.format != "json" &&
      o.format != "html") {
    return Fail(
        cmd, Status::Invalid("--format: 「" + o.format + "」は不明な形式です（text, json, html）"));
  }
  Result<CheckRequest> request = MakeCheckRequest(o.type, o.date, o.edition);
  if (!request.ok()) return Fail(cmd, request.status());
  auto files = ExpandInputs(o.files);
  if (!files.ok()) return Fail(cmd, files.status());
  if (!o.annotate.empty() && files->size() != 1) {
    return Fail(cmd,
                Status::Invalid("--annotate: 注釈付きの写しは1つの .docx についてだけ作れます"));
  }
  const unsigned threads = o.jobs != 0 ? o.jobs : std::max(1u, std::thread::hardware_concurrency());

  // The workers start reading documents at once; this thread meanwhile loads the clause
  // library and the rules and plans the check (type, date and edition checked once), and the
  // workers wait for that only when they match. Whatever fails first is the one error shown.
  struct Loaded {
    std::shared_ptr<const ClauseLibrary> library;
    std::shared_ptr<const RuleBook> rules;
    std::optional<CheckPlan> plan;
  };
  std::promise<const Loaded*> loaded_promise;
  std::shared_future<const Loaded*> loaded = loaded_promise.get_future().share();
  Loaded data;

  // Workers check files in any order; this thread writes the reports in file order as soon
  // as each is ready and drops it. A report waits in `results` only while the ones before it
  // are being checked, and a worker does not start a batch more than `window` files ahead of
  // the writer, so memory stays flat however many files there are (a slot is one pointer).
  const size_t n = files->size();
  std::vector<std::unique_ptr<Result<CheckReport>>> results(n);
  std::mutex mu;
  std::condition_variable ready;    // A batch's results are in.
  std::condition_variable written;  // The writer has taken a report, or stopped.
  size_t taken = 0;                 // Reports the writer has taken (under mu).
  bool stopped = false;             // The writer stopped early (under mu).
  std::atomic<size_t> next{0};
  // A worker takes a batch of files at a time (up to 16, fewer when there are few files for
  // the jobs): reading them, then matching the rules over all their provisions at once
  // (CheckDocuments) keeps each pattern's DFA in the caches.
  size_t batch_size = 1, window = 1;
  auto worker = [&] {
    for (size_t first; (first = next.fetch_add(batch_size)) < n;) {
      const size_t last = std::min(n, first + batch_size);
      {
        std::unique_lock<std::mutex> lock(mu);
        written.wait(lock, [&] { return stopped || first < taken + window; });
        if (stopped) return;
      }
      std::vector<Result<CheckReport>> batch;
      std::vector<Document> docs;
      docs.reserve(last - first);
      std::vector<size_t> read;  // Index into batch of each document read.
      for (size_t i = first; i < last; ++i) {
        Result<Document> doc = ReadDocument((*files)[i]);
        if (doc.ok()) {
          read.push_back(batch.size());
          docs.push_back(std::move(*doc));
          batch.emplace_back(Status::Internal("not run"));
        } else {
          batch.emplace_back(doc.status());
        }
      }
      const Loaded* d = loaded.get();
      if (d == nullptr) return;  // Loading failed: this thread reports it.
      std::vector<const Document*> pointers;
      for (const Document& doc : docs) pointers.push_back(&doc);
      std::vector<CheckReport> reports = CheckDocuments(*d->rules, *d->plan, pointers);
      for (size_t k = 0; k < reports.size(); ++k) batch[read[k]] = std::move(reports[k]);
      {
        std::lock_guard<std::mutex> lock(mu);
        for (size_t i = first; i < last; ++i) {
          results[i] = std::make_unique<Result<CheckReport>>(std::move(batch[i - first]));
        }
      }
      ready.notify_all();
    }
  };
  unsigned jobs = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(n)));
  batch_size = std::clamp<size_t>(n / (4 * size_t{jobs}), 1, 16);
  // Room for every worker's batch and as many again ready: the writer never waits for want
  // of work handed out.
  window = 2 * batch_size * jobs;
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < jobs; ++t) pool.emplace_back(worker);
  // Ends the check early: no worker starts another batch.
  auto join = [&] {
    next.store(n);
    {
      std::lock_guard<std::mutex> lock(mu);
      stopped = true;
    }
    written.notify_all();
    for (auto& t : pool) {
      if (t.joinable()) t.join();
    }
  };
  auto load = [&]() -> Status {
    // The clause library loads on a thread of its own, and picks the reference annex, while
    // this one loads the rules (the longer of the two); of their failures, the library's is
    // reported first, then the rules', then the plan's. With more than one job allowed, a
    // spare core compiles the rules' patterns behind everything else (RuleBook::LoadOptions);
    // otherwise each is compiled when a document first needs it, by the worker.
    Result<std::shared_ptr<const ClauseLibrary>> library = Status::Internal("not loaded");
    Result<CheckPlan> plan = Status::Internal("not planned");
    std::thread library_loader([&] {
      library = LoadLibrary(paths);
      if (library.ok()) plan = PlanReference(**library, *request);
    });
    Result<std::shared_ptr<const RuleBook>> rules =
        LoadRules(paths, RuleBook::LoadOptions{.compile_behind = threads > 1});
    library_loader.join();
    TOKKI_ASSIGN_OR_RETURN(data.library, std::move(library));
    TOKKI_ASSIGN_OR_RETURN(data.rules, std::move(rules));
    TOKKI_RETURN_IF_ERROR(plan.status());
    TOKKI_RETURN_IF_ERROR(AddRequirements(*data.rules, &*plan));
    data.plan = std::move(*plan);
    return Status::Ok();
  };
  Status load_status = load();
  loaded_promise.set_value(load_status.ok() ? &data : nullptr);
  if (!load_status.ok()) {
    join();
    return Fail(cmd, load_status);
  }
  // When the check is done, patterns not compiled yet are not needed.
  struct StopCompiling {
    const RuleBook& rules;
    ~StopCompiling() { rules.StopCompiling(); }
  } stop_compiling{*data.rules};

  const CheckReportWriter::Format format = o.format == "json"   ? CheckReportWriter::Format::kJson
                                           : o.format == "html" ? CheckReportWriter::Format::kHtml
                                                                : CheckReportWriter::Format::kText;
  std::unique_ptr<OutputFile> out;
  std::unique_ptr<CheckReportWriter> writer;
  Status write_status;
  bool bad_input = false;
  bool problems = false;
  std::optional<CheckReport> first_report;  // For --annotate (one file).
  for (size_t i = 0; i < n; ++i) {
    Result<CheckReport> r = Status::Internal("not run");
    {
      std::unique_lock<std::mutex> lock(mu);
      ready.wait(lock, [&] { return results[i] != nullptr; });
      r = std::move(*results[i]);
      results[i].reset();
      taken = i + 1;
    }
    written.notify_all();
    if (!r.ok()) {
      std::cerr << "tokki check: " << r.status().message() << "\n";
      bad_input = true;
      continue;
    }
    if (!writer) {
      auto opened = OutputFile::Open(o.output.empty() ? "-" : o.output);
      if (!opened.ok()) {
        join();
        return Fail(cmd, opened.status());
      }
      out = std::move(*opened);
      writer = std::make_unique<CheckReportWriter>(format, n > 1, [&](const std::string& s) {
        if (write_status.ok()) write_status = out->Write(s);
      });
    }
    problems |= r->has_problems();
    writer->Add(*r);
    if (!o.annotate.empty() && !first_report) first_report = std::move(r).value();
  }
  join();
  data.rules->StopCompiling();  // Every document is matched.
  if (writer) {
    writer->Finish();
    if (write_status.ok()) write_status = out->Commit();
    if (!write_status.ok()) return Fail(cmd, write_status);
  }
  if (bad_input) return kExitBadInput;
  if (!o.annotate.empty() && first_report) {
    Status st = WriteAnnotated(o.annotate, (*files)[0], *first_report);
    if (!st.ok()) return Fail(cmd, st);
  }
  return problems ? kExitFindings : kExitOk;
}

int RunClauses(const Options& o) {
  const std::string cmd = "clauses";
  DataPaths paths = ResolveDataPaths(o.data_root, o.library_dir);
  auto library = LoadLibrary(paths);
  if (!library.ok()) return Fail(cmd, library.status());
  bool json = o.format == "json";
  if (!o.format.empty() && o.format != "json" && o.format != "txt" && o.format != "text") {
    return Fail(cmd,
                Status::Invalid("--format: 「" + o.format + "」は不明な形式です（txt, json）"));
  }
  std::string out;
  if (o.clauses_action == "list") {
    out = json ? RenderLibraryJson(**library) : RenderModuleList(**library);
  } else if (o.clauses_action == "editions") {
    out = json ? RenderLibraryJson(**library) : RenderEditions(**library);
  } else if (o.clauses_action == "show") {
    const Module* m = (*library)->FindModule(o.clauses_id);
    if (m == nullptr) {
      return Fail(cmd, Status::Invalid("「" + o.clauses_id + "」という条項モジュールはありません"));
    }
    out = json ? RenderModuleJson(**library, *m).dump(2) + "\n" : RenderModule(**library, *m);
  } else {
    return Fail(cmd, Status::Invalid("「" + o.clauses_action +
                                     "」は不明な操作です（list, show ID, editions）"));
  }
  std::cout << out;
  return kExitOk;
}

// One side of a diff: an edition of the annex (type + date) or a document.
Result<DiffVersion> EditionVersion(const ClauseLibrary& library, const Options& o,
                                   const std::string& date_text, const std::string& option,
                                   bool headings_in_force = false) {
  std::map<std::string, std::string> params;
  TOKKI_RETURN_IF_ERROR(ParseSets(o.sets, &params));
  return EditionVersion(library, o.type, date_text, option, params, headings_in_force);
}

Result<DiffVersion> DocumentVersion(const std::string& path) {
  TOKKI_ASSIGN_OR_RETURN(Document doc, ReadDocument(path));
  const std::string name = std::filesystem::path(path).filename().string();
  return VersionFromDocument(doc, name);
}

int RunDiff(const Options& o) {
  const std::string cmd = "diff";
  if (o.output.empty())
    return Fail(cmd, Status::Invalid("-o: 出力先を指定してください (- は標準出力)"));
  DataPaths paths = ResolveDataPaths(o.data_root, o.library_dir);
  Result<DiffFormat> format = DiffFormat::kTxt;
  if (!o.format.empty()) {
    format = ParseDiffFormat(o.format);
  } else {
    for (const char* ext : {"html", "json", "docx"}) {
      if (EndsWith(o.output, std::string(".") + ext)) format = ParseDiffFormat(ext);
    }
  }
  if (!format.ok()) return Fail(cmd, format.status().WithPrefix("--format"));
  if (!o.style.empty() && o.style != "underline" && o.style != "tracked") {
    return Fail(cmd,
                Status::Invalid("--style: 「" + o.style + "」は使えません (tracked, underline)"));
  }

  // What is compared: two editions, two documents, or a document against an edition.
  Result<DiffVersion> from = Status::Internal("unset"), to = Status::Internal("unset");
  std::shared_ptr<const ClauseLibrary> library;
  auto need_library = [&]() -> Status {
    if (library) return Status::Ok();
    auto loaded = LoadLibrary(paths);
    if (!loaded.ok()) return loaded.status();
    library = *loaded;
    return Status::Ok();
  };
  if (o.files.size() == 2) {
    if (!o.from.empty() || !o.to.empty() || !o.date.empty()) {
      return Fail(cmd,
                  Status::Invalid("ファイルを2つ指定したときは --from/--to/--date は使えません"));
    }
    from = DocumentVersion(o.files[0]);
    if (from.ok()) to = DocumentVersion(o.files[1]);
  } else if (o.files.size() == 1) {
    if (o.date.empty()) {
      return Fail(cmd, Status::Invalid(
                           "--date: 文書と比べる版の日付を指定してください (--type と --date)"));
    }
    Status st = need_library();
    if (!st.ok()) return Fail(cmd, st);
    from = EditionVersion(*library, o, o.date, "--date", /*headings_in_force=*/true);
    if (from.ok()) to = DocumentVersion(o.files[0]);
  } else if (o.files.empty()) {
    if (o.from.empty() || o.to.empty()) {
      return Fail(cmd, Status::Invalid("--from と --to (または比べるファイル) を指定してください"));
    }
    Status st = need_library();
    if (!st.ok()) return Fail(cmd, st);
    from = EditionVersion(*library, o, o.from, "--from");
    if (from.ok()) to = EditionVersion(*library, o, o.to, "--to");
  } else {
    return Fail(cmd, Status::Invalid("比べるファイルは2つまでです"));
  }
  if (!from.ok()) return Fail(cmd, from.status());
  if (!to.ok()) return Fail(cmd, to.status());

  CompareOptions options;
  options.text.ignore_format = !o.show_format;
  const Comparison comparison = Compare(*from, *to, options);
  std::shared_ptr<const DocxTemplate> tmpl;
  if (*format == DiffFormat::kDocx) {
    auto loaded = LoadAnnexTemplate(paths);
    if (!loaded.ok()) return Fail(cmd, loaded.status());
    tmpl = *loaded;
  }
  DiffOutputOptions output_options;
  output_options.author = o.author;
  output_options.underline = o.style == "underline";
  Result<std::string> data = RenderComparison(comparison, *format, tmpl.get(), output_options);
  if (!data.ok()) return Fail(cmd, data.status());
  Status st = WriteFileAtomic(o.output, *data);
  if (!st.ok()) return Fail(cmd, st);
  return kExitOk;
}

struct Command {
  const char* name;
  const char* summary;
  void (*setup)(CLI::App& app, Options& o);
  int (*run)(const Options& o);
};

void SetupAssemble(CLI::App& app, Options& o) {
  app.add_option("--type", o.type,
                 "契約種別: outsourcing, system-development, service-operation, subcontract");
  app.add_option("--date", o.date, "契約日 (2023-04-01, 令和5年4月1日, R5.4.1)");
  app.add_option("--set", o.sets, "パラメータ KEY=VALUE (contractor, contract_title, ...)");
  app.add_option("--format", o.format, "docx (既定), html, txt, json");
  app.add_option("-o,--output", o.output,
                 "出力ファイル (- は標準出力); --batch では出力ディレクトリ");
  app.add_option("--batch", o.batch, "プロファイル (JSONL, 1行1契約)");
  app.add_option("--jobs", o.jobs, "--batch の並列数 (既定: CPU数)");
}

void SetupCheck(CLI::App& app, Options& o) {
  app.add_option("files", o.files, "審査する契約書 (.docx, .pdf, .txt, またはディレクトリ)")
      ->required();
  app.add_option("--type", o.type, "契約種別 (既定: outsourcing)");
  app.add_option("--date", o.date, "契約日: その日に施行中の版で審査する");
  app.add_option("--edition", o.edition, "版 (2017, 2020, 2023): --date の代わりに");
  app.add_option("--format", o.format, "text (既定), json, html");
  app.add_option("-o,--output", o.output, "出力ファイル (既定: 標準出力)");
  app.add_option("--jobs", o.jobs, "並列数 (既定: CPU数)");
  app.add_option("--annotate", o.annotate, "審査結果をコメントで付けた写し (.docx) の出力先");
}

void SetupDiff(CLI::App& app, Options& o) {
  app.add_option("files", o.files,
                 "比べる文書: 旧 新 (.docx, .pdf, .txt)、または --date の版と比べる1つ");
  app.add_option("--type", o.type, "契約種別 (版どうし・版との比較)");
  app.add_option("--from", o.from, "旧版の日付 (2017-09-13, 平成29年9月13日)");
  app.add_option("--to", o.to, "新版の日付");
  app.add_option("--date", o.date, "文書と比べる版の日付");
  app.add_option("--set", o.sets, "パラメータ KEY=VALUE (版の本文に入る値)");
  app.add_option("--format", o.format, "txt (既定), html, json, docx");
  app.add_option("-o,--output", o.output, "出力ファイル (- は標準出力)")->required();
  app.add_option("--style", o.style, "docx: tracked (既定、変更履歴), underline (下線・太字)");
  app.add_option("--author", o.author, "docx の変更履歴の作成者 (既定: tokki)");
  app.add_flag("--show-format", o.show_format, "空白・改行・全角半角だけの違いも変更として示す");
}

void SetupClauses(CLI::App& app, Options& o) {
  app.add_option("action", o.clauses_action, "list | show ID | editions");
  app.add_option("id", o.clauses_id, "条項モジュールID (show)");
  app.add_option("--format", o.format, "txt (既定), json");
}

const Command kCommands[] = {
    {"assemble", "特記事項を作成する (docx/html/txt/json)", SetupAssemble, RunAssemble},
    {"check", "契約書に必要な条項があるか審査する", SetupCheck, RunCheck},
    {"diff", "特記事項の版どうし・文書どうしを比べる (新旧対照、変更履歴付き docx)", SetupDiff,
     RunDiff},
    {"clauses", "条項ライブラリを表示する", SetupClauses, RunClauses},
    {"users", "利用者を管理する (add, list, disable, passwd, token)",
     [](CLI::App& app, Options& o) { SetupUsersCommand(app, o.users); },
     [](const Options& o) { return RunUsersInModule(o.users); }},
    {"serve", "Web サーバーを起動する (作成・審査・比較の API と台帳)",
     [](CLI::App& app, Options& o) { SetupServeCommand(app, o.serve); },
     [](const Options& o) {
       return RunServeInModule(o.serve, ResolveDataPaths(o.data_root, o.library_dir));
     }},
};

}  // namespace

int RunCli(int argc, char** argv) {
  // Before any thread: check reads documents while this thread loads the rules.
  InitXml();
  // zlib allocates ~256 KiB of state for every part it deflates; with glibc's default trim
  // threshold that memory went back to the kernel and was faulted in again for each annex
  // (a quarter of a batch's CPU time in perf). Keep it in the process instead.
  mallopt(M_TRIM_THRESHOLD, 64 << 20);
  mallopt(M_TOP_PAD, 4 << 20);
  // libzip converts every entry's DOS time with mktime/localtime; with TZ unset glibc stats
  // /etc/localtime on each call (22 stats per annex under strace). Naming the same zone
  // explicitly lets glibc keep it. tokki itself uses no local time (ICU dates are in GMT).
  setenv("TZ", ":/etc/localtime", /*overwrite=*/0);
  Options o;
  CLI::App app{"tokki — 個人情報の保護に関する特記事項の作成・審査・比較"};
  app.require_subcommand(1);
  app.add_option("--data", o.data_root, "データのルート (clauses/, docx-templates/)");
  app.add_option("--library", o.library_dir, "条項ライブラリのディレクトリ (既定: DATA/clauses)");
  const Command* chosen = nullptr;
  for (const Command& c : kCommands) {
    CLI::App* sub = app.add_subcommand(c.name, c.summary);
    c.setup(*sub, o);
    sub->callback([&chosen, &c] { chosen = &c; });
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::string msg = e.what();
    std::cerr << "tokki: " << msg << " (tokki --help)\n";
    return kExitBadInput;
  }
  if (chosen == nullptr) return kExitBadInput;
  return chosen->run(o);
}

}  // namespace tokki
