#include "core/zeroshot/relevance.h"

#include <torch/autograd.h>

#include "core/error.h"
#include "core/runtime/thread_budget.h"
#include "core/zeroshot/probabilities.h"

namespace protext {
namespace {

HeatMap normalised_map(const torch::Tensor& patches, int64_t grid) {
  auto values = patches.to(torch::kCPU, torch::kFloat64).contiguous();
  const double total = values.sum().item<double>();
  HeatMap map;
  map.rows = map.cols = static_cast<int>(grid);
  map.values.assign(static_cast<size_t>(grid * grid), 1.0 / static_cast<double>(grid * grid));
  if (!(total > 0)) return map;
  const double* v = values.data_ptr<double>();
  for (size_t i = 0; i < map.values.size(); ++i) map.values[i] = v[i] / total;
  return map;
}

}  // namespace

std::vector<HeatMap> patch_relevance(ClipModel& model, const torch::Tensor& pixels, const torch::Tensor& targets) {
  const auto& v = model.config().vision;
  auto image = pixels.dim() == 3 ? pixels.unsqueeze(0) : pixels;
  if (image.dim() != 4 || image.size(0) != 1)
    throw Error("heat map", "explains one image at a time, [1, 3, size, size]");
  if (targets.dim() != 2 || targets.size(1) != model.config().embed_dim || targets.size(0) < 1)
    throw Error("heat map", "the classifier rows do not match the model's embedding width");
  const int64_t grid = v.image_size / v.patch_size, tokens = grid * grid + 1;

  torch::AutoGradMode enable_grad(true);
  const double work = static_cast<double>(tokens) * v.width * v.width * 3;  // forward and backward
  auto threads = ThreadBudget::process().lease(threads_worth(work));
  auto input = image.to(model.device(), model.dtype()).detach().requires_grad_(true);
  std::vector<torch::Tensor> attention;
  auto feature = model.module()->visual->forward(input, &attention).to(torch::kFloat32);
  feature = feature / feature.norm(2, -1, true);
  auto logits = logit_multiplier(model.logit_scale()) * torch::matmul(feature, targets.to(feature.device(), torch::kFloat32).t());

  std::vector<HeatMap> maps;
  for (int64_t k = 0; k < targets.size(0); ++k) {
    const bool last = k + 1 == targets.size(0);
    auto grads = torch::autograd::grad({logits[0][k]}, attention, {}, /*retain_graph=*/!last);
    auto relevance = torch::eye(tokens, torch::TensorOptions().dtype(torch::kFloat64).device(input.device()));
    for (size_t layer = 0; layer < attention.size(); ++layer) {
      auto weighted = (grads[layer] * attention[layer]).detach().to(torch::kFloat64)[0];  // [heads, seq, seq]
      relevance = relevance + torch::matmul(weighted.clamp_min(0).mean(0), relevance);
    }
    maps.push_back(normalised_map(relevance[0].slice(0, 1), grid));
  }
  return maps;
}

}  // namespace protext
