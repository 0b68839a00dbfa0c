#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method.h"
#include "core/zeroshot/probabilities.h"
#include "core/zeroshot/templates.h"

namespace protext {

// Zero-shot classifiers: one L2-normalised weight row per class, [classes, embed_dim].

// The class name as it goes into a sentence: '_' read as ' '.
std::string display_name(const std::string& class_name);

torch::Tensor template_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                  const std::string& text_template = kDefaultTemplate);

// Each class: the mean of its normalised template embeddings, normalised again.
torch::Tensor ensemble_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                  const std::vector<std::string>& templates);

// Each class: the mean of its normalised description embeddings (CuPL), normalised
// again. A class without descriptions is an error that names it.
torch::Tensor description_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                     const DescriptionSet& descriptions);

// softmax(logit_multiplier(logit_scale) · cosine): image_features [n, d] and weights
// [c, d], both normalised, give [n, c] float64 probabilities, computed row by row by the
// torch-free class_probabilities() of core/zeroshot/probabilities.h.
torch::Tensor class_probabilities(const torch::Tensor& image_features, const torch::Tensor& weights,
                                  double logit_scale);

// Each image's k most probable classes (k at most the number of classes), best first, with
// softmax(logit_multiplier · cosine) computed in float64 through BLAS: a folder of
// thousands of images against a thousand classes in seconds, to ~1e-15 of the row by row
// class_probabilities(). Images are taken a few thousand at a time, so memory stays flat.
std::vector<std::vector<RankedClass>> most_probable_classes(const torch::Tensor& image_features,
                                                           const torch::Tensor& weights, double logit_multiplier,
                                                           int k);

struct ClassScore {
  int index = 0;
  std::string name;
  double prob = 0;
};
std::vector<ClassScore> top_k(const torch::Tensor& probabilities, const std::vector<std::string>& classes, int k);

}  // namespace protext
