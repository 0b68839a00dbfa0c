#include "core/zeroshot/classifier_export.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/clip/safetensors.h"
#include "core/error.h"
#include "core/npy.h"
#include "core/runtime/atomic_file.h"

namespace fs = std::filesystem;

namespace protext {
namespace {

constexpr const char* kFormat = "protext-classifier/1";

std::string sidecar(const std::string& path) { return (fs::path(path).replace_extension(".json")).string(); }

}  // namespace

void check_classifier_path(const std::string& path) {
  const std::string ext = fs::path(path).extension().string();
  if (ext != ".safetensors" && ext != ".npy")
    throw Error(path, "the classifier file must end in .safetensors or .npy");
  check_writable(path);
  if (ext == ".npy") check_writable(sidecar(path));
}

std::vector<std::string> write_classifier(const ExportedClassifier& classifier, const std::string& path) {
  check_classifier_path(path);
  const auto w = classifier.weights.to(torch::kCPU, torch::kFloat32).contiguous();
  if (w.dim() != 2 || w.size(0) != static_cast<int64_t>(classifier.classes.size()))
    throw Error("export classifier", "the weights must have one row per class");
  char scale[40];
  std::snprintf(scale, sizeof scale, "%.17g", classifier.logit_scale);
  if (fs::path(path).extension() == ".safetensors") {
    const std::map<std::string, std::string> metadata = {{"format", kFormat},
                                                         {"method", classifier.method},
                                                         {"classes", nlohmann::json(classifier.classes).dump()},
                                                         {"logit_scale", scale},
                                                         {"model_fingerprint", classifier.model_fingerprint}};
    write_safetensors(path, {{"weights", DType::F32, {w.size(0), w.size(1)}, w.data_ptr<float>(),
                              static_cast<size_t>(w.numel()) * sizeof(float)}},
                      metadata);
    return {path};
  }
  const nlohmann::ordered_json metadata = {{"format", kFormat},
                                           {"method", classifier.method},
                                           {"classes", classifier.classes},
                                           {"logit_scale", classifier.logit_scale},
                                           {"model_fingerprint", classifier.model_fingerprint},
                                           {"weights", fs::path(path).filename().string()}};
  write_npy(path, w.data_ptr<float>(), {w.size(0), w.size(1)});
  write_file_atomically(sidecar(path), metadata.dump(2) + "\n");
  return {path, sidecar(path)};
}

}  // namespace protext
