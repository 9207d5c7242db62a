#include "report/diff_render.h"

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "report/html.h"

namespace tokki {
namespace {

using Kind = DiffOp::Kind;

// Unit breaks (kUnitBreak) are shown as line breaks.
std::string Shown(const std::string& s) {
  std::string out;
  size_t start = 0;
  for (size_t at; (at = s.find(kUnitBreak, start)) != std::string::npos;) {
    out.append(s, start, at - start);
    out += '\n';
    start = at + sizeof(kUnitBreak) - 1;
  }
  out.append(s, start, std::string::npos);
  return out;
}

bool Changed(const DiffPair& p) { return p.change != DiffPair::Change::kSame || p.moved; }

// 「15」, 「15〜17」, 「15, 17」 from unit indices.
std::string Labels(const std::vector<DiffUnit>& units, const std::vector<int>& idx) {
  if (idx.empty()) return "―";
  auto label = [&](int i) {
    const DiffUnit& u = units[static_cast<size_t>(i)];
    return u.label.empty() ? "(" + std::to_string(u.n) + ")" : u.label;
  };
  bool consecutive = idx.size() > 2;
  for (size_t k = 1; k < idx.size(); ++k) consecutive = consecutive && idx[k] == idx[k - 1] + 1;
  if (consecutive) return label(idx.front()) + "〜" + label(idx.back());
  std::string out;
  for (size_t k = 0; k < idx.size(); ++k) out += (k ? ", " : "") + label(idx[k]);
  return out;
}

std::string PairTitle(const Comparison& c, const DiffPair& p) {
  std::string s = std::string("[") + ChangeLabel(p.change) + (p.moved ? "・移動" : "") + "] ";
  s += "旧 " + Labels(c.from, p.from) + " → 新 " + Labels(c.to, p.to);
  return s;
}

std::string MarkedText(const std::vector<DiffOp>& ops) {
  std::string out;
  for (const DiffOp& op : ops) {
    switch (op.kind) {
      case Kind::kEqual:
        out += Shown(op.text);
        break;
      case Kind::kInsert:
        out += "{+" + Shown(op.text) + "+}";
        break;
      case Kind::kDelete:
        out += "[-" + Shown(op.text) + "-]";
        break;
    }
  }
  return out;
}

std::string Indent(const std::string& text, const std::string& prefix) {
  std::string out = prefix;
  for (char ch : text) {
    out += ch;
    if (ch == '\n') out += prefix;
  }
  return out;
}

struct Counts {
  int same = 0, modified = 0, added = 0, removed = 0, split = 0, merged = 0, moved = 0;
};

Counts Count(const Comparison& c) {
  Counts n;
  for (const DiffPair& p : c.pairs) {
    switch (p.change) {
      case DiffPair::Change::kSame:
        ++n.same;
        break;
      case DiffPair::Change::kModified:
        ++n.modified;
        break;
      case DiffPair::Change::kAdded:
        ++n.added;
        break;
      case DiffPair::Change::kRemoved:
        ++n.removed;
        break;
      case DiffPair::Change::kSplit:
        ++n.split;
        break;
      case DiffPair::Change::kMerged:
        ++n.merged;
        break;
    }
    if (p.moved) ++n.moved;
  }
  return n;
}

std::string Summary(const Counts& n) {
  return "修正 " + std::to_string(n.modified) + "、分割 " + std::to_string(n.split) + "、統合 " +
         std::to_string(n.merged) + "、追加 " + std::to_string(n.added) + "、削除 " +
         std::to_string(n.removed) + "、移動 " + std::to_string(n.moved) + "、同一 " +
         std::to_string(n.same);
}

// Rows of the renumbering table: (old labels, new labels, change), pairs with both sides.
std::vector<std::array<std::string, 3>> Renumbering(const Comparison& c) {
  std::vector<std::array<std::string, 3>> rows;
  for (const DiffPair& p : c.pairs) {
    rows.push_back({Labels(c.from, p.from), Labels(c.to, p.to),
                    std::string(ChangeLabel(p.change)) + (p.moved ? "・移動" : "")});
  }
  return rows;
}

}  // namespace

Result<DiffFormat> ParseDiffFormat(const std::string& name) {
  if (name == "txt" || name == "text") return DiffFormat::kTxt;
  if (name == "html") return DiffFormat::kHtml;
  if (name == "json") return DiffFormat::kJson;
  if (name == "docx") return DiffFormat::kDocx;
  return Status::Invalid("「" + name + "」は使えない形式です (txt, html, json, docx)");
}

const char* ChangeLabel(DiffPair::Change change) {
  switch (change) {
    case DiffPair::Change::kSame:
      return "同一";
    case DiffPair::Change::kModified:
      return "修正";
    case DiffPair::Change::kAdded:
      return "追加";
    case DiffPair::Change::kRemoved:
      return "削除";
    case DiffPair::Change::kSplit:
      return "分割";
    case DiffPair::Change::kMerged:
      return "統合";
  }
  return "修正";
}

std::string DiffTitle(const Comparison& c) {
  return "新旧対照表（" + c.from_name + " → " + c.to_name + "）";
}

std::string RenderDiffText(const Comparison& c) {
  std::string out = DiffTitle(c) + "\n" + Summary(Count(c)) + "\n";
  out += "凡例: [-削除-] {+追加+}\n";
  for (const DiffPair& p : c.pairs) {
    if (!Changed(p)) continue;
    out += '\n';
    out += PairTitle(c, p);
    out += '\n';
    if (p.heading_changed) out += "  見出し: " + MarkedText(p.heading_ops) + "\n";
    const bool text_changed = std::any_of(p.ops.begin(), p.ops.end(),
                                          [](const DiffOp& op) { return op.kind != Kind::kEqual; });
    if (text_changed) out += Indent(MarkedText(p.ops), "    ") + "\n";
  }
  out += "\n新旧番号対照（旧 → 新）\n";
  for (const auto& row : Renumbering(c)) {
    out += "  " + row[0] + " → " + row[1] + "  " + row[2] + "\n";
  }
  return out;
}

std::string RenderDiffJson(const Comparison& c) {
  using nlohmann::ordered_json;
  auto ops_json = [](const std::vector<DiffOp>& ops) {
    ordered_json a = ordered_json::array();
    for (const DiffOp& op : ops) {
      ordered_json o;
      o["op"] = DiffOpName(op.kind);
      o["text"] = Shown(op.text);
      if (!op.old_text.empty()) o["old_text"] = Shown(op.old_text);
      a.push_back(std::move(o));
    }
    return a;
  };
  auto numbers = [](const std::vector<DiffUnit>& units, const std::vector<int>& idx) {
    ordered_json a = ordered_json::array();
    for (int i : idx) a.push_back(units[static_cast<size_t>(i)].n);
    return a;
  };
  auto labels = [](const std::vector<DiffUnit>& units, const std::vector<int>& idx) {
    ordered_json a = ordered_json::array();
    for (int i : idx) a.push_back(units[static_cast<size_t>(i)].label);
    return a;
  };
  ordered_json j;
  j["from"] = c.from_name;
  j["to"] = c.to_name;
  ordered_json pairs = ordered_json::array();
  for (const DiffPair& p : c.pairs) {
    ordered_json jp;
    jp["from"] = numbers(c.from, p.from);
    jp["to"] = numbers(c.to, p.to);
    jp["change"] = ChangeName(p.change);
    jp["moved"] = p.moved;
    jp["from_labels"] = labels(c.from, p.from);
    jp["to_labels"] = labels(c.to, p.to);
    if (!p.heading_ops.empty()) {
      jp["heading_changed"] = p.heading_changed;
      jp["heading_ops"] = ops_json(p.heading_ops);
    }
    jp["ops"] = ops_json(p.ops);
    pairs.push_back(std::move(jp));
  }
  j["pairs"] = std::move(pairs);
  ordered_json renumbering = ordered_json::array();
  for (const auto& row : Renumbering(c)) {
    renumbering.push_back({{"from", row[0]}, {"to", row[1]}, {"change", row[2]}});
  }
  j["renumbering"] = std::move(renumbering);
  const Counts n = Count(c);
  j["summary"] = {{"same", n.same},       {"modified", n.modified}, {"added", n.added},
                  {"removed", n.removed}, {"split", n.split},       {"merged", n.merged},
                  {"moved", n.moved}};
  return j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderDiffHtml(const Comparison& c) {
  auto inline_html = [](const std::vector<DiffOp>& ops) {
    std::string out;
    for (const DiffOp& op : ops) {
      const std::string t = HtmlEscape(Shown(op.text));
      switch (op.kind) {
        case Kind::kEqual:
          out += t;
          break;
        case Kind::kInsert:
          out += "<ins>" + t + "</ins>";
          break;
        case Kind::kDelete:
          out += "<del>" + t + "</del>";
          break;
      }
    }
    return out;
  };
  // One side of the side-by-side view: the old side shows equal and deleted text, the new
  // side equal and inserted text.
  auto side_html = [](const std::vector<DiffOp>& ops, bool old_side) {
    std::string out;
    for (const DiffOp& op : ops) {
      if (op.kind == Kind::kEqual) {
        out += HtmlEscape(Shown(old_side && !op.old_text.empty() ? op.old_text : op.text));
      } else if (op.kind == Kind::kDelete && old_side) {
        out += "<del>" + HtmlEscape(Shown(op.text)) + "</del>";
      } else if (op.kind == Kind::kInsert && !old_side) {
        out += "<ins>" + HtmlEscape(Shown(op.text)) + "</ins>";
      }
    }
    return out;
  };
  const std::string title = HtmlEscape(DiffTitle(c));
  std::string out =
      "<!DOCTYPE html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + title +
      "</title>\n<style>\n"
      "body{font-family:sans-serif;margin:2em;line-height:1.7}\n"
      "table{border-collapse:collapse;margin:1em 0;width:100%}td,th{border:1px solid #999;"
      "padding:.3em .6em;vertical-align:top;text-align:left}\n"
      "ins{background:#d7f5d7;text-decoration:underline}del{background:#fbdada}\n"
      ".t{white-space:pre-wrap}.same{color:#666}h2{font-size:1.1em;margin-top:1.5em}\n"
      "input[name=view]{margin-left:1em}#v-side:checked~#inline,#v-inline:checked~#side"
      "{display:none}\n"
      "</style>\n</head>\n<body>\n<h1>" +
      title + "</h1>\n<p>" + HtmlEscape(Summary(Count(c))) +
      "</p>\n"
      // The radio buttons are siblings of the views, for the CSS above (no script needed).
      "表示: <input type=\"radio\" name=\"view\" id=\"v-inline\" checked>"
      "<label for=\"v-inline\">見え消し</label><input type=\"radio\" name=\"view\" "
      "id=\"v-side\"><label for=\"v-side\">新旧対照（左右）</label>\n";
  out += "<div id=\"inline\">\n";
  for (const DiffPair& p : c.pairs) {
    out += std::string("<h2 class=\"") + (Changed(p) ? "" : "same") + "\">" +
           HtmlEscape(PairTitle(c, p)) + "</h2>\n";
    if (!p.heading_ops.empty()) {
      out += "<p class=\"t\"><b>" + inline_html(p.heading_ops) + "</b></p>\n";
    }
    out += "<p class=\"t\">" + inline_html(p.ops) + "</p>\n";
  }
  out += "</div>\n<div id=\"side\">\n<table>\n<tr><th>" + HtmlEscape(c.from_name) + "</th><th>" +
         HtmlEscape(c.to_name) + "</th></tr>\n";
  for (const DiffPair& p : c.pairs) {
    out += "<tr><td colspan=\"2\"><b>" + HtmlEscape(PairTitle(c, p)) + "</b></td></tr>\n<tr>";
    for (bool old_side : {true, false}) {
      out += "<td class=\"t\">";
      if (!p.heading_ops.empty()) out += "<b>" + side_html(p.heading_ops, old_side) + "</b>\n";
      out += side_html(p.ops, old_side) + "</td>";
    }
    out += "</tr>\n";
  }
  out +=
      "</table>\n</div>\n<h2>新旧番号対照（旧 → 新）</h2>\n<table>\n"
      "<tr><th>旧</th><th>新</th><th>変更</th></tr>\n";
  for (const auto& row : Renumbering(c)) {
    out += "<tr><td>" + HtmlEscape(row[0]) + "</td><td>" + HtmlEscape(row[1]) + "</td><td>" +
           HtmlEscape(row[2]) + "</td></tr>\n";
  }
  out += "</table>\n</body>\n</html>\n";
  return out;
}

// The provisions of a pair become paragraphs by cutting its runs at line breaks between units
// ("\n" joins a pair's texts): a break in an equal run ends a paragraph of both versions, one
// in an inserted run a paragraph mark only the new version has (a split: rejecting it joins the
// paragraphs again), one in a deleted run a mark only the old version had (a merge). Each
// paragraph starts with its number: the old and new numbers diffed where a paragraph begins a
// unit of both versions, else inserted or deleted.
Redline BuildRedline(const Comparison& c) {
  Redline r;
  r.title = DiffTitle(c);
  auto label_of = [](const std::vector<DiffUnit>& units, const std::vector<int>& idx, size_t k) {
    if (k >= idx.size()) return std::string();
    const DiffUnit& u = units[static_cast<size_t>(idx[k])];
    return u.label.empty() ? std::string() : u.label + "　";
  };
  for (const DiffPair& p : c.pairs) {
    // The heading paragraph.
    if (!p.heading_ops.empty()) {
      RedlineParagraph h;
      h.style = RedlineParagraph::Style::kHeading;
      h.ops = p.heading_ops;
      const bool old_has = !OldText(p.heading_ops).empty();
      const bool new_has = !NewText(p.heading_ops).empty();
      h.inserted = new_has && !old_has;
      h.deleted = old_has && !new_has;
      if (old_has || new_has) r.paragraphs.push_back(std::move(h));
    }
    size_t old_k = 0, new_k = 0;  // Units begun on each side.
    bool starts_old = !p.from.empty(), starts_new = !p.to.empty();
    RedlineParagraph para;
    para.style = RedlineParagraph::Style::kItem;
    auto begin_paragraph = [&] {
      para = RedlineParagraph();
      para.style = RedlineParagraph::Style::kItem;
      const std::string old_label = starts_old ? label_of(c.from, p.from, old_k) : "";
      const std::string new_label = starts_new ? label_of(c.to, p.to, new_k) : "";
      for (const DiffOp& op : DiffText(old_label, new_label, TextDiffOptions{false, 0, 100})) {
        para.ops.push_back(op);
      }
      if (starts_old) ++old_k;
      if (starts_new) ++new_k;
    };
    auto add_run = [&](Kind kind, std::string text, std::string old_text) {
      if (text.empty() && old_text.empty()) return;
      if (!para.ops.empty() && para.ops.back().kind == kind && kind != Kind::kEqual) {
        para.ops.back().text += text;
        return;
      }
      para.ops.push_back(DiffOp{kind, std::move(text), std::move(old_text)});
    };
    auto split = [](const std::string& s) {
      std::vector<std::string> parts;
      size_t start = 0;
      for (size_t at; (at = s.find(kUnitBreak, start)) != std::string::npos;) {
        parts.push_back(s.substr(start, at - start));
        start = at + sizeof(kUnitBreak) - 1;
      }
      parts.push_back(s.substr(start));
      return parts;
    };
    begin_paragraph();
    for (const DiffOp& op : p.ops) {
      const std::vector<std::string> parts = split(op.text);
      // An equal run's old text differs only in ignored characters, so it holds the same unit
      // breaks: its pieces go with the new text's.
      std::vector<std::string> old_parts =
          op.old_text.empty() ? std::vector<std::string>() : split(op.old_text);
      if (old_parts.size() != parts.size()) old_parts.assign(parts.size(), "");
      for (size_t k = 0; k < parts.size(); ++k) {
        if (k > 0) {
          // A unit break: end this paragraph.
          para.inserted = op.kind == Kind::kInsert;
          para.deleted = op.kind == Kind::kDelete;
          r.paragraphs.push_back(std::move(para));
          starts_old = op.kind != Kind::kInsert;
          starts_new = op.kind != Kind::kDelete;
          begin_paragraph();
        }
        std::string old_piece = old_parts[k] == parts[k] ? std::string() : old_parts[k];
        add_run(op.kind, parts[k], std::move(old_piece));
      }
    }
    // The pair's last paragraph mark: in both versions unless the pair is only on one side.
    para.inserted = p.from.empty();
    para.deleted = p.to.empty();
    r.paragraphs.push_back(std::move(para));
  }
  return r;
}

}  // namespace tokki
