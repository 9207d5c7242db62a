// Assembling and writing one annex in memory: the per-contract cost of `tokki assemble`.
#include <benchmark/benchmark.h>

#include "assemble/annex.h"
#include "docx/docx_writer.h"
#include "library/library.h"
#include "report/annex_render.h"

namespace tokki {
namespace {

struct Fixture {
  std::shared_ptr<const ClauseLibrary> library;
  std::shared_ptr<const DocxTemplate> tmpl;
  Fixture() {
    library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
    tmpl = DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex").value();
  }
};

const Fixture& F() {
  static const Fixture f;
  return f;
}

AssembleRequest Request(int year) {
  AssembleRequest r;
  r.type = "system-development";
  r.date = {year, 4, 1};
  r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "システム改修業務委託"}};
  return r;
}

void BM_Assemble(benchmark::State& state) {
  AssembleRequest r = Request(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    auto annex = Assemble(*F().library, r);
    benchmark::DoNotOptimize(annex);
  }
}
BENCHMARK(BM_Assemble)->Arg(2018)->Arg(2023);

void BM_AssembleAndWriteDocx(benchmark::State& state) {
  AssembleRequest r = Request(static_cast<int>(state.range(0)));
  size_t bytes = 0;
  for (auto _ : state) {
    auto annex = Assemble(*F().library, r);
    auto docx = RenderAnnex(*annex, AnnexFormat::kDocx, *F().tmpl);
    bytes = docx->size();
    benchmark::DoNotOptimize(docx);
  }
  state.counters["docx_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_AssembleAndWriteDocx)->Arg(2018)->Arg(2023);

// The package alone (body markup, deflate, zip) for an annex assembled before timing.
void BM_WriteDocx(benchmark::State& state) {
  auto annex = Assemble(*F().library, Request(static_cast<int>(state.range(0))));
  const std::vector<DocxParagraph> body = AnnexParagraphs(*annex);
  for (auto _ : state) {
    auto docx = WriteDocx(*F().tmpl, body, annex->date);
    benchmark::DoNotOptimize(docx);
  }
}
BENCHMARK(BM_WriteDocx)->Arg(2018)->Arg(2023);

void BM_LoadLibrary(benchmark::State& state) {
  for (auto _ : state) {
    auto lib = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses");
    benchmark::DoNotOptimize(lib);
  }
}
BENCHMARK(BM_LoadLibrary);

}  // namespace
}  // namespace tokki

BENCHMARK_MAIN();
