#include "core/clip/text_memo.h"

namespace protext {
namespace {

size_t bytes_of(const std::string& key, const torch::Tensor& row) {
  return key.size() + static_cast<size_t>(row.numel()) * sizeof(float) + 64;  // 64: list and map nodes
}

}  // namespace

TextMemo::TextMemo(size_t max_bytes) : max_bytes_(max_bytes) {}

std::string TextMemo::key_of(const std::vector<int64_t>& ids) {
  return std::string(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(int64_t));
}

torch::Tensor TextMemo::find(const std::vector<int64_t>& ids) { return find_key(key_of(ids)); }

torch::Tensor TextMemo::find_key(const std::string& key) {
  std::lock_guard<std::mutex> lock(mutex_);
  const auto it = index_.find(key);
  if (it == index_.end()) {
    ++stats_.misses;
    return {};
  }
  ++stats_.hits;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->row;
}

void TextMemo::insert(const std::vector<int64_t>& ids, const torch::Tensor& row) { insert_key(key_of(ids), row); }

void TextMemo::insert_key(std::string key, const torch::Tensor& row) {
  const torch::Tensor stored = row.to(torch::kCPU, torch::kFloat32).contiguous().clone();
  const size_t bytes = bytes_of(key, stored);
  std::lock_guard<std::mutex> lock(mutex_);
  if (bytes > max_bytes_ || index_.count(key)) return;
  evict_to(max_bytes_ - bytes);
  order_.push_front({key, stored});
  index_.emplace(std::move(key), order_.begin());
  stats_.bytes += bytes;
  stats_.entries = static_cast<int64_t>(index_.size());
}

void TextMemo::evict_to(size_t bytes) {
  while (stats_.bytes > bytes && !order_.empty()) {
    const Entry& last = order_.back();
    stats_.bytes -= bytes_of(last.key, last.row);
    index_.erase(last.key);
    order_.pop_back();
  }
  stats_.entries = static_cast<int64_t>(index_.size());
}

TextMemo::Stats TextMemo::stats() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return stats_;
}

}  // namespace protext
