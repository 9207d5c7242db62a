// Long texts for the diff benchmarks (diff_bench.cc, diff_pairs.cc), made deterministically
// from the seed documents in ../shared/seeds: the same seed number gives the same text on
// every run and machine (std::mt19937 and modulo only, no std distributions).
#ifndef TOKKI_BENCH_DIFF_TEXTS_H_
#define TOKKI_BENCH_DIFF_TEXTS_H_

#include <cstdint>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace tokki::bench {

inline const char* const kAgreementSeeds[] = {
    "000_eecff7190e13c1cd.txt", "001_9015e87258c1506f.txt", "002_387651ff6134b55e.txt",
    "004_fabf8f5175f67c55.txt"};
// The council minutes: Japanese administrative text too, but another document.
inline const char* const kMinutesSeed = "003_204d5ffe7724b77a.txt";

// The non-empty lines of the seed files named, in order.
inline std::vector<std::string> SeedLines(const std::string& seeds_dir,
                                          const std::vector<std::string>& names) {
  std::vector<std::string> lines;
  for (const std::string& name : names) {
    std::ifstream in(seeds_dir + "/" + name, std::ios::binary);
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
  }
  return lines;
}

inline size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

// About `chars` characters (code points): paragraphs drawn from `lines` in a random order,
// each numbered as an article (「第12条　」) so that, as in a real agreement, almost every
// paragraph is different from every other one.
inline std::string Agreement(const std::vector<std::string>& lines, size_t chars, uint32_t seed) {
  std::mt19937 rng(seed);
  std::string out;
  size_t n = 0;
  for (int article = 1; n < chars && !lines.empty(); ++article) {
    std::string line = "第" + std::to_string(article) + "条　" + lines[rng() % lines.size()];
    out += line;
    out += '\n';
    n += CodePoints(line) + 1;
  }
  return out;
}

// `text` revised as a later edition would be: about one edit every `every` characters, at
// random places: a digit changed (第17項 → 第19項), a phrase inserted or a few characters
// deleted or replaced, a line break added or removed, a digit written full width.
inline std::string Revise(const std::string& text, size_t every, uint32_t seed) {
  static const char* const kPhrases[] = {"等",
                                         "及び再委託先",
                                         "（以下「本件業務」という。）",
                                         "速やかに",
                                         "書面により",
                                         "個人情報の保護に関する法律",
                                         "年度当たり1回以上"};
  std::mt19937 rng(seed);
  std::string out;
  out.reserve(text.size() + text.size() / 50);
  size_t next = every / 2 + rng() % every;
  size_t chars = 0;
  for (size_t i = 0; i < text.size();) {
    size_t len = 1;
    while (i + len < text.size() && (static_cast<unsigned char>(text[i + len]) & 0xC0) == 0x80) {
      ++len;
    }
    std::string c = text.substr(i, len);
    i += len;
    if (++chars < next) {
      out += c;
      continue;
    }
    next = chars + every / 2 + rng() % every;
    switch (rng() % 6) {
      case 0:  // A digit changed, or a phrase inserted where there is none.
        if (c.size() == 1 && c[0] >= '0' && c[0] <= '9') {
          out += static_cast<char>('0' + (c[0] - '0' + 1 + rng() % 9) % 10);
        } else {
          out += c;
          out += kPhrases[rng() % 7];
        }
        break;
      case 1:
        out += kPhrases[rng() % 7];
        out += c;
        break;
      case 2:  // A few characters deleted.
        for (int k = static_cast<int>(rng() % 6); k > 0 && i < text.size(); --k) {
          do ++i;
          while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80);
        }
        break;
      case 3:  // Replaced by a phrase.
        out += kPhrases[rng() % 7];
        break;
      case 4:  // A line broken (ignored by the default options).
        out += c == "\n" ? "" : c + "\n";
        break;
      case 5:  // Full width (ignored by the default options).
        if (c.size() == 1 && c[0] >= '0' && c[0] <= '9') {
          out += "\xEF\xBC";
          out += static_cast<char>(0x90 + (c[0] - '0'));
        } else {
          out += c;
        }
        break;
    }
  }
  return out;
}

// The pairs the benchmarks diff. kAgreement: ~`chars` characters of agreement text and its
// revision with an edit every ~1000 characters. kUnrelated: that agreement and as much of
// the council minutes, which share vocabulary but no text.
struct TextPair {
  std::string old_text, new_text;
};

inline TextPair AgreementPair(const std::string& seeds_dir, size_t chars) {
  std::vector<std::string> lines =
      SeedLines(seeds_dir, {std::begin(kAgreementSeeds), std::end(kAgreementSeeds)});
  TextPair p;
  p.old_text = Agreement(lines, chars, 2023);
  p.new_text = Revise(p.old_text, 1000, 401);
  return p;
}

inline TextPair UnrelatedPair(const std::string& seeds_dir, size_t chars) {
  TextPair p;
  p.old_text = Agreement(
      SeedLines(seeds_dir, {std::begin(kAgreementSeeds), std::end(kAgreementSeeds)}), chars, 2023);
  p.new_text = Agreement(SeedLines(seeds_dir, {kMinutesSeed}), chars, 3);
  return p;
}

// The same lines in another order: the same characters, so the cheap lower bound of the edit
// distance does not apply and the search runs into its work budget.
inline TextPair ShuffledPair(const std::string& seeds_dir, size_t chars) {
  TextPair p;
  p.old_text = Agreement(
      SeedLines(seeds_dir, {std::begin(kAgreementSeeds), std::end(kAgreementSeeds)}), chars, 2023);
  std::vector<std::string> lines;
  std::istringstream in(p.old_text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + '\n');
  std::mt19937 rng(17);
  for (size_t i = lines.size(); i > 1; --i) std::swap(lines[i - 1], lines[rng() % i]);
  for (const std::string& line : lines) p.new_text += line;
  return p;
}

}  // namespace tokki::bench

#endif  // TOKKI_BENCH_DIFF_TEXTS_H_
