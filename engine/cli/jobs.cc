#include "cli/jobs.h"

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

Result<Document> ReadDocumentBytes(std::string_view bytes, const std::string& name,
                                   const ReadLimits& limits) {
  if (bytes.empty()) return Status::Invalid(name + ": 空のファイルです");
  if (bytes.size() > limits.max_file_bytes)
    return Status::Invalid(name + ": ファイルが大きすぎます");
  // By content, not by extension: vendors rename files. (A legacy .doc, an OLE package, goes
  // to the docx reader, which names it.)
  if (bytes.substr(0, 4) == "PK\x03\x04" ||
      bytes.substr(0, 8) == "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
    return ReadDocx(bytes, name, limits);
  }
  if (bytes.substr(0, 5) == "%PDF-") return ReadPdf(bytes, name, limits);
  return ReadText(bytes, name, limits);
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
