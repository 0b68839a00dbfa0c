#include "core/zeroshot/classifier.h"

#include <algorithm>

#include "core/error.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/probabilities.h"

namespace protext {
namespace {

// Mean of normalised rows per group, normalised again: rows [sum(counts), d].
torch::Tensor group_means(const torch::Tensor& rows, const std::vector<int64_t>& counts) {
  std::vector<torch::Tensor> means;
  int64_t start = 0;
  for (int64_t n : counts) {
    means.push_back(rows.narrow(0, start, n).mean(0));
    start += n;
  }
  auto w = torch::stack(means);
  return w / w.norm(2, -1, true);
}

}  // namespace

std::string display_name(const std::string& class_name) {
  std::string name = class_name;
  std::replace(name.begin(), name.end(), '_', ' ');
  return name;
}

torch::Tensor template_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                  const std::string& text_template) {
  validate_class_list(classes, "template classifier");
  validate_template(text_template, "template classifier");
  std::vector<std::string> texts;
  for (const auto& c : classes) texts.push_back(fill_template(text_template, display_name(c)));
  return model.encode_text(texts);
}

torch::Tensor ensemble_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                  const std::vector<std::string>& templates) {
  validate_class_list(classes, "ensemble classifier");
  if (templates.empty()) throw Error("ensemble classifier", "no templates");
  std::vector<std::string> texts;
  for (const auto& c : classes)
    for (const auto& t : templates) texts.push_back(fill_template(t, display_name(c)));
  return group_means(model.encode_text(texts),
                     std::vector<int64_t>(classes.size(), static_cast<int64_t>(templates.size())));
}

torch::Tensor description_classifier(ClipModel& model, const std::vector<std::string>& classes,
                                     const DescriptionSet& descriptions) {
  validate_class_list(classes, "description classifier");
  std::vector<std::string> texts, missing;
  std::vector<int64_t> counts;
  for (const auto& c : classes) {
    const auto* list = descriptions.find(c);
    if (!list) {
      missing.push_back("'" + c + "'");
      continue;
    }
    texts.insert(texts.end(), list->begin(), list->end());
    counts.push_back(static_cast<int64_t>(list->size()));
  }
  if (!missing.empty()) {
    std::string names;
    for (size_t i = 0; i < missing.size() && i < 5; ++i) names += (i ? ", " : "") + missing[i];
    if (missing.size() > 5) names += " and " + std::to_string(missing.size() - 5) + " more";
    throw Error(descriptions.source, "no descriptions for " + names);
  }
  return group_means(model.encode_text(texts), counts);
}

torch::Tensor class_probabilities(const torch::Tensor& image_features, const torch::Tensor& weights,
                                  double logit_scale) {
  // Row by row through the one torch-free implementation the app uses too.
  const auto w = weights.to(torch::kCPU, torch::kFloat32).contiguous();
  const auto f = image_features.to(torch::kCPU, torch::kFloat32).contiguous();
  const auto classes = static_cast<size_t>(w.size(0)), dim = static_cast<size_t>(w.size(1));
  if (f.dim() != 2 || static_cast<size_t>(f.size(1)) != dim)
    throw Error("class probabilities", "image features of width " + std::to_string(f.size(-1)) +
                                           " do not match classifier weights of width " + std::to_string(dim));
  auto out = torch::empty({f.size(0), w.size(0)}, torch::kFloat64);
  const double multiplier = logit_multiplier(logit_scale);
  for (int64_t i = 0; i < f.size(0); ++i) {
    const auto p = class_probabilities(w.data_ptr<float>(), classes, dim, f[i].data_ptr<float>(), multiplier);
    std::copy(p.begin(), p.end(), out[i].data_ptr<double>());
  }
  return out;
}

std::vector<std::vector<RankedClass>> most_probable_classes(const torch::Tensor& image_features,
                                                           const torch::Tensor& weights, double logit_multiplier,
                                                           int k) {
  const int64_t n = image_features.size(0);
  const int64_t kept = std::min<int64_t>(k, weights.size(0));
  const auto w = weights.to(torch::kFloat64).t();
  std::vector<std::vector<RankedClass>> out;
  out.reserve(static_cast<size_t>(n));
  constexpr int64_t kChunk = 2048;  // [chunk, classes] probabilities at a time
  for (int64_t begin = 0; begin < n; begin += kChunk) {
    const int64_t end = std::min(n, begin + kChunk);
    const auto logits = torch::matmul(image_features.slice(0, begin, end).to(torch::kFloat64), w);
    const auto best = torch::softmax(logits * logit_multiplier, 1).topk(kept, 1);
    const auto values = std::get<0>(best).contiguous();
    const auto indices = std::get<1>(best).contiguous();
    const auto* p = values.data_ptr<double>();
    const auto* index = indices.data_ptr<int64_t>();
    for (int64_t row = 0; row < end - begin; ++row) {
      std::vector<RankedClass> ranked;
      for (int64_t j = 0; j < kept; ++j) ranked.push_back({static_cast<int>(index[row * kept + j]), p[row * kept + j]});
      out.push_back(std::move(ranked));
    }
  }
  return out;
}

std::vector<ClassScore> top_k(const torch::Tensor& probabilities, const std::vector<std::string>& classes, int k) {
  const auto p = probabilities.to(torch::kCPU, torch::kFloat64).contiguous();
  const std::vector<double> values(p.data_ptr<double>(), p.data_ptr<double>() + p.numel());
  std::vector<ClassScore> out;
  for (const auto& r : most_probable(values, std::max(k, 1))) out.push_back({r.index, classes.at(r.index), r.prob});
  return out;
}

}  // namespace protext
