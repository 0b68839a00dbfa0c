#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/image/heat_overlay.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/method_set.h"

namespace protext {

struct DescriptionScore {
  std::string text;
  double cosine = 0;  // with the image's embedding
};

// Why one method scores one class as it does for one image.
struct MethodExplanation {
  Method method = Method::Template;
  int class_index = 0;     // the class explained
  double probability = 0;  // its probability under the method, as classify prints it
  HeatMap heat;            // patch_relevance() of the method's row for the class
  // The Descriptions method only: the class's own descriptions, the best match first
  // (which of them the image fits, the parts of CuPL's mean that carry the score).
  std::vector<DescriptionScore> descriptions;
};

// Every method of the set on one preprocessed image [3, size, size]: each method's most
// probable class, or class_index for all when it is ≥ 0. descriptions may be null (no
// description scores then).
std::vector<MethodExplanation> explain_image(ClipModel& model, const MethodSet& methods, const torch::Tensor& pixels,
                                             int class_index = -1, const DescriptionSet* descriptions = nullptr);

// The descriptions' cosines with one normalised image embedding [embed_dim], best first.
std::vector<DescriptionScore> description_scores(ClipModel& model, const torch::Tensor& image_feature,
                                                 const std::vector<std::string>& descriptions);

}  // namespace protext
