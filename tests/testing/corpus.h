// The agreements of the labelled corpus (tests/corpus/files), read as tokki reads them, for
// tests that need many real documents.
#ifndef TOKKI_TESTS_TESTING_CORPUS_H_
#define TOKKI_TESTS_TESTING_CORPUS_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

#include "read/document.h"

namespace tokki {

// Every .docx, .txt and .pdf of the corpus, in file-name order. A file that does not read is
// a test failure.
inline std::vector<Document> ReadCorpusDocuments() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry :
       std::filesystem::directory_iterator(TOKKI_SOURCE_DIR "/tests/corpus/files")) {
    const std::string ext = entry.path().extension();
    if (ext == ".docx" || ext == ".txt" || ext == ".pdf") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<Document> docs;
  for (const auto& path : paths) {
    auto doc = ReadDocument(path);
    EXPECT_TRUE(doc.ok()) << doc.status().message();
    if (doc.ok()) docs.push_back(std::move(*doc));
  }
  return docs;
}

}  // namespace tokki

#endif  // TOKKI_TESTS_TESTING_CORPUS_H_
