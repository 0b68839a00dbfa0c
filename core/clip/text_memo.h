#pragma once

#include <torch/types.h>

#include <cstdint>
#include <list>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace protext {

// Text embeddings already computed by one model, keyed by their token ids: a class edit
// re-encodes only the texts it changed (issue 10). Bounded in bytes, least recently used
// evicted first. Thread-safe: the app's services encode on several threads. Valid only
// while the model's weights stay as they are, so a ClipModel uses one only when asked
// (ClipModel::remember_text_embeddings).
class TextMemo {
 public:
  explicit TextMemo(size_t max_bytes);

  // The row stored for these ids (fp32, [embed_dim], not normalised), or an undefined tensor.
  torch::Tensor find(const std::vector<int64_t>& ids);
  torch::Tensor find_key(const std::string& key);
  void insert(const std::vector<int64_t>& ids, const torch::Tensor& row);
  // A row read back from the disk cache, under the key key_of() gave it.
  void insert_key(std::string key, const torch::Tensor& row);
  static std::string key_of(const std::vector<int64_t>& ids);

  struct Stats {
    int64_t hits = 0, misses = 0, entries = 0;
    size_t bytes = 0;
  };
  Stats stats() const;

 private:
  struct Entry {
    std::string key;
    torch::Tensor row;
  };
  void evict_to(size_t bytes);

  const size_t max_bytes_;
  mutable std::mutex mutex_;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  Stats stats_;
};

}  // namespace protext
