#include "core/protext/classify_folder.h"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
#include "core/protext/folder_encoder.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/csv.h"
#include "core/zeroshot/classifier.h"

namespace protext {
namespace {

std::string extension_of(const std::string& path) { return std::filesystem::path(path).extension().string(); }

}  // namespace

FolderPredictions classify_folder(ClipModel& clip, const ImageFolder& folder, const MethodSet& methods, int top_k,
                                  const std::function<void(int64_t, int64_t)>& progress,
                                  const std::atomic<bool>& cancel, const std::string& cache_dir) {
  if (top_k < 1) throw Error("classify", "the number of classes to list must be at least 1");
  if (methods.methods.empty()) throw Error("classify", "no method could be built for this class list");
  FolderEncoding how;
  how.cache_dir = cache_dir;
  const ImageFeatures images = encode_image_folder(clip, folder, how, progress, cancel);
  FolderPredictions out;
  out.skipped = folder.skipped;
  out.skipped.insert(out.skipped.end(), images.skipped.begin(), images.skipped.end());
  if (images.cancelled) {
    out.cancelled = true;
    return out;
  }
  if (images.paths.empty()) {
    // The folder had images by name (read_unlabelled_folder), so some were skipped.
    throw Error(folder.root, "no image could be read, nothing was written (" + skipped_message(out.skipped.front()) +
                                 (out.skipped.size() > 1 ? "; and " + std::to_string(out.skipped.size() - 1) + " more)"
                                                         : ")"));
  }
  out.classes = methods.classes;
  out.paths = images.paths;
  out.cached = images.cached;
  for (const auto& m : methods.methods) {
    out.methods.push_back(method_name(m.method));
    out.top.push_back(most_probable_classes(images.features, m.weights, methods.logit_multiplier, top_k));
  }
  return out;
}

std::string predictions_csv(const FolderPredictions& predictions) {
  std::ostringstream out;
  out << "image";
  for (const auto& m : predictions.methods) out << ',' << m << ',' << m << "_prob";
  out << '\n';
  char prob[32];
  for (size_t i = 0; i < predictions.paths.size(); ++i) {
    out << csv_field(predictions.paths[i]);
    for (size_t m = 0; m < predictions.methods.size(); ++m) {
      const RankedClass& best = predictions.top[m][i].front();
      std::snprintf(prob, sizeof prob, "%.6f", best.prob);
      out << ',' << csv_field(predictions.classes[static_cast<size_t>(best.index)]) << ',' << prob;
    }
    out << '\n';
  }
  return out.str();
}

std::string predictions_jsonl(const FolderPredictions& predictions) {
  std::string out;
  for (size_t i = 0; i < predictions.paths.size(); ++i) {
    nlohmann::ordered_json line = {{"image", predictions.paths[i]}, {"methods", nlohmann::ordered_json::object()}};
    for (size_t m = 0; m < predictions.methods.size(); ++m) {
      nlohmann::ordered_json top = nlohmann::ordered_json::array();
      for (const auto& r : predictions.top[m][i])
        top.push_back({predictions.classes[static_cast<size_t>(r.index)], r.prob});
      line["methods"][predictions.methods[m]] = {{"top5", top}};
    }
    out += line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  }
  return out;
}

void check_predictions_path(const std::string& path) {
  const std::string ext = extension_of(path);
  if (ext != ".csv" && ext != ".jsonl")
    throw Error(path, "the predictions file must end in .csv or .jsonl");
  check_writable(path);
}

void write_folder_predictions(const FolderPredictions& predictions, const std::string& path) {
  check_predictions_path(path);
  write_file_atomically(path, extension_of(path) == ".csv" ? predictions_csv(predictions)
                                                            : predictions_jsonl(predictions));
}

}  // namespace protext
