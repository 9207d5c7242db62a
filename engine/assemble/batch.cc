#include "assemble/batch.h"

#include <atomic>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <thread>

namespace tokki {
namespace {

bool IsPlainFileName(const std::string& name) {
  if (name.empty() || name.size() > 200 || name[0] == '.') return false;
  for (char c : name) {
    if (c == '/' || c == '\\' || c == '\0' || c == ':' || static_cast<unsigned char>(c) < 0x20) {
      return false;
    }
  }
  return true;
}

}  // namespace

Result<std::vector<BatchProfile>> ParseProfiles(std::string_view jsonl, const std::string& file,
                                                AnnexFormat default_format) {
  std::vector<BatchProfile> out;
  std::set<std::string> names;
  std::map<std::string, Date> dates;
  int line_no = 0;
  size_t pos = 0;
  while (pos <= jsonl.size()) {
    size_t end = jsonl.find('\n', pos);
    if (end == std::string_view::npos) end = jsonl.size();
    std::string_view line = jsonl.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    const std::string at = file + ":" + std::to_string(line_no) + ": ";
    if (line.find_first_not_of(" \t\r") == std::string_view::npos) {
      if (end == jsonl.size()) break;
      continue;
    }
    nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded() || !j.is_object()) {
      return Status::Invalid(at + "1行に1つのJSONオブジェクトが必要です");
    }
    BatchProfile p;
    p.line = line_no;
    p.format = default_format;
    std::string date_text;
    for (auto it = j.begin(); it != j.end(); ++it) {
      if (!it.value().is_string()) {
        return Status::Invalid(at + it.key() + ": 値は文字列で指定してください");
      }
      const std::string& v = it.value().get_ref<const std::string&>();
      if (it.key() == "type") {
        p.request.type = v;
      } else if (it.key() == "date") {
        date_text = v;
      } else if (it.key() == "name") {
        p.name = v;
      } else if (it.key() == "format") {
        Result<AnnexFormat> f = ParseAnnexFormat(v);
        if (!f.ok())
          return f.status().WithPrefix(file + ":" + std::to_string(line_no) + ": format");
        p.format = *f;
      } else {
        p.request.params[it.key()] = v;
      }
    }
    if (p.request.type.empty()) return Status::Invalid(at + "type: 契約種別がありません");
    if (date_text.empty()) return Status::Invalid(at + "date: 契約日がありません");
    if (!IsPlainFileName(p.name)) {
      return Status::Invalid(at + "name: 「" + p.name +
                             "」は出力ファイル名に使えません（ディレクトリ区切りや先頭の.は不可）");
    }
    if (!names.insert(p.name).second) {
      return Status::Invalid(at + "name: 「" + p.name + "」が重複しています");
    }
    // A batch repeats a few dates: each is parsed once.
    auto known = dates.find(date_text);
    if (known == dates.end()) {
      Result<Date> d = ParseDate(date_text);
      if (!d.ok()) return Status::Invalid(at + "date: " + d.status().message());
      known = dates.emplace(date_text, *d).first;
    }
    p.request.date = known->second;
    out.push_back(std::move(p));
    if (end == jsonl.size()) break;
  }
  if (out.empty()) return Status::Invalid(file + ": プロファイルがありません");
  return out;
}

Status AssembleBatch(const ClauseLibrary& library, const DocxTemplate& tmpl,
                     const std::vector<BatchProfile>& profiles, const std::string& file,
                     unsigned threads, const BatchSink& sink) {
  std::vector<Status> errors(profiles.size());
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  auto worker = [&] {
    // Indices are claimed in increasing order: when line i fails, every line before it has
    // been claimed and finishes, so the earliest failure is always among those recorded.
    for (size_t i; !stop.load() && (i = next.fetch_add(1)) < profiles.size();) {
      const BatchProfile& p = profiles[i];
      Status st;
      Result<Annex> annex = Assemble(library, p.request);
      if (!annex.ok()) {
        st = annex.status().WithPrefix(file + ":" + std::to_string(p.line));
      } else {
        Result<std::string> data = RenderAnnex(*annex, p.format, tmpl);
        if (!data.ok()) {
          st = data.status().WithPrefix(file + ":" + std::to_string(p.line));
        } else {
          st = sink(p, p.name + AnnexFormatExtension(p.format), std::move(data).value());
        }
      }
      if (!st.ok()) {
        errors[i] = st;
        stop.store(true);
      }
    }
  };
  threads = std::max(1u, std::min<unsigned>(threads, static_cast<unsigned>(profiles.size())));
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  for (const Status& st : errors) {
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace tokki
