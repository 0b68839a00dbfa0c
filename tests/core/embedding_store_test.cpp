// The on-disk embedding cache (issue 10): rows come back exactly as written; the cache
// stays under its byte bound, dropping the least recently used segments; many small
// segments are merged into one; and a file that is cut short, of another width, damaged or
// crafted to claim huge sizes is skipped and removed, never read as numbers.
#include <QTemporaryDir>
#include <QTest>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "core/runtime/embedding_store.h"
#include "support/suite.h"

namespace fs = std::filesystem;
using protext::EmbeddingStore;

namespace {

std::vector<float> rows_of(int n, int dim, float base) {
  std::vector<float> rows(static_cast<size_t>(n * dim));
  for (size_t i = 0; i < rows.size(); ++i) rows[i] = base + static_cast<float>(i) * 0.25f;
  return rows;
}

std::vector<std::string> keys_of(int n, const std::string& prefix) {
  std::vector<std::string> keys;
  for (int i = 0; i < n; ++i) keys.push_back(prefix + std::to_string(i));
  return keys;
}

std::map<std::string, std::vector<float>> read_all(EmbeddingStore& store, int dim, EmbeddingStore::Loaded* loaded = nullptr) {
  std::map<std::string, std::vector<float>> out;
  const auto result = store.load([&](std::string_view key, const float* row) {
    out[std::string(key)] = std::vector<float>(row, row + dim);
  });
  if (loaded) *loaded = result;
  return out;
}

std::vector<fs::path> segments(const std::string& dir) {
  std::vector<fs::path> out;
  if (fs::exists(dir))
    for (const auto& e : fs::directory_iterator(dir))
      if (e.path().extension() == ".emb") out.push_back(e.path());
  return out;
}

}  // namespace

class EmbeddingStoreTest : public QObject {
  Q_OBJECT
  QTemporaryDir dir_;
  std::string root(const char* name) { return (dir_.path() + "/" + name).toStdString(); }

 private slots:
  void rowsComeBackExactlyAsWritten() {
    EmbeddingStore store(root("exact"), "text-abc", 8, 1 << 20);
    const auto rows = rows_of(3, 8, -1.5f);
    QVERIFY(store.append({"alpha", std::string("\0\x01\x02", 3), "gamma"}, rows.data()));
    EmbeddingStore::Loaded loaded;
    const auto back = read_all(store, 8, &loaded);
    QCOMPARE(loaded.rows, int64_t(3));
    QCOMPARE(loaded.segments, int64_t(1));
    QCOMPARE(back.size(), size_t(3));
    QVERIFY(std::memcmp(back.at("alpha").data(), rows.data(), 8 * sizeof(float)) == 0);
    QVERIFY(std::memcmp(back.at(std::string("\0\x01\x02", 3)).data(), rows.data() + 8, 8 * sizeof(float)) == 0);
    QVERIFY(std::memcmp(back.at("gamma").data(), rows.data() + 16, 8 * sizeof(float)) == 0);
  }

  void anotherWidthReadsNothingAndTheFileIsRemoved() {
    EmbeddingStore wide(root("width"), "text-abc", 8, 1 << 20);
    QVERIFY(wide.append(keys_of(2, "k"), rows_of(2, 8, 0).data()));
    EmbeddingStore narrow(root("width"), "text-abc", 4, 1 << 20);
    EmbeddingStore::Loaded loaded;
    QVERIFY(read_all(narrow, 4, &loaded).empty());
    QCOMPARE(loaded.damaged, int64_t(1));
    QVERIFY(segments(narrow.dir()).empty());
  }

  void damagedTruncatedAndCraftedSegmentsAreSkipped() {
    const std::string r = root("hostile");
    EmbeddingStore store(r, "image-abc", 4, 1 << 20);
    QVERIFY(store.append(keys_of(2, "good"), rows_of(2, 4, 1).data()));
    const fs::path good = segments(store.dir()).front();
    std::string bytes;
    {
      std::ifstream in(good, std::ios::binary);
      bytes.assign(std::istreambuf_iterator<char>(in), {});
    }
    auto plant = [&](const std::string& name, const std::string& content) {
      std::ofstream(store.dir() + "/" + name, std::ios::binary) << content;
    };
    plant("seg-0-1-0.emb", bytes.substr(0, bytes.size() - 3));  // cut short
    std::string flipped = bytes;
    flipped[flipped.size() - 1] ^= 0x20;
    plant("seg-0-1-1.emb", flipped);  // a value changed
    std::string huge = bytes;
    const uint64_t claimed = uint64_t{1} << 60;
    std::memcpy(huge.data() + 16, &claimed, 8);  // count far beyond the file
    plant("seg-0-1-2.emb", huge);
    std::string long_key = bytes;
    const uint32_t key_length = 0xffffffffu;
    std::memcpy(long_key.data() + 40, &key_length, 4);  // a key longer than the file
    plant("seg-0-1-3.emb", long_key);
    plant("seg-0-1-4.emb", "PTX");  // shorter than a header
    EmbeddingStore::Loaded loaded;
    const auto back = read_all(store, 4, &loaded);
    QCOMPARE(loaded.damaged, int64_t(5));
    QCOMPARE(loaded.rows, int64_t(2));
    QCOMPARE(back.size(), size_t(2));
    QCOMPARE(segments(store.dir()).size(), size_t(1));  // only the good one is left
  }

  void theCacheStaysUnderItsBoundDroppingTheLeastRecentlyUsed() {
    const std::string r = root("bound");
    const int dim = 64;  // 256 bytes a row; a 16-row segment is a little over 4 KiB
    const uint64_t bound = 3 * (16 * dim * 4 + 400);
    EmbeddingStore a(r, "text-a", dim, bound), b(r, "text-b", dim, bound);
    QVERIFY(a.append(keys_of(16, "a1-"), rows_of(16, dim, 0).data()));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    QVERIFY(b.append(keys_of(16, "b1-"), rows_of(16, dim, 0).data()));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    QVERIFY(a.append(keys_of(16, "a2-"), rows_of(16, dim, 0).data()));
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    read_all(b, dim);  // b's segment is now the most recently used
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    QVERIFY(a.append(keys_of(16, "a3-"), rows_of(16, dim, 0).data()));
    QVERIFY(EmbeddingStore::bytes_used(r) <= bound);
    const auto left_a = read_all(a, dim);
    QVERIFY(!left_a.count("a1-0"));  // the oldest went
    QVERIFY(left_a.count("a2-0") && left_a.count("a3-0"));
    QVERIFY(read_all(b, dim).count("b1-0"));  // read recently: kept
  }

  void manySmallSegmentsAreMergedIntoOne() {
    EmbeddingStore store(root("merge"), "text-m", 4, 1 << 20);
    for (int i = 0; i < EmbeddingStore::kMergeAbove + 4; ++i)
      QVERIFY(store.append({"same", "k" + std::to_string(i)}, rows_of(2, 4, static_cast<float>(i)).data()));
    QCOMPARE(segments(store.dir()).size(), size_t(EmbeddingStore::kMergeAbove + 4));
    const auto before = read_all(store, 4);
    QCOMPARE(segments(store.dir()).size(), size_t(1));
    const auto after = read_all(store, 4);
    QVERIFY(before == after);
    QCOMPARE(after.size(), size_t(EmbeddingStore::kMergeAbove + 5));
    // The key written last keeps its last row.
    QCOMPARE(after.at("same")[0], static_cast<float>(EmbeddingStore::kMergeAbove + 3));
  }

  void clearEmptiesTheCache() {
    const std::string r = root("clear");
    EmbeddingStore store(r, "text-c", 4, 1 << 20);
    QVERIFY(store.append(keys_of(3, "c"), rows_of(3, 4, 0).data()));
    QVERIFY(EmbeddingStore::bytes_used(r) > 0);
    EmbeddingStore::clear(r);
    QCOMPARE(EmbeddingStore::bytes_used(r), uint64_t(0));
    QVERIFY(read_all(store, 4).empty());
  }

  void aTagThatIsNotAFolderNameIsRefused() {
    QVERIFY_THROWS_EXCEPTION(std::exception, EmbeddingStore(root("bad"), "../escape", 4, 1 << 20));
    QVERIFY_THROWS_EXCEPTION(std::exception, EmbeddingStore(root("bad"), "text", 0, 1 << 20));
  }
};

PROTEXT_TEST_SUITE(EmbeddingStoreTest)
#include "embedding_store_test.moc"
