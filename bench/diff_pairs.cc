// DiffText over pairs of files, timed in process: the C++ side of bench/diff_vs_difflib.sh
// until `tokki diff` exists.
//
//   diff_pairs [--exact] [--cleanup N] [--show] [--min-time SECONDS] [--repeat N] OLD NEW ...
//   diff_pairs --make-corpus DIR
//
// For each pair, DiffText runs N times (default 1), then again until SECONDS have passed
// (default 0); reading the files is not timed. One line per pair, tab-separated:
//   old  new  diffs  total_seconds  seconds_per_diff  runs  equal_chars
// where runs is the number of DiffOps and equal_chars the characters (code points) of the
// new text inside equal runs; then "total<TAB>seconds". --exact turns ignore_format off (every
// code point counts, as in difflib); --cleanup sets cleanup_threshold (0: the minimal diff,
// whose equal_chars is the longest common subsequence). --show prints the runs first, one a line:
// "=" equal (with "~" and the old text below when it differs), "-" deleted, "+" inserted, newlines
// as "⏎". --make-corpus writes the generated pairs of diff_texts.h as DIR/NAME.old.txt and
// DIR/NAME.new.txt.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "diff/diff.h"
#include "diff_texts.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  *out = s.str();
  return true;
}

bool WriteFile(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
  return static_cast<bool>(out);
}

int MakeCorpus(const std::string& dir) {
  const std::string seeds = TOKKI_SOURCE_DIR "/../shared/seeds";
  struct Named {
    const char* name;
    tokki::bench::TextPair pair;
  } pairs[] = {
      {"agreement10", tokki::bench::AgreementPair(seeds, 20000)},
      {"agreement30", tokki::bench::AgreementPair(seeds, 60000)},
      {"agreement100", tokki::bench::AgreementPair(seeds, 200000)},
      {"unrelated100", tokki::bench::UnrelatedPair(seeds, 200000)},
      {"shuffled100", tokki::bench::ShuffledPair(seeds, 200000)},
  };
  for (const Named& p : pairs) {
    if (p.pair.old_text.empty() || p.pair.new_text.empty()) {
      std::fprintf(stderr, "diff_pairs: no seed text under %s\n", seeds.c_str());
      return 2;
    }
    std::string base = dir + "/" + p.name;
    if (!WriteFile(base + ".old.txt", p.pair.old_text) ||
        !WriteFile(base + ".new.txt", p.pair.new_text)) {
      std::fprintf(stderr, "diff_pairs: cannot write %s.*.txt\n", base.c_str());
      return 2;
    }
  }
  return 0;
}

std::string Visible(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n') {
      out += "⏎";
    } else {
      out += c;
    }
  }
  return out;
}

int Usage() {
  std::fprintf(stderr,
               "usage: diff_pairs [--exact] [--cleanup N] [--show] [--min-time SECONDS] [--repeat "
               "N] OLD NEW ...\n"
               "       diff_pairs --make-corpus DIR\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  tokki::TextDiffOptions options;
  bool show = false;
  double min_time = 0;
  long repeat = 1;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--exact") {
      options.ignore_format = false;
    } else if (a == "--cleanup" && i + 1 < argc) {
      options.cleanup_threshold = std::atoi(argv[++i]);
    } else if (a == "--show") {
      show = true;
    } else if (a == "--min-time" && i + 1 < argc) {
      min_time = std::atof(argv[++i]);
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1L, std::atol(argv[++i]));
    } else if (a == "--make-corpus" && i + 1 < argc) {
      return MakeCorpus(argv[++i]);
    } else if (!a.empty() && a[0] == '-') {
      return Usage();
    } else {
      files.push_back(a);
    }
  }
  if (files.empty() || files.size() % 2 != 0) return Usage();
  using Clock = std::chrono::steady_clock;
  double all = 0;
  for (size_t f = 0; f < files.size(); f += 2) {
    std::string old_text, new_text;
    if (!ReadFile(files[f], &old_text) || !ReadFile(files[f + 1], &new_text)) {
      std::fprintf(stderr, "diff_pairs: cannot read %s or %s\n", files[f].c_str(),
                   files[f + 1].c_str());
      return 2;
    }
    std::vector<tokki::DiffOp> ops;
    long diffs = 0;
    double seconds = 0;
    Clock::time_point start = Clock::now();
    while (diffs < repeat || seconds < min_time) {
      ops = tokki::DiffText(old_text, new_text, options);
      ++diffs;
      seconds = std::chrono::duration<double>(Clock::now() - start).count();
    }
    if (tokki::OldText(ops) != old_text || tokki::NewText(ops) != new_text) {
      std::fprintf(stderr, "diff_pairs: %s: the diff does not reproduce the texts\n",
                   files[f].c_str());
      return 1;
    }
    if (show) {
      for (const tokki::DiffOp& op : ops) {
        const char* mark = op.kind == tokki::DiffOp::Kind::kEqual    ? "="
                           : op.kind == tokki::DiffOp::Kind::kDelete ? "-"
                                                                     : "+";
        std::printf("%s %s\n", mark, Visible(op.text).c_str());
        if (!op.old_text.empty()) std::printf("~ %s\n", Visible(op.old_text).c_str());
      }
    }
    size_t equal_chars = 0;
    for (const tokki::DiffOp& op : ops) {
      if (op.kind == tokki::DiffOp::Kind::kEqual) equal_chars += tokki::bench::CodePoints(op.text);
    }
    std::printf("%s\t%s\t%ld\t%.6f\t%.6f\t%zu\t%zu\n", files[f].c_str(), files[f + 1].c_str(),
                diffs, seconds, seconds / static_cast<double>(diffs), ops.size(), equal_chars);
    all += seconds;
  }
  std::printf("total\t%.6f\n", all);
  return 0;
}
