// The text diff of `tokki diff` (engine/diff/char_diff.cc) on the texts it meets: two
// editions of the annex, two long revisions of an agreement, and long texts that have nothing
// in common, which the work bound must keep cheap.
#include <benchmark/benchmark.h>

#include "assemble/annex.h"
#include "diff/compare.h"
#include "diff/diff.h"
#include "diff_texts.h"
#include "library/library.h"
#include "read/document.h"
#include "report/annex_render.h"
#include "report/diff_render.h"

namespace tokki {
namespace {

const std::string kSeeds = TOKKI_SOURCE_DIR "/../shared/seeds";

std::string AnnexText(const ClauseLibrary& library, int year, int month, int day) {
  AssembleRequest r;
  r.type = "outsourcing";
  r.date = {year, month, day};
  r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "窓口業務委託"}};
  return RenderAnnexText(Assemble(library, r).value());
}

// The pairs by benchmark argument.
enum PairId { kAnnex, kAgreement10, kAgreement100, kUnrelated100, kShuffled100 };

const bench::TextPair& Pair(int id) {
  static const std::vector<bench::TextPair> pairs = [] {
    auto library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
    std::vector<bench::TextPair> p(5);
    p[kAnnex] = {AnnexText(*library, 2017, 9, 13), AnnexText(*library, 2023, 4, 1)};
    p[kAgreement10] = bench::AgreementPair(kSeeds, 20000);
    p[kAgreement100] = bench::AgreementPair(kSeeds, 200000);
    p[kUnrelated100] = bench::UnrelatedPair(kSeeds, 200000);
    p[kShuffled100] = bench::ShuffledPair(kSeeds, 200000);
    return p;
  }();
  return pairs[id];
}

void BM_DiffText(benchmark::State& state) {
  const bench::TextPair& p = Pair(static_cast<int>(state.range(0)));
  TextDiffOptions options;
  options.ignore_format = state.range(1) != 0;
  size_t runs = 0, changed = 0;
  for (auto _ : state) {
    std::vector<DiffOp> ops = DiffText(p.old_text, p.new_text, options);
    runs = ops.size();
    changed = 0;
    for (const DiffOp& op : ops) changed += op.kind == DiffOp::Kind::kEqual ? 0 : op.text.size();
    benchmark::DoNotOptimize(ops);
  }
  state.counters["old_chars"] = static_cast<double>(bench::CodePoints(p.old_text));
  state.counters["new_chars"] = static_cast<double>(bench::CodePoints(p.new_text));
  state.counters["runs"] = static_cast<double>(runs);
  state.counters["changed_bytes"] = static_cast<double>(changed);
  state.SetBytesProcessed(
      static_cast<int64_t>(state.iterations() * (p.old_text.size() + p.new_text.size())));
}
// Arguments: pair (0 annex 2017→2023, 1 agreement 10 pages, 2 agreement 100 pages, 3 unrelated
// 100 pages, 4 the same 100 pages shuffled by line), ignore_format.
BENCHMARK(BM_DiffText)
    ->ArgNames({"pair", "ignore_format"})
    ->Args({kAnnex, 1})
    ->Args({kAnnex, 0})
    ->Args({kAgreement10, 1})
    ->Args({kAgreement100, 1})
    ->Args({kAgreement100, 0})
    ->Args({kUnrelated100, 1})
    ->Args({kShuffled100, 1})
    ->Unit(benchmark::kMillisecond);

// Provision alignment scores every old item against every new one.
void BM_TextSimilarityAllItemPairs(benchmark::State& state) {
  auto library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
  AssembleRequest r;
  r.type = "outsourcing";
  r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "窓口業務委託"}};
  r.date = {2017, 9, 13};
  Annex a = Assemble(*library, r).value();
  r.date = {2023, 4, 1};
  Annex b = Assemble(*library, r).value();
  for (auto _ : state) {
    double sum = 0;
    for (const auto& x : a.items) {
      for (const auto& y : b.items) sum += TextSimilarity(x.PrintedText(), y.PrintedText());
    }
    benchmark::DoNotOptimize(sum);
  }
  state.counters["pairs"] = static_cast<double>(a.items.size() * b.items.size());
}
BENCHMARK(BM_TextSimilarityAllItemPairs)->Unit(benchmark::kMicrosecond);

// The whole comparison behind `tokki diff --from 2017-09-13 --to 2023-04-01 --format json`:
// alignment by module, the text diff of every pair, the JSON.
void BM_CompareEditions(benchmark::State& state) {
  auto library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
  AssembleRequest r;
  r.type = "outsourcing";
  r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "窓口業務委託"}};
  r.date = {2017, 9, 13};
  const DiffVersion a = VersionFromAnnex(Assemble(*library, r).value(), "2017");
  r.date = {2023, 4, 1};
  const DiffVersion b = VersionFromAnnex(Assemble(*library, r).value(), "2023");
  size_t pairs = 0;
  for (auto _ : state) {
    Comparison c = Compare(a, b);
    std::string json = RenderDiffJson(c);
    pairs = c.pairs.size();
    benchmark::DoNotOptimize(json);
  }
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_CompareEditions)->Unit(benchmark::kMillisecond);

// `tokki diff OLD NEW` on two documents, after reading: segmentation of both, alignment by
// content (every provision against every other), the text diff of every pair. Arguments: pair
// (1 agreement 10 pages, 2 agreement 100 pages, 3 unrelated 100 pages).
void BM_CompareDocuments(benchmark::State& state) {
  const bench::TextPair& p = Pair(static_cast<int>(state.range(0)));
  const Document a = ReadText(p.old_text, "old.txt").value();
  const Document b = ReadText(p.new_text, "new.txt").value();
  size_t provisions = 0, pairs = 0;
  for (auto _ : state) {
    DiffVersion va = VersionFromDocument(a, "old"), vb = VersionFromDocument(b, "new");
    provisions = va.units.size() + vb.units.size();
    Comparison c = Compare(va, vb);
    pairs = c.pairs.size();
    benchmark::DoNotOptimize(c);
  }
  state.counters["provisions"] = static_cast<double>(provisions);
  state.counters["pairs"] = static_cast<double>(pairs);
}
BENCHMARK(BM_CompareDocuments)
    ->ArgName("pair")
    ->Arg(kAgreement10)
    ->Arg(kAgreement100)
    ->Arg(kUnrelated100)
    ->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace tokki

BENCHMARK_MAIN();
