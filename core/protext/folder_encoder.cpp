#include "core/protext/folder_encoder.h"

#include <algorithm>
#include <condition_variable>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "core/error.h"
#include "core/runtime/cache_dir.h"
#include "core/runtime/content_hash.h"
#include "core/runtime/embedding_store.h"
#ifdef PROTEXT_WITH_IMAGES
#include "core/image/preprocess.h"
#endif

namespace fs = std::filesystem;

namespace protext {
namespace {

// A file's identity: a replaced or rewritten file changes its size or modification time.
std::string image_key(const std::string& path) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  const auto mtime = fs::last_write_time(path, ec).time_since_epoch().count();
  ContentHash h;
  h.add(fs::absolute(path, ec).string());
  h.add(std::to_string(ec ? 0 : size) + ":" + std::to_string(mtime));
  return h.hex();
}

#ifdef PROTEXT_WITH_IMAGES
struct DecodedBatch {
  std::vector<int64_t> index;  // into the folder's paths
  std::vector<torch::Tensor> pixels;
  std::vector<SkippedImage> failed;
};

// Decodes batches of `todo` on worker threads, at most `ahead` batches before the one the
// encoder takes next: decoding overlaps encoding and memory does not grow with the folder.
class DecodePool {
 public:
  DecodePool(const ImageFolder& folder, std::vector<int64_t> todo, int64_t batch, int threads, int size)
      : folder_(folder), todo_(std::move(todo)), batch_(batch), size_(size), ahead_(threads + 1),
        batches_((static_cast<int64_t>(todo_.size()) + batch - 1) / batch) {
    for (int t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }
  ~DecodePool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    changed_.notify_all();
    for (auto& w : workers_) w.join();
  }

  // The next batch in order; false when every batch has been taken.
  bool next(DecodedBatch& out) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (taken_ >= batches_) return false;
    changed_.wait(lock, [&] { return ready_.count(taken_) > 0; });
    out = std::move(ready_[taken_]);
    ready_.erase(taken_++);
    changed_.notify_all();
    return true;
  }

 private:
  void work() {
    for (;;) {
      int64_t b;
      {
        std::unique_lock<std::mutex> lock(mutex_);
        changed_.wait(lock, [&] { return stopping_ || claimed_ >= batches_ || claimed_ - taken_ < ahead_; });
        if (stopping_ || claimed_ >= batches_) return;
        b = claimed_++;
      }
      DecodedBatch batch;
      const auto begin = static_cast<size_t>(b * batch_);
      const auto end = std::min(todo_.size(), begin + static_cast<size_t>(batch_));
      for (size_t k = begin; k < end; ++k) {
        const auto& path = folder_.paths[static_cast<size_t>(todo_[k])];
        // One unreadable file costs only itself: it is reported, never fatal.
        try {
          batch.pixels.push_back(preprocess_image(path, size_));
          batch.index.push_back(todo_[k]);
        } catch (const std::exception& e) {
          batch.failed.push_back({path, e.what()});
        }
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        ready_[b] = std::move(batch);
      }
      changed_.notify_all();
    }
  }

  const ImageFolder& folder_;
  const std::vector<int64_t> todo_;
  const int64_t batch_;
  const int size_;
  const int64_t ahead_, batches_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<int64_t, DecodedBatch> ready_;
  int64_t claimed_ = 0, taken_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

// Decoding is a fraction of ViT encoding; one thread in two keeps it ahead without taking
// the encoder's cores.
int default_decode_threads() {
  const int cores = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  return std::clamp(cores / 2, 1, 4);
}
#endif

}  // namespace

ImageFeatures encode_image_folder(ClipModel& clip, const ImageFolder& folder, const FolderEncoding& how,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel) {
  if (how.batch_size < 1) throw Error("encode_image_folder", "batch size must be at least 1");
  ImageFeatures out;
  const auto total = static_cast<int64_t>(folder.paths.size());
  const int64_t dim = clip.config().embed_dim;
  torch::Tensor features = torch::zeros({total, dim});
  std::vector<char> have(static_cast<size_t>(total), 0);
  std::vector<std::string> keys(static_cast<size_t>(total));
  const std::string root = embedding_cache_root(how.cache_dir);
  std::unique_ptr<EmbeddingStore> store;
  if (!root.empty() && !clip.fingerprint().empty()) {
    store = std::make_unique<EmbeddingStore>(root, clip.embedding_store_tag("image"), dim, how.cache_bytes);
    std::unordered_map<std::string, int64_t> wanted;
    for (int64_t i = 0; i < total; ++i) wanted.emplace(keys[static_cast<size_t>(i)] = image_key(folder.paths[static_cast<size_t>(i)]), i);
    float* rows = features.data_ptr<float>();
    store->load([&](std::string_view key, const float* row) {
      const auto it = wanted.find(std::string(key));
      if (it == wanted.end()) return;
      std::copy(row, row + dim, rows + it->second * dim);
      if (!have[static_cast<size_t>(it->second)]) ++out.cached;
      have[static_cast<size_t>(it->second)] = 1;
    });
  }
  std::vector<int64_t> todo;
  for (int64_t i = 0; i < total; ++i)
    if (!have[static_cast<size_t>(i)]) todo.push_back(i);

  if (!todo.empty()) {
#ifdef PROTEXT_WITH_IMAGES
    if (progress && out.cached > 0) progress(out.cached, total);
    const int threads = how.decode_threads > 0 ? how.decode_threads : default_decode_threads();
    DecodePool pool(folder, todo, how.batch_size, threads, static_cast<int>(clip.config().vision.image_size));
    // Written every few hundred images: a killed run loses at most that much work.
    std::vector<std::string> pending_keys;
    std::vector<float> pending_rows;
    auto flush = [&] {
      if (store && !pending_keys.empty()) store->append(pending_keys, pending_rows.data());
      pending_keys.clear();
      pending_rows.clear();
    };
    int64_t done = out.cached;
    DecodedBatch batch;
    while (pool.next(batch)) {
      if (cancel) {
        out.cancelled = true;
        break;
      }
      out.skipped.insert(out.skipped.end(), batch.failed.begin(), batch.failed.end());
      if (!batch.pixels.empty()) {
        const auto encoded = clip.encode_images(torch::stack(batch.pixels), /*normalize=*/true, how.batch_size);
        for (size_t k = 0; k < batch.index.size(); ++k) {
          const int64_t i = batch.index[k];
          features[i].copy_(encoded[static_cast<int64_t>(k)]);
          have[static_cast<size_t>(i)] = 1;
          if (store) {
            pending_keys.push_back(keys[static_cast<size_t>(i)]);
            const float* row = encoded[static_cast<int64_t>(k)].data_ptr<float>();
            pending_rows.insert(pending_rows.end(), row, row + dim);
          }
        }
        out.encoded += static_cast<int64_t>(batch.pixels.size());
        if (pending_keys.size() >= 256) flush();
      }
      done += static_cast<int64_t>(batch.index.size() + batch.failed.size());
      if (progress) progress(done, total);
    }
    flush();
    if (out.cancelled) return out;
#else
    (void)cancel;
    throw Error(folder.root, "reading images needs a build with OpenCV (PROTEXT_WITH_IMAGES)");
#endif
  } else if (progress) {
    progress(total, total);
  }
  std::vector<int64_t> read;
  for (int64_t i = 0; i < total; ++i)
    if (have[static_cast<size_t>(i)]) {
      read.push_back(i);
      out.labels.push_back(folder.labels[static_cast<size_t>(i)]);
      out.paths.push_back(folder.paths[static_cast<size_t>(i)]);
    }
  out.features = read.size() == static_cast<size_t>(total) ? features : features.index_select(0, torch::tensor(read));
  out.from_cache = out.encoded == 0 && out.cached > 0;
  return out;
}

}  // namespace protext
