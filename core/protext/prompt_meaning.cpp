#include "core/protext/prompt_meaning.h"

#include <algorithm>

#include "core/error.h"
#include "core/zeroshot/classifier.h"
#include "core/zeroshot/templates.h"

namespace protext {
namespace {

double cosine(const torch::Tensor& a, const torch::Tensor& b) {
  return torch::dot(a.to(torch::kFloat64), b.to(torch::kFloat64)).item<double>();
}

}  // namespace

std::vector<ClassMeaning> prompt_meaning(ClipModel& model, const MethodSet& methods, const DescriptionSet* descriptions,
                                         const std::vector<std::string>& templates, int k) {
  const auto* protext = methods.find(Method::ProText);
  const auto* single = methods.find(Method::Template);
  if (!protext) throw Error("prompt meaning", "no ProText prompts are loaded");
  if (!single) throw Error("prompt meaning", "the single-template method is missing");
  if (k < 1) throw Error("prompt meaning", "the number of nearest texts must be at least 1");
  const auto& classes = methods.classes;

  // Every description once, with its class, and each class's own descriptions' mean.
  std::vector<NearText> texts;
  std::vector<torch::Tensor> centroids(classes.size());
  torch::Tensor description_rows = torch::empty({0, model.config().embed_dim});
  if (descriptions) {
    std::vector<std::string> all;
    for (size_t c = 0; c < classes.size(); ++c) {
      const auto* own = descriptions->find(classes[c]);
      if (!own) continue;
      for (const auto& text : *own) {
        texts.push_back({text, static_cast<int>(c), false, 0});
        all.push_back(text);
      }
    }
    if (!all.empty()) description_rows = model.encode_text(all);
    int64_t at = 0;
    for (size_t c = 0; c < classes.size(); ++c) {
      const auto* own = descriptions->find(classes[c]);
      if (!own) continue;
      const auto n = static_cast<int64_t>(own->size());
      auto mean = description_rows.narrow(0, at, n).mean(0);
      centroids[c] = mean / mean.norm();
      at += n;
    }
  }

  std::vector<ClassMeaning> out;
  for (size_t c = 0; c < classes.size(); ++c) {
    ClassMeaning meaning;
    meaning.class_index = static_cast<int>(c);
    const auto row = protext->weights[static_cast<int64_t>(c)];
    const auto template_row = single->weights[static_cast<int64_t>(c)];
    meaning.protext_to_template = cosine(row, template_row);
    if (centroids[c].defined()) {
      meaning.has_descriptions = true;
      meaning.template_to_centroid = cosine(template_row, centroids[c]);
      meaning.protext_to_centroid = cosine(row, centroids[c]);
    }
    std::vector<std::string> own_templates;
    for (const auto& t : templates) own_templates.push_back(fill_template(t, display_name(classes[c])));
    std::vector<NearText> candidates = texts;
    for (const auto& t : own_templates) candidates.push_back({t, static_cast<int>(c), true, 0});
    auto rows = own_templates.empty() ? description_rows : torch::cat({description_rows, model.encode_text(own_templates)});
    const auto cosines = torch::matmul(rows.to(torch::kFloat64), row.to(torch::kFloat64)).contiguous();
    for (size_t i = 0; i < candidates.size(); ++i) candidates[i].cosine = cosines[static_cast<int64_t>(i)].item<double>();
    const size_t keep = std::min(candidates.size(), static_cast<size_t>(k));
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(keep), candidates.end(),
                      [](const NearText& a, const NearText& b) { return a.cosine > b.cosine; });
    candidates.resize(keep);
    meaning.nearest = std::move(candidates);
    out.push_back(std::move(meaning));
  }
  return out;
}

}  // namespace protext
