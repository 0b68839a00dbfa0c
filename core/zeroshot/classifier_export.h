#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

namespace protext {

// A zero-shot classifier for use outside this tool: probabilities are
// softmax(logit_scale · weights · normalised image embedding).
struct ExportedClassifier {
  std::string method;                // "template", "ensemble", "descriptions" or "protext"
  std::vector<std::string> classes;  // one per row
  torch::Tensor weights;             // [classes, dim], rows L2-normalised
  double logit_scale = 100;          // the multiplier applied to cosines (not its log)
  std::string model_fingerprint;     // of the CLIP the image embeddings must come from
};

// .safetensors: the float32 tensor "weights" with the rest as metadata ("classes" a JSON
// array, "logit_scale", "method", "model_fingerprint", "format"). .npy: the float32 array,
// and the metadata as JSON in <stem>.json beside it. Both written atomically; another
// extension is refused. Returns the paths written.
std::vector<std::string> write_classifier(const ExportedClassifier& classifier, const std::string& path);
// Throws, before any work, when write_classifier would refuse `path`.
void check_classifier_path(const std::string& path);

}  // namespace protext
