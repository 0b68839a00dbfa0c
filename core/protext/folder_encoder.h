#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/protext/eval_report.h"
#include "core/protext/image_folder.h"

namespace protext {

// CLIP image embeddings of a folder's readable images.
struct ImageFeatures {
  torch::Tensor features;             // [n, embed_dim] fp32, L2-normalised, CPU
  std::vector<int64_t> labels;        // [n] labels of the images that were read
  std::vector<std::string> paths;     // [n]
  std::vector<SkippedImage> skipped;  // unreadable images, with the decoder's message
  int64_t encoded = 0;                // images run through the vision tower by this call
  int64_t cached = 0;                 // images whose embedding came from the cache
  bool from_cache = false;            // every readable image came from the cache
  bool cancelled = false;
};

struct FolderEncoding {
  std::string cache_dir;   // embeddings kept under embedding_cache_root(cache_dir); empty: none
  int64_t batch_size = 32;
  int decode_threads = 0;  // 0: chosen for the machine
  uint64_t cache_bytes = uint64_t{1} << 30;
};

// Each image's embedding is cached under its path, size and modification time (a replaced
// file is encoded again) for this model's weights, precision and device, and written while
// the folder is encoded, so an evaluation that was killed or cancelled goes on where it
// stopped. Images are decoded on a pool of threads, a few batches ahead of the encoder, so
// memory stays flat in the number of images. progress(done, total) after each batch;
// cancel stops between batches.
ImageFeatures encode_image_folder(ClipModel& clip, const ImageFolder& folder, const FolderEncoding& how,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel);

}  // namespace protext
