#pragma once
#include <atomic>
#include <functional>
#include <string>
#include <vector>

#include "core/clip/clip_model.h"
#include "core/protext/image_folder.h"
#include "core/zeroshot/method_set.h"
#include "core/zeroshot/probabilities.h"

namespace protext {

// Every method's predictions for a folder of unlabelled images: for labelling a set with
// all methods side by side (`protext classify --folder`, the app's Classify Folder).
struct FolderPredictions {
  std::vector<std::string> classes;
  std::vector<std::string> methods;  // ids, in display order
  std::vector<std::string> paths;    // the images that were read, in folder order
  // [method][image]: the top k classes, best first, with the probabilities `protext
  // classify` and the app's charts show (most_probable_classes()).
  std::vector<std::vector<std::vector<RankedClass>>> top;
  std::vector<SkippedImage> skipped;  // files left out, with the reason
  int64_t cached = 0;                 // images whose embedding came from the cache
  bool cancelled = false;
};

// Encodes the folder's images (cached as an evaluation caches them, see
// encode_image_folder) and ranks them with every method of `methods`. progress(done,
// total) after each batch; cancel stops between batches and returns cancelled. A folder
// none of whose images can be read is an error naming the first.
FolderPredictions classify_folder(ClipModel& clip, const ImageFolder& folder, const MethodSet& methods, int top_k,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel, const std::string& cache_dir);

// image,<method>,<method>_prob,...: each method's best class and its probability.
std::string predictions_csv(const FolderPredictions& predictions);
// {"image", "methods": {method: {"top5": [[class, prob], ...]}}} per line (top k).
std::string predictions_jsonl(const FolderPredictions& predictions);
// .csv or .jsonl by the path's extension, written atomically; another extension is refused.
void write_folder_predictions(const FolderPredictions& predictions, const std::string& path);
// Throws, before any image is encoded, when write_folder_predictions would refuse `path`.
void check_predictions_path(const std::string& path);

}  // namespace protext
