// Test data that deflate cannot shrink: bytes of a simple linear congruential generator.
#ifndef TOKKI_TESTS_TESTING_NOISE_H_
#define TOKKI_TESTS_TESTING_NOISE_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace tokki::testing {

inline std::string Noise(size_t n) {
  std::string out(n, '\0');
  uint32_t x = 12345;
  for (char& c : out) {
    x = x * 1103515245 + 12345;
    c = static_cast<char>(x >> 24);
  }
  return out;
}

}  // namespace tokki::testing

#endif  // TOKKI_TESTS_TESTING_NOISE_H_
