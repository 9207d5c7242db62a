// Zip inflate, the first step of checking a .docx: opening an in-memory package with the
// engine's reader (engine/zip/zip_reader.h, libzip) and inflating word/document.xml (and
// word/styles.xml, which python-docx's template makes 341 KB). BM_ZlibInflate* does the same
// inflate with zlib directly from the local header, as bench/docx_floor.c does: the difference
// is the reader's own cost (central directory, limits, chunked reads).
//
// Documents, held in memory before timing:
//   annex      the 2023 outsourcing annex written by tokki (RenderAnnex), small document.xml;
//   agreement  tests/corpus/files/2023_outsourcing_itaku_compliant.docx (python-docx's template),
//              or the file named by TOKKI_ZIP_BENCH_DOCX (e.g. a bench/run corpus agreement).
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include "assemble/annex.h"
#include "library/library.h"
#include "report/annex_render.h"
#include "zip/zip_reader.h"

namespace tokki {
namespace {

std::string ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("zip_bench: cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

struct Fixture {
  std::string annex;
  std::string agreement;
  Fixture() {
    auto library = ClauseLibrary::Load(TOKKI_SOURCE_DIR "/clauses").value();
    auto tmpl = DocxTemplate::Load(TOKKI_SOURCE_DIR "/docx-templates/annex").value();
    AssembleRequest r;
    r.type = "outsourcing";
    r.date = {2023, 4, 1};
    r.params = {{"contractor", "株式会社サンプル"}, {"contract_title", "業務委託"}};
    annex = RenderAnnex(Assemble(*library, r).value(), AnnexFormat::kDocx, *tmpl).value();
    const char* env = std::getenv("TOKKI_ZIP_BENCH_DOCX");
    agreement =
        ReadWholeFile(env != nullptr && *env != '\0'
                          ? std::string(env)
                          : std::string(TOKKI_SOURCE_DIR "/tests/corpus/files/"
                                                         "2023_outsourcing_itaku_compliant.docx"));
  }
};

const Fixture& F() {
  static const Fixture f;
  return f;
}

const std::string& Doc(int64_t id) { return id == 0 ? F().annex : F().agreement; }
const char* DocName(int64_t id) { return id == 0 ? "annex" : "agreement"; }

void BM_ZipOpen(benchmark::State& state) {
  const std::string& docx = Doc(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(ZipReader::Open(docx, "a.docx"));
  state.SetLabel(DocName(state.range(0)));
}
BENCHMARK(BM_ZipOpen)->Arg(0)->Arg(1);

// Open the package and inflate one part: what ReadDocx does before parsing it.
void ZipRead(benchmark::State& state, const char* part) {
  const std::string& docx = Doc(state.range(0));
  size_t bytes = 0;
  for (auto _ : state) {
    auto zip = ZipReader::Open(docx, "a.docx");
    if (!zip.ok()) {
      state.SkipWithError("not a zip");
      return;
    }
    auto data = (*zip)->Read(part);
    if (!data.ok()) {
      state.SkipWithError("part missing or refused");
      return;
    }
    bytes = data->size();
    benchmark::DoNotOptimize(data);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes));
  state.counters["inflated_bytes"] = static_cast<double>(bytes);
  state.SetLabel(DocName(state.range(0)));
}
void BM_ZipReadDocumentXml(benchmark::State& state) { ZipRead(state, "word/document.xml"); }
BENCHMARK(BM_ZipReadDocumentXml)->Arg(0)->Arg(1);
void BM_ZipReadStylesXml(benchmark::State& state) { ZipRead(state, "word/styles.xml"); }
BENCHMARK(BM_ZipReadStylesXml)->Arg(0)->Arg(1);

// The floor: the part's deflated bytes located from its local header (first match by name, no
// central directory, no checks) and inflated with zlib into a reused buffer.
uint32_t Le32(const unsigned char* p) {
  return uint32_t{p[0]} | uint32_t{p[1]} << 8 | uint32_t{p[2]} << 16 | uint32_t{p[3]} << 24;
}
uint16_t Le16(const unsigned char* p) { return static_cast<uint16_t>(p[0] | p[1] << 8); }

struct RawEntry {
  const unsigned char* data = nullptr;
  size_t compressed = 0;
  size_t size = 0;
  int method = -1;
};

// Reads the sizes from the central directory (local headers may defer them to a data
// descriptor) and the data offset from the local header.
RawEntry FindEntry(const std::string& zip, const char* name) {
  const auto* p = reinterpret_cast<const unsigned char*>(zip.data());
  const size_t n = zip.size(), name_len = std::strlen(name);
  for (size_t eocd = n >= 22 ? n - 22 : 0; eocd > 0; --eocd) {
    if (Le32(p + eocd) != 0x06054b50) continue;
    size_t cd = Le32(p + eocd + 16), entries = Le16(p + eocd + 10);
    for (size_t i = 0; i < entries && cd + 46 <= n; ++i) {
      size_t nlen = Le16(p + cd + 28), xlen = Le16(p + cd + 30), clen = Le16(p + cd + 32);
      if (nlen == name_len && std::memcmp(p + cd + 46, name, nlen) == 0) {
        size_t local = Le32(p + cd + 42);
        RawEntry e;
        e.method = Le16(p + cd + 10);
        e.compressed = Le32(p + cd + 20);
        e.size = Le32(p + cd + 24);
        e.data = p + local + 30 + Le16(p + local + 26) + Le16(p + local + 28);
        return e;
      }
      cd += 46 + nlen + xlen + clen;
    }
    break;
  }
  return {};
}

void ZlibInflate(benchmark::State& state, const char* part) {
  const std::string& docx = Doc(state.range(0));
  RawEntry e = FindEntry(docx, part);
  if (e.method != 8) {
    state.SkipWithError("part missing or not deflated");
    return;
  }
  std::string out(e.size, '\0');
  for (auto _ : state) {
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) {
      state.SkipWithError("inflateInit2");
      return;
    }
    z.next_in = const_cast<unsigned char*>(e.data);
    z.avail_in = static_cast<uInt>(e.compressed);
    z.next_out = reinterpret_cast<unsigned char*>(out.data());
    z.avail_out = static_cast<uInt>(out.size());
    int rc = inflate(&z, Z_FINISH);
    inflateEnd(&z);
    if (rc != Z_STREAM_END) {
      state.SkipWithError("inflate");
      return;
    }
    benchmark::DoNotOptimize(out.data());
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * e.size));
  state.counters["inflated_bytes"] = static_cast<double>(e.size);
  state.SetLabel(DocName(state.range(0)));
}
void BM_ZlibInflateDocumentXml(benchmark::State& state) { ZlibInflate(state, "word/document.xml"); }
BENCHMARK(BM_ZlibInflateDocumentXml)->Arg(0)->Arg(1);
void BM_ZlibInflateStylesXml(benchmark::State& state) { ZlibInflate(state, "word/styles.xml"); }
BENCHMARK(BM_ZlibInflateStylesXml)->Arg(0)->Arg(1);

}  // namespace
}  // namespace tokki

BENCHMARK_MAIN();
