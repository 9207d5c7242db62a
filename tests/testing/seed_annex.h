// Extracts the annex (特記事項) items from a seed file under ../shared/seeds, independently of
// the clause library, so that tests can compare the library with its sources.
#ifndef TOKKI_TESTS_TESTING_SEED_ANNEX_H_
#define TOKKI_TESTS_TESTING_SEED_ANNEX_H_

#include <string>
#include <vector>

namespace tokki::testing {

struct SeedItem {
  int number = 0;
  std::string heading;  // Heading printed above this item, "" when none.
  std::string text;     // Item text with sub-items appended, as in the seed (raw).
};

// Items of the annex in the seed file, in order. Empty when the file cannot be read.
std::vector<SeedItem> ReadSeedAnnex(const std::string& path);

}  // namespace tokki::testing

#endif  // TOKKI_TESTS_TESTING_SEED_ANNEX_H_
