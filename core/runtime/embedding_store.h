#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace protext {

// Embeddings kept on disk between runs (issue 10): rows of `dim` floats, each under a byte
// key, for one model and one kind of input (a store's `tag`, such as
// "text-<fingerprint>-Float-cpu"). Rows are appended as segment files, written atomically
// and checksummed; a reader skips (and deletes) a segment that is damaged, cut short or of
// another width, so a stale or hostile cache costs a re-encode, never a wrong number.
//
// Files live in <root>/<tag>/; the whole <root> is bounded in bytes and the segments used
// least recently (by modification time; a read touches them) are deleted first. Loading
// merges a store that has grown many segments into one, so the file count stays small.
class EmbeddingStore {
 public:
  EmbeddingStore(std::string root, std::string tag, int64_t dim, uint64_t max_bytes);

  struct Loaded {
    int64_t rows = 0, segments = 0, damaged = 0;
  };
  // visit(key, row) for every stored row, oldest segment first (a key written twice is
  // visited twice, the newer last).
  Loaded load(const std::function<void(std::string_view key, const float* row)>& visit);
  // One segment with rows [keys.size(), dim]. Best effort: a full disk or a read-only
  // folder returns false and the caller goes on without the cache.
  bool append(const std::vector<std::string>& keys, const float* rows);

  const std::string& dir() const { return dir_; }

  // Bytes under a cache root, and emptying it (the Preferences' "Clear").
  static uint64_t bytes_used(const std::string& root);
  static void clear(const std::string& root);

  static constexpr size_t kMaxKeyBytes = 4096;
  static constexpr int64_t kMaxDim = 1 << 16;
  static constexpr int kMergeAbove = 16;  // segments

 private:
  void evict();

  std::string root_, dir_;
  int64_t dim_;
  uint64_t max_bytes_;
};

}  // namespace protext
