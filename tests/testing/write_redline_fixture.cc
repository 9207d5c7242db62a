// write_redline_fixture OUT.docx ACCEPTED.txt REJECTED.txt [--underline]
// write_redline_fixture --read accept|reject IN.docx
//
// For tests/integration/redline_roundtrip_test.py, which has LibreOffice accept and reject the
// tracked changes. The first form writes a fixed Redline as .docx with tracked changes, and the
// texts accepting and rejecting all changes must give: one line per paragraph, UTF-8, a line
// break inside a paragraph written as U+2028 (LINE SEPARATOR) so that it cannot be taken for a
// paragraph boundary. With --underline the .docx is the underline style (no tracked changes) and
// both texts are the new version with the note. The second form prints the paragraphs ReadDocx
// reads from IN.docx with the changes accepted or rejected, in the same form, to standard output.
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "base/file.h"
#include "docx/redline_writer.h"
#include "read/document.h"

namespace tokki {
namespace {

using Style = RedlineParagraph::Style;

DiffOp Eq(std::string text, std::string old_text = "") {
  return {DiffOp::Kind::kEqual, std::move(text), std::move(old_text)};
}
DiffOp Ins(std::string text) { return {DiffOp::Kind::kInsert, std::move(text), ""}; }
DiffOp Del(std::string text) { return {DiffOp::Kind::kDelete, std::move(text), ""}; }

RedlineParagraph Para(Style style, std::vector<DiffOp> ops, bool inserted = false,
                      bool deleted = false) {
  RedlineParagraph p;
  p.style = style;
  p.ops = std::move(ops);
  p.inserted = inserted;
  p.deleted = deleted;
  return p;
}

// Modified, inserted and deleted paragraphs, equal runs that differ only in width or spaces,
// line breaks, XML-special characters, and a document that ends with deleted and inserted
// paragraphs (the case where the marks move up; see redline_writer.h).
Redline Fixture() {
  Redline r;
  r.title = "個人情報の取扱いに関する特記事項 <改正案> & \"比較\"";
  r.paragraphs = {
      Para(Style::kHeading, {Eq("（基本的事項）")}),
      Para(Style::kItem, {Eq("1\t乙は、"), Del("新宿区個人情報保護条例"),
                          Ins("個人情報の保護に関する法律"), Eq("を遵守しなければならない。")}),
      Para(Style::kHeading, {Ins("（適正な取得）")}, true),
      Para(Style::kItem, {Ins("2\t乙は、業務を処理するために必要な範囲で取得する。")}, true),
      Para(Style::kItem, {Del("3\t乙は、個人情報を一切再委託してはならない。")}, false, true),
      Para(Style::kItem, {Eq("4\t監査は、"), Eq("年度当たり１回以上", "年度当たり1回以上"),
                          Eq("行う。"), Eq("", " ")}),
      Para(Style::kBody,
           {Eq("一行目\n"), Ins("追加した二行目\n"), Del("削除した行\n"), Eq("最後の行")}),
      Para(Style::kBody,
           {Eq("A & B <C> \"D\" "), Del("]]> & <旧>"), Ins("]]>&amp;'新'"), Eq(" 終わり")}),
      Para(Style::kItem, {Eq("5\t残る項。")}),
      Para(Style::kItem, {Del("6\t削除される最後の項。")}, false, true),
      Para(Style::kHeading, {Ins("（契約解除）")}, true),
      Para(Style::kBody, {Ins("追加された最後の段落。\n二行目。")}, true),
  };
  return r;
}

constexpr char kNote[] = "下線部は改正箇所を示す。";

// The paragraphs of one version, one line each.
std::string Version(const Redline& r, bool new_version, const std::string& note) {
  std::vector<std::string> lines;
  if (!r.title.empty()) lines.push_back(r.title);
  if (!note.empty()) lines.push_back(note);
  for (const auto& p : r.paragraphs) {
    if (new_version ? p.deleted : p.inserted) continue;
    const std::string text = new_version ? NewText(p.ops) : OldText(p.ops);
    std::string line;
    for (char c : text) line += c == '\n' ? std::string("\u2028") : std::string(1, c);
    lines.push_back(line);
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

std::string Lines(const Document& doc) {
  std::string out;
  for (const auto& p : doc.paragraphs) {
    for (char c : p.text) out += c == '\n' ? std::string("\u2028") : std::string(1, c);
    out += "\n";
  }
  return out;
}

int ReadMain(const std::string& mode, const std::string& path) {
  if (mode != "accept" && mode != "reject") {
    std::fprintf(stderr, "--read: accept or reject, not '%s'\n", mode.c_str());
    return 2;
  }
  Result<std::string> bytes = ReadFile(path);
  Result<Document> doc =
      bytes.ok() ? ReadDocx(*bytes, path, {},
                            mode == "accept" ? TrackedChanges::kAccept : TrackedChanges::kReject)
                 : Result<Document>(bytes.status());
  if (!doc.ok()) {
    std::fprintf(stderr, "%s\n", doc.status().message().c_str());
    return 2;
  }
  std::fputs(Lines(*doc).c_str(), stdout);
  return 0;
}

int Main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "--read") == 0) return ReadMain(argv[2], argv[3]);
  const bool underline = argc == 5 && std::strcmp(argv[4], "--underline") == 0;
  if (argc != 4 && !underline) {
    std::fprintf(stderr,
                 "usage: %s OUT.docx ACCEPTED.txt REJECTED.txt [--underline]\n"
                 "       %s --read accept|reject IN.docx\n",
                 argv[0], argv[0]);
    return 2;
  }
  const Redline redline = Fixture();
  RedlineOptions options;
  options.author = "tokki";
  options.date = "2026-11-22T13:00:00Z";
  options.underline = underline;
  if (underline) options.underline_note = kNote;
  Result<std::shared_ptr<const DocxTemplate>> tmpl =
      DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex");
  if (!tmpl.ok()) {
    std::fprintf(stderr, "%s\n", tmpl.status().message().c_str());
    return 2;
  }
  Result<std::string> docx = WriteRedlineDocx(**tmpl, redline, options);
  if (!docx.ok()) {
    std::fprintf(stderr, "%s\n", docx.status().message().c_str());
    return 2;
  }
  const std::string note = underline ? kNote : "";
  const std::string accepted = Version(redline, true, note);
  const std::string rejected = underline ? accepted : Version(redline, false, note);
  Status st = WriteFilesAtomic({{argv[1], *docx}, {argv[2], accepted}, {argv[3], rejected}});
  if (!st.ok()) {
    std::fprintf(stderr, "%s\n", st.message().c_str());
    return 2;
  }
  return 0;
}

}  // namespace
}  // namespace tokki

int main(int argc, char** argv) { return tokki::Main(argc, argv); }
