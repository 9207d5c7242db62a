#include "cli/jobs.h"

#include "docx/annotate.h"
#include "text/date.h"

namespace tokki {

Result<EngineData> LoadEngineData(const DataPaths& paths) {
  EngineData data;
  data.paths = paths;
  TOKKI_ASSIGN_OR_RETURN(data.library, LoadLibrary(paths));
  TOKKI_ASSIGN_OR_RETURN(data.annex_template, LoadAnnexTemplate(paths));
  TOKKI_ASSIGN_OR_RETURN(data.rules, LoadRules(paths));
  return data;
}

Status ParseSets(const std::vector<std::string>& sets, std::map<std::string, std::string>* params) {
  for (const auto& kv : sets) {
    size_t eq = kv.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Status::Invalid("--set: 「" + kv + "」は KEY=VALUE の形ではありません");
    }
    (*params)[kv.substr(0, eq)] = kv.substr(eq + 1);
  }
  return Status::Ok();
}

Result<AssembleRequest> MakeAssembleRequest(const std::string& type, const std::string& date,
                                            std::map<std::string, std::string> params,
                                            const FieldNames& fields) {
  if (type.empty())
    return Status::Invalid(std::string(fields.type) + ": 契約種別を指定してください");
  if (date.empty()) return Status::Invalid(std::string(fields.date) + ": 契約日を指定してください");
  AssembleRequest request;
  request.type = type;
  Result<Date> parsed = ParseDate(date);
  if (!parsed.ok()) return parsed.status().WithPrefix(fields.date);
  request.date = *parsed;
  request.params = std::move(params);
  return request;
}

Result<AssembledDocument> AssembleDocument(const ClauseLibrary& library, const DocxTemplate& tmpl,
                                           const AssembleRequest& request, AnnexFormat format) {
  AssembledDocument out;
  TOKKI_ASSIGN_OR_RETURN(out.annex, Assemble(library, request));
  TOKKI_ASSIGN_OR_RETURN(out.bytes, RenderAnnex(out.annex, format, tmpl));
  return out;
}

Result<CheckRequest> MakeCheckRequest(const std::string& type, const std::string& date,
                                      const std::string& edition, const FieldNames& fields) {
  CheckRequest request;
  request.type = type.empty() ? "outsourcing" : type;
  if (!edition.empty()) {
    request.edition = edition;
    return request;
  }
  if (date.empty()) {
    return Status::Invalid(std::string(fields.date) + ": 契約日（または " + fields.edition +
                           "）を指定してください");
  }
  Result<Date> parsed = ParseDate(date);
  if (!parsed.ok()) return parsed.status().WithPrefix(fields.date);
  request.date = *parsed;
  return request;
}

Result<std::string> AnnotateCheckedDocx(std::string_view bytes, const std::string& name,
                                        const CheckReport& report, const std::string& field) {
  TOKKI_ASSIGN_OR_RETURN(Document doc, ReadDocx(bytes, name));
  if (report.format != "docx") {
    return Status::Invalid(field + ": " + name + " は .docx ではありません");
  }
  std::vector<DocxComment> comments;
  std::string missing;
  for (const Finding& f : report.findings) {
    if (f.status == Finding::Status::kMissing) {
      missing +=
          "\n■ " + f.name + "\n根拠：" + f.basis + "\n追加する条文：\n" + f.suggestion + "\n";
    } else if (f.status == Finding::Status::kPartial) {
      std::string text = "【tokki 審査】" + f.name + "：不足（";
      for (size_t i = 0; i < f.missing_element_names.size(); ++i) {
        text += (i ? "、" : "") + f.missing_element_names[i];
      }
      text += "）";
      for (const auto& w : f.weakened) text += "\n弱める記載：" + w;
      text += "\n根拠：" + f.basis + "\n追加する条文：\n" + f.suggestion;
      int node = 0;
      if (!f.evidence.empty()) {
        size_t i = static_cast<size_t>(f.evidence.front().paragraph - 1);
        if (i < doc.paragraphs.size()) node = doc.paragraphs[i].source_node;
      }
      comments.push_back({node, text});
    }
  }
  std::string head = "【tokki 審査】" + report.edition_name + "（" + report.type + "、" +
                     FormatEraDate(report.date) + "）に照らした審査結果：あり " +
                     std::to_string(report.present) + "、不足 " + std::to_string(report.partial) +
                     "、なし " + std::to_string(report.missing);
  head +=
      missing.empty() ? "\n欠けている規定はありません。" : "\n次の規定がありません。\n" + missing;
  comments.insert(comments.begin(), DocxComment{0, head});
  AnnotateOptions options;
  options.date = report.date;
  return AnnotateDocx(bytes, name, comments, options);
}

Result<DiffVersion> EditionVersion(const ClauseLibrary& library, const std::string& type,
                                   const std::string& date, const std::string& field,
                                   const std::map<std::string, std::string>& params,
                                   bool headings_in_force, const FieldNames& fields) {
  if (type.empty())
    return Status::Invalid(std::string(fields.type) + ": 契約種別を指定してください");
  AssembleRequest request;
  request.type = type;
  Result<Date> parsed = ParseDate(date);
  if (!parsed.ok()) return parsed.status().WithPrefix(field);
  request.date = *parsed;
  // The parties do not change the clauses: parameters nobody gave show as their label.
  for (const Parameter& p : library.parameters()) {
    if (p.required) request.params[p.name] = "〔" + p.label + "〕";
  }
  for (const auto& [k, v] : params) request.params[k] = v;
  TOKKI_ASSIGN_OR_RETURN(Annex annex, Assemble(library, request));
  return VersionFromAnnex(annex, annex.edition_name + "（" + annex.type_name + "）",
                          headings_in_force);
}

Result<std::string> RenderComparison(const Comparison& comparison, DiffFormat format,
                                     const DocxTemplate* tmpl, const DiffOutputOptions& options) {
  switch (format) {
    case DiffFormat::kTxt:
      return RenderDiffText(comparison);
    case DiffFormat::kHtml:
      return RenderDiffHtml(comparison);
    case DiffFormat::kJson:
      return RenderDiffJson(comparison);
    case DiffFormat::kDocx:
      break;
  }
  if (tmpl == nullptr) return Status::Internal("docx の雛形が読み込まれていません");
  RedlineOptions ro;
  if (!options.author.empty()) ro.author = options.author;
  ro.underline = options.underline;
  if (ro.underline) {
    ro.underline_note = "下線部は、" + comparison.from_name + "からの変更箇所を示す。";
  }
  return WriteRedlineDocx(*tmpl, BuildRedline(comparison), ro);
}

}  // namespace tokki
