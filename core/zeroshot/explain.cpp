#include "core/zeroshot/explain.h"

#include <algorithm>

#include "core/error.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/relevance.h"

namespace protext {

std::vector<DescriptionScore> description_scores(ClipModel& model, const torch::Tensor& image_feature,
                                                 const std::vector<std::string>& descriptions) {
  std::vector<DescriptionScore> scores;
  if (descriptions.empty()) return scores;
  auto cosines = torch::matmul(model.encode_text(descriptions).to(torch::kFloat64),
                               image_feature.reshape({-1}).to(torch::kFloat64))
                     .contiguous();
  for (size_t i = 0; i < descriptions.size(); ++i)
    scores.push_back({descriptions[i], cosines[static_cast<int64_t>(i)].item<double>()});
  std::stable_sort(scores.begin(), scores.end(),
                   [](const DescriptionScore& a, const DescriptionScore& b) { return a.cosine > b.cosine; });
  return scores;
}

std::vector<MethodExplanation> explain_image(ClipModel& model, const MethodSet& methods, const torch::Tensor& pixels,
                                             int class_index, const DescriptionSet* descriptions) {
  if (methods.methods.empty()) throw Error("explain", "there is no method to explain");
  if (class_index >= static_cast<int>(methods.classes.size()))
    throw Error("explain", "class " + std::to_string(class_index) + " is not in the class list");
  auto image = pixels.dim() == 3 ? pixels.unsqueeze(0) : pixels;
  const auto feature = model.encode_images(image);  // [1, d], normalised
  std::vector<MethodExplanation> out;
  std::vector<torch::Tensor> rows;
  for (const auto& m : methods.methods) {
    const auto best = most_probable_classes(feature, m.weights, methods.logit_multiplier,
                                            static_cast<int>(methods.classes.size()))[0];
    MethodExplanation e;
    e.method = m.method;
    e.class_index = class_index >= 0 ? class_index : best.front().index;
    for (const auto& ranked : best)
      if (ranked.index == e.class_index) e.probability = ranked.prob;
    if (m.method == Method::Descriptions && descriptions)
      if (const auto* texts = descriptions->find(methods.classes[static_cast<size_t>(e.class_index)]))
        e.descriptions = description_scores(model, feature[0], *texts);
    rows.push_back(m.weights[e.class_index]);
    out.push_back(std::move(e));
  }
  auto maps = patch_relevance(model, image, torch::stack(rows));
  for (size_t i = 0; i < out.size(); ++i) out[i].heat = std::move(maps[i]);
  return out;
}

}  // namespace protext
