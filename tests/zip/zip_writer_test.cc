// ZipWriter writes the archives of added data itself (zlib), and the rest with libzip: the two
// must give the same bytes (those of the libzip 1.7 Debian ships, which deflates empty data
// where later versions store it), and prepared (compressed once) entries the same bytes as
// entries compressed for each archive.
#include "zip/zip_writer.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "testing/noise.h"
#include "zip/zip_reader.h"

namespace tokki {
namespace {

using Compression = ZipWriter::Compression;

using testing::Noise;  // Data that deflate cannot shrink.

// XML-like text with repeats at every distance, longer than deflate's 32 KiB window and
// its blocks.
std::string Text(size_t n) {
  std::string out;
  for (int i = 0; out.size() < n; ++i) {
    out += "<w:p><w:r><w:t>" + std::to_string(i * 7919 % 1000) + "\t特記事項 第" +
           std::to_string(i) + "項</w:t></w:r></w:p>";
  }
  out.resize(n);
  return out;
}

struct Part {
  std::string name;
  std::string data;
  Compression compression;
};

std::vector<Part> Parts() {
  return {
      {"[Content_Types].xml", "<Types/>", Compression::kBest},
      {"empty-deflated.xml", "", Compression::kFast},
      {"empty-stored.xml", "", Compression::kStore},
      {"one.txt", "x", Compression::kFast},
      {"word/document.xml", Text(300000), Compression::kFast},
      {"word/styles.xml", Text(20000), Compression::kBest},
      {"stored.xml", Text(5000), Compression::kStore},
      {"media/noise.bin", Noise(70000), Compression::kFast},
      {"media/noise9.bin", Noise(1000), Compression::kBest},
  };
}

void ExpectSameEntries(const std::string& archive, const std::vector<Part>& parts) {
  auto zip = ZipReader::Open(archive, "test.zip");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  ASSERT_EQ((*zip)->entries().size(), parts.size());
  for (size_t i = 0; i < parts.size(); ++i) {
    EXPECT_EQ((*zip)->entries()[i], parts[i].name);
    auto data = (*zip)->Read(parts[i].name);
    ASSERT_TRUE(data.ok()) << parts[i].name << ": " << data.status().message();
    EXPECT_EQ(*data, parts[i].data) << parts[i].name;
  }
}

TEST(ZipWriterTest, WritesTheBytesLibzipWrites) {
  const auto parts = Parts();
  ZipWriter w;
  for (const auto& p : parts) w.Add(p.name, p.data, p.compression);
  auto native = w.Finish();
  auto libzip = w.FinishWithLibzip();
  ASSERT_TRUE(native.ok()) << native.status().message();
  ASSERT_TRUE(libzip.ok()) << libzip.status().message();
  EXPECT_EQ(native->size(), libzip->size());
  EXPECT_TRUE(*native == *libzip) << "the archives differ";
  ExpectSameEntries(*native, parts);
}

TEST(ZipWriterTest, EachCompressionAloneMatchesLibzip) {
  for (auto compression : {Compression::kStore, Compression::kFast, Compression::kBest}) {
    for (size_t size : {size_t{0}, size_t{1}, size_t{100}, size_t{40000}}) {
      ZipWriter w;
      w.Add("a.xml", Text(size), compression);
      auto native = w.Finish();
      auto libzip = w.FinishWithLibzip();
      ASSERT_TRUE(native.ok() && libzip.ok());
      EXPECT_TRUE(*native == *libzip)
          << "compression " << static_cast<int>(compression) << ", " << size << " bytes";
    }
  }
}

TEST(ZipWriterTest, PreparedEntriesGiveTheSameArchive) {
  const auto parts = Parts();
  ZipWriter direct;
  ZipWriter prepared;
  for (const auto& p : parts) {
    direct.Add(p.name, p.data, p.compression);
    auto e = ZipWriter::Prepare(p.name, p.data, p.compression);
    ASSERT_TRUE(e.ok()) << e.status().message();
    EXPECT_EQ((*e)->name(), p.name);
    EXPECT_EQ((*e)->data(), p.data);
    if (p.compression == Compression::kStore) {
      EXPECT_EQ((*e)->compressed(), p.data);
    }
    prepared.Add(*e);
  }
  auto a = direct.Finish();
  auto b = prepared.Finish();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(*a == *b) << "a prepared entry is written differently";
  // libzip, which compresses a prepared entry's data again, gives the same bytes too.
  auto c = prepared.FinishWithLibzip();
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_TRUE(*a == *c);
  ExpectSameEntries(*b, parts);
}

TEST(ZipWriterTest, APreparedEntryServesManyArchives) {
  auto styles = ZipWriter::Prepare("word/styles.xml", Text(5000), Compression::kBest);
  ASSERT_TRUE(styles.ok());
  for (int i = 0; i < 3; ++i) {
    ZipWriter w;
    std::string body = Text(1000 + i * 100);
    w.Add("word/document.xml", body);
    w.Add(*styles);
    auto bytes = w.Finish();
    ASSERT_TRUE(bytes.ok());
    ExpectSameEntries(*bytes, {{"word/document.xml", body, Compression::kFast},
                               {"word/styles.xml", Text(5000), Compression::kBest}});
  }
}

TEST(ZipWriterTest, NonAsciiNamesAndCopiesGoThroughLibzip) {
  ZipWriter w;
  w.Add("word/文書.xml", Text(1000));
  w.Add("a.xml", "a");
  auto native = w.Finish();
  auto libzip = w.FinishWithLibzip();
  ASSERT_TRUE(native.ok() && libzip.ok());
  EXPECT_TRUE(*native == *libzip);
  ExpectSameEntries(*native, {{"word/文書.xml", Text(1000), Compression::kFast},
                              {"a.xml", "a", Compression::kFast}});

  // Entries copied from that archive, next to a prepared one and an added one.
  auto source = std::make_shared<const std::string>(*native);
  auto prepared = ZipWriter::Prepare("p.xml", Text(3000), Compression::kBest);
  ASSERT_TRUE(prepared.ok());
  ZipWriter copy;
  copy.AddCopy("copied.xml", source, 0);
  copy.Add(*prepared);
  copy.Add("new.xml", "new", Compression::kStore);
  auto bytes = copy.Finish();
  ASSERT_TRUE(bytes.ok()) << bytes.status().message();
  ExpectSameEntries(*bytes, {{"copied.xml", Text(1000), Compression::kFast},
                             {"p.xml", Text(3000), Compression::kBest},
                             {"new.xml", "new", Compression::kStore}});
}

TEST(ZipWriterTest, RefusesBadAndDuplicateNames) {
  for (const auto& [a, b] : std::vector<std::pair<std::string, std::string>>{
           {"word/document.xml", "WORD/Document.xml"}, {"a.xml", "dir/"}, {"a.xml", ""}}) {
    ZipWriter w;
    w.Add(a, "1");
    auto prepared = ZipWriter::Prepare(b, "2", Compression::kFast);
    ASSERT_TRUE(prepared.ok());
    w.Add(*prepared);
    EXPECT_FALSE(w.Finish().ok()) << a << " + " << b;
    EXPECT_FALSE(w.FinishWithLibzip().ok()) << a << " + " << b;
  }
}

}  // namespace
}  // namespace tokki
