// Checking one agreement held in memory: reading the .docx, segmenting, matching the rule
// book and building the findings. The agreement is the 2023 annex written by tokki.
#include <benchmark/benchmark.h>

#include "assemble/annex.h"
#include "check/checker.h"
#include "check/segment.h"
#include "read/document.h"
#include "report/annex_render.h"
#include "text/normalize.h"

namespace tokki {
namespace {

struct Fixture {
  std::shared_ptr<const ClauseLibrary> library;
  std::shared_ptr<const RuleBook> rules;
  std::string docx;
  Fixture() {
    library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
    rules = RuleBook::Load(TOKKI_SOURCE_DIR "/rules/rules.xml",
                           TOKKI_SOURCE_DIR "/rules/schema/rules.rng")
                .value();
    auto tmpl = DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex").value();
    AssembleRequest r;
    r.type = "outsourcing";
    r.date = {2023, 4, 1};
    r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "業務委託"}};
    docx = RenderAnnex(Assemble(*library, r).value(), AnnexFormat::kDocx, *tmpl).value();
  }
};

const Fixture& F() {
  static const Fixture f;
  return f;
}

void BM_ReadDocx(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ReadDocx(F().docx, "a.docx"));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * F().docx.size()));
}
BENCHMARK(BM_ReadDocx);

void BM_Segment(benchmark::State& state) {
  Document doc = ReadDocx(F().docx, "a.docx").value();
  for (auto _ : state) benchmark::DoNotOptimize(SegmentProvisions(doc));
}
BENCHMARK(BM_Segment);

void BM_NormalizeForMatch(benchmark::State& state) {
  Document doc = ReadDocx(F().docx, "a.docx").value();
  size_t bytes = 0;
  for (const auto& p : doc.paragraphs) bytes += p.text.size();
  for (auto _ : state) {
    for (const auto& p : doc.paragraphs) benchmark::DoNotOptimize(NormalizeForMatch(p.text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_NormalizeForMatch);

void BM_CheckInMemoryDocx(benchmark::State& state) {
  CheckRequest req;
  req.type = "outsourcing";
  req.date = {2023, 4, 1};
  for (auto _ : state) {
    Document doc = ReadDocx(F().docx, "a.docx").value();
    benchmark::DoNotOptimize(CheckDocument(*F().rules, *F().library, doc, req));
  }
}
BENCHMARK(BM_CheckInMemoryDocx);

void BM_RuleSetsOverOneProvision(benchmark::State& state) {
  Document doc = ReadDocx(F().docx, "a.docx").value();
  auto provisions = SegmentProvisions(doc);
  size_t bytes = 0;
  for (const auto& p : provisions) bytes += p.norm_text.size();
  for (auto _ : state) {
    for (const auto& p : provisions)
      benchmark::DoNotOptimize(F().rules->Match(p.norm_heading, p.norm_text));
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
}
BENCHMARK(BM_RuleSetsOverOneProvision);

}  // namespace
}  // namespace tokki

BENCHMARK_MAIN();
