#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/protext/eval_report.h"

namespace protext {

// A labelled image folder: one sub-folder per class.
struct ImageFolder {
  std::string root;
  std::vector<std::string> classes;  // as they go into templates ('_' read as ' ')
  std::vector<std::string> paths;    // image files, grouped by class, sorted within each
  std::vector<int64_t> labels;       // index into classes, one per path
  std::vector<SkippedImage> skipped;        // files that are not images (by extension)
  std::vector<std::string> ignored_folders;  // sub-folders the --classes list does not name
};

// The image extensions read, lower case, without the dot.
const std::vector<std::string>& image_extensions();

// Classes are the sub-folders in sorted order, or the order of classes_override (a
// --classes list), each of whose names must match a folder through class_key(); folders
// it does not name are left out and listed in ignored_folders. Hidden entries are
// ignored. A missing folder, no class folders, a class folder without images, or a
// listed class with no folder is an error naming the folder.
ImageFolder read_image_folder(const std::string& dir, const std::vector<std::string>& classes_override = {});

// CLIP image embeddings of a folder's readable images.
struct ImageFeatures {
  torch::Tensor features;             // [n, embed_dim] fp32, L2-normalised, CPU
  std::vector<int64_t> labels;        // [n] labels of the images that were read
  std::vector<std::string> paths;     // [n]
  std::vector<SkippedImage> skipped;  // unreadable images, with the decoder's message
  int64_t encoded = 0;                // images run through the vision tower by this call
  bool from_cache = false;
  bool cancelled = false;
};

// Embeddings are cached as <cache_dir>/images-<hash>.safetensors, the hash covering the
// model fingerprint, its dtype and device, and every file's path, size and modification
// time, so a second evaluation of an unchanged folder encodes nothing (cache_dir empty:
// no cache). progress(done, total) after each batch; cancel stops between batches.
ImageFeatures encode_image_folder(ClipModel& clip, const ImageFolder& folder, const std::string& cache_dir,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel, int64_t batch_size = 32);

}  // namespace protext
