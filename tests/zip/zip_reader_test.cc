#include "zip/zip_reader.h"

#include <gtest/gtest.h>

#include <cstring>
#include <functional>

#include "testing/noise.h"
#include "zip/zip_writer.h"

namespace tokki {
namespace {

std::string Zip(const std::vector<std::pair<std::string, std::string>>& entries,
                ZipWriter::Compression compression = ZipWriter::Compression::kFast) {
  ZipWriter w;
  for (const auto& [name, data] : entries) w.Add(name, data, compression);
  auto bytes = w.Finish();
  EXPECT_TRUE(bytes.ok()) << bytes.status().message();
  return bytes.ok() ? *bytes : std::string();
}

// Calls patch(header offset) for every local file header and central directory header, so a
// test can make the archive lie (sizes, methods, flags) the way a crafted file would.
void PatchHeaders(std::string* zip, const std::function<void(size_t, bool central)>& patch) {
  for (const auto& [sig, central] :
       {std::pair{std::string("PK\x03\x04"), false}, std::pair{std::string("PK\x01\x02"), true}}) {
    for (size_t at = zip->find(sig); at != std::string::npos; at = zip->find(sig, at + 4)) {
      patch(at, central);
    }
  }
}

void Put16(std::string* s, size_t at, uint16_t v) {
  (*s)[at] = static_cast<char>(v & 0xFF);
  (*s)[at + 1] = static_cast<char>(v >> 8);
}

void Put32(std::string* s, size_t at, uint32_t v) {
  for (int i = 0; i < 4; ++i) (*s)[at + i] = static_cast<char>((v >> (8 * i)) & 0xFF);
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.rfind(prefix, 0) == 0; }

using testing::Noise;  // Data that deflate cannot shrink.

TEST(ZipReaderTest, ReadsStoredAndDeflatedEntries) {
  for (auto compression : {ZipWriter::Compression::kStore, ZipWriter::Compression::kBest}) {
    std::string bytes =
        Zip({{"[Content_Types].xml", "<Types/>"}, {"word/document.xml", "本文"}}, compression);
    auto zip = ZipReader::Open(bytes, "a.docx");
    ASSERT_TRUE(zip.ok()) << zip.status().message();
    EXPECT_EQ((*zip)->entries(),
              (std::vector<std::string>{"[Content_Types].xml", "word/document.xml"}));
    EXPECT_TRUE((*zip)->Contains("word/document.xml"));
    EXPECT_TRUE((*zip)->Contains("Word/Document.XML")) << "OPC part names ignore case";
    auto data = (*zip)->Read("word/document.xml");
    ASSERT_TRUE(data.ok()) << data.status().message();
    EXPECT_EQ(*data, "本文");
    auto missing = (*zip)->Read("word/styles.xml");
    EXPECT_EQ(missing.status().code(), Status::Code::kNotFound);
  }
}

// StoredForm is the cache key for parts shared between documents: equal only for equal
// contents stored the same way.
TEST(ZipReaderTest, StoredFormsAreEqualExactlyForEqualEntries) {
  const std::string styles(5000, 'x');
  std::string a = Zip({{"word/styles.xml", styles}, {"word/other.xml", styles + "y"}});
  std::string b = Zip({{"word/document.xml", "別の本文"}, {"word/styles.xml", styles}});
  std::string stored = Zip({{"word/styles.xml", styles}}, ZipWriter::Compression::kStore);
  auto za = ZipReader::Open(a, "a.docx");
  auto zb = ZipReader::Open(b, "b.docx");
  auto zs = ZipReader::Open(stored, "s.docx");
  ASSERT_TRUE(za.ok() && zb.ok() && zs.ok());
  auto key = [](ZipReader& z, const char* entry) {
    auto k = z.StoredForm(entry);
    EXPECT_TRUE(k.ok()) << k.status().message();
    return k.ok() ? *k : std::string();
  };
  const std::string ka = key(**za, "word/styles.xml");
  EXPECT_EQ(ka, key(**zb, "Word/Styles.xml"));
  EXPECT_NE(ka, key(**za, "word/other.xml"));
  EXPECT_NE(ka, key(**zs, "word/styles.xml")) << "same text, stored rather than deflated";
  EXPECT_LT(ka.size(), 200u) << "the compressed form, not the 5000 bytes";
  EXPECT_EQ((*za)->bytes_inflated(), 0u);
  EXPECT_EQ((*za)->StoredForm("word/numbering.xml").status().code(), Status::Code::kNotFound);
  // AppendStoredForm adds the same bytes after what is there.
  std::string joined = "prefix|";
  ASSERT_TRUE((*za)->AppendStoredForm("word/styles.xml", &joined).ok());
  ASSERT_TRUE((*za)->AppendStoredForm("word/other.xml", &joined).ok());
  EXPECT_EQ(joined, "prefix|" + ka + key(**za, "word/other.xml"));
  EXPECT_EQ((*za)->AppendStoredForm("word/numbering.xml", &joined).code(), Status::Code::kNotFound);
}

TEST(ZipReaderTest, StopsInflatingABombAtTheRatioLimit) {
  // 48 MiB of zeros deflate to about 48 KiB: a ratio near 1000, under the 64 MiB size limit.
  std::string bytes =
      Zip({{"word/document.xml", std::string(48 << 20, '\0')}}, ZipWriter::Compression::kBest);
  ASSERT_LT(bytes.size(), size_t{100} << 10);
  ZipLimits limits;  // 64 MiB per entry: only the ratio stops this one.
  limits.max_ratio = 100;
  const std::string want =
      "bomb.docx: zip のエントリ word/document.xml の圧縮率が異常に高いため読みません "
      "(zip bomb の疑い、上限 100 倍)";
  // As written, the declared sizes give the ratio away: nothing is inflated.
  auto zip = ZipReader::Open(bytes, "bomb.docx", limits);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  auto data = (*zip)->Read("word/document.xml");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), want);
  EXPECT_EQ((*zip)->bytes_inflated(), 0u);
  // Declaring 1000 bytes hides it from that check: inflating stops once the bytes counted
  // pass 100 times the compressed size (about 5 MB here), not at 48 MiB.
  PatchHeaders(&bytes,
               [&](size_t at, bool central) { Put32(&bytes, at + (central ? 24 : 22), 1000); });
  zip = ZipReader::Open(bytes, "bomb.docx", limits);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  data = (*zip)->Read("word/document.xml");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), want);
  EXPECT_GT((*zip)->bytes_inflated(), 0u);
  EXPECT_LT((*zip)->bytes_inflated(), uint64_t{100} * bytes.size() + (64 << 10))
      << "inflated far past the limit";
}

TEST(ZipReaderTest, RefusesAnEntryLargerThanTheLimit) {
  std::string bytes = Zip({{"word/document.xml", Noise(2 << 20)}});
  ZipLimits limits;
  limits.max_entry_bytes = 1 << 20;
  auto zip = ZipReader::Open(bytes, "x.docx", limits);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  auto data = (*zip)->Read("word/document.xml");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(),
            "x.docx: zip のエントリ word/document.xml が大きすぎます (展開後 1 MiB 超)");
  EXPECT_EQ((*zip)->bytes_inflated(), 0u) << "the declared size alone is enough to refuse";
}

TEST(ZipReaderTest, CountsBytesWhenTheDeclaredSizeLies) {
  std::string bytes = Zip({{"word/document.xml", std::string(8 << 20, 'a')}});
  // Declare 1000 bytes in both headers: the early check passes, counting must catch it.
  PatchHeaders(&bytes,
               [&](size_t at, bool central) { Put32(&bytes, at + (central ? 24 : 22), 1000); });
  ZipLimits limits;
  limits.max_entry_bytes = 1 << 20;
  limits.max_ratio = 0;  // Off: the size limit alone must stop it.
  auto zip = ZipReader::Open(bytes, "lie.docx", limits);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  auto data = (*zip)->Read("word/document.xml");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(),
            "lie.docx: zip のエントリ word/document.xml が大きすぎます (展開後 1 MiB 超)");
  EXPECT_LE((*zip)->bytes_inflated(), (uint64_t{1} << 20) + (64 << 10));
}

TEST(ZipReaderTest, LimitsTheTotalOfAllEntries) {
  std::string bytes = Zip({{"a.xml", Noise(600 << 10)}, {"b.xml", Noise(600 << 10)}});
  ZipLimits limits;
  limits.max_total_bytes = 1 << 20;
  auto zip = ZipReader::Open(bytes, "x.docx", limits);
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  EXPECT_TRUE((*zip)->Read("a.xml").ok());
  auto b = (*zip)->Read("b.xml");
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().message(),
            "x.docx: zip の展開後の合計が大きすぎます (1 MiB 超、b.xml で超過)");
}

TEST(ZipReaderTest, RefusesWhatIsNotAZip) {
  std::string good = Zip({{"word/document.xml", Noise(10000)}, {"word/styles.xml", "<x/>"}});
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"truncated", good.substr(0, good.size() / 2)},
      {"text", "これは zip ではありません"},
      {"empty", ""},
  };
  for (const auto& [label, bytes] : cases) {
    auto zip = ZipReader::Open(bytes, "t.docx");
    ASSERT_FALSE(zip.ok()) << label;
    EXPECT_EQ(zip.status().message(), "t.docx: .docx（zip）として読めません") << label;
  }
}

TEST(ZipReaderTest, RefusesCorruptEntryData) {
  std::string bytes = Zip({{"word/document.xml", Noise(10000)}}, ZipWriter::Compression::kStore);
  bytes[100] = static_cast<char>(bytes[100] ^ 0x55);  // Inside the stored data: CRC mismatch.
  auto zip = ZipReader::Open(bytes, "c.docx");
  ASSERT_TRUE(zip.ok()) << zip.status().message();
  auto data = (*zip)->Read("word/document.xml");
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().message(), "c.docx: zip のエントリ word/document.xml が壊れています");
}

TEST(ZipReaderTest, RefusesUnsafeEntryNames) {
  for (const std::string name : {"../evil.xml", "word/../../evil.xml", "..", "/etc/passwd",
                                 "word\\document.xml", "C:/evil.xml", "c:evil.xml"}) {
    std::string bytes = Zip({{"word/document.xml", "<x/>"}, {name, "x"}});
    ASSERT_FALSE(bytes.empty()) << name;
    auto zip = ZipReader::Open(bytes, "n.docx");
    ASSERT_FALSE(zip.ok()) << name;
    EXPECT_TRUE(
        StartsWith(zip.status().message(), "n.docx: zip のエントリ名「" + name + "」は不正です"))
        << zip.status().message();
  }
  for (const std::string name : {"word/..x.xml", "word/a..b/c.xml", "word/x.."}) {
    std::string bytes = Zip({{name, "x"}});
    EXPECT_TRUE(ZipReader::Open(bytes, "n.docx").ok()) << name << " is a harmless name";
  }
}

TEST(ZipReaderTest, RefusesTooManyEntries) {
  std::string bytes = Zip({{"a", "1"}, {"b", "2"}, {"c", "3"}, {"d", "4"}, {"e", "5"}});
  ZipLimits limits;
  limits.max_entries = 4;
  auto zip = ZipReader::Open(bytes, "m.docx", limits);
  ASSERT_FALSE(zip.ok());
  EXPECT_EQ(zip.status().message(), "m.docx: zip のエントリが多すぎます (5 個、上限 4 個)");
}

TEST(ZipReaderTest, RefusesEncryptionOtherMethodsAndDuplicates) {
  struct Case {
    const char* label;
    std::function<void(std::string*)> patch;
    std::string want;
  };
  const std::vector<Case> cases = {
      {"encrypted",
       [](std::string* z) {
         PatchHeaders(z, [&](size_t at, bool central) {
           (*z)[at + (central ? 8 : 6)] = static_cast<char>((*z)[at + (central ? 8 : 6)] | 1);
         });
       },
       "e.docx: zip のエントリ word/document.xml は暗号化されています (暗号化された zip "
       "は読めません)"},
      {"bzip2",
       [](std::string* z) {
         PatchHeaders(z, [&](size_t at, bool central) { Put16(z, at + (central ? 10 : 8), 12); });
       },
       "e.docx: zip のエントリ word/document.xml の圧縮方式 (12) には対応していません (stored と "
       "deflate のみ)"},
      {"duplicate",
       [](std::string* z) {
         for (size_t at = z->find("word/document.xm2"); at != std::string::npos;
              at = z->find("word/document.xm2", at)) {
           z->replace(at, 17, "WORD/DOCUMENT.XML");
         }
       },
       "e.docx: zip のエントリ「WORD/DOCUMENT.XML」が重複しています"},
  };
  for (const auto& c : cases) {
    std::string bytes = Zip({{"word/document.xml", "<x/>"}, {"word/document.xm2", "<y/>"}});
    c.patch(&bytes);
    auto zip = ZipReader::Open(bytes, "e.docx");
    ASSERT_FALSE(zip.ok()) << c.label;
    EXPECT_EQ(zip.status().message(), c.want) << c.label;
  }
}

}  // namespace
}  // namespace tokki
