#include "core/zeroshot/embedding_map.h"

#include <torch/linalg.h>

#include "core/error.h"

namespace protext {
namespace {

MapPointKind kind_of(Method method) {
  switch (method) {
    case Method::Template: return MapPointKind::Template;
    case Method::Ensemble: return MapPointKind::Ensemble;
    case Method::Descriptions: return MapPointKind::Centroid;
    case Method::ProText: return MapPointKind::ProText;
  }
  return MapPointKind::Template;
}

}  // namespace

torch::Tensor pca_2d(const torch::Tensor& rows, double* explained) {
  if (rows.dim() != 2 || rows.size(0) < 2) throw Error("embedding map", "needs at least two points");
  auto centred = rows.to(torch::kCPU, torch::kFloat64);
  centred = centred - centred.mean(0, true);
  auto [u, s, vh] = torch::linalg::svd(centred, /*full_matrices=*/false, c10::nullopt);
  const double total = (s * s).sum().item<double>();
  if (!(total > 0)) throw Error("embedding map", "all points are the same");
  auto axes = vh.slice(0, 0, 2).clone();  // [2, d]; one row when d == 1
  for (int64_t a = 0; a < axes.size(0); ++a) {
    const auto peak = axes[a].abs().argmax().item<int64_t>();
    if (axes[a][peak].item<double>() < 0) axes[a].neg_();
  }
  auto projected = torch::matmul(centred, axes.t());
  if (projected.size(1) < 2) projected = torch::cat({projected, torch::zeros({projected.size(0), 1}, projected.options())}, 1);
  if (explained)
    for (int a = 0; a < 2; ++a) explained[a] = a < s.size(0) ? (s[a] * s[a]).item<double>() / total : 0.0;
  return projected;
}

EmbeddingMap embedding_map(ClipModel& model, const MethodSet& methods, const DescriptionSet* descriptions,
                           const MapImages& images, torch::Tensor* embeddings) {
  EmbeddingMap map;
  map.classes = methods.classes;
  std::vector<torch::Tensor> rows;
  for (size_t c = 0; c < methods.classes.size(); ++c) {
    const int index = static_cast<int>(c);
    for (const auto& m : methods.methods) {
      map.points.push_back({kind_of(m.method), index, {}, 0, 0});
      rows.push_back(m.weights[index].to(torch::kFloat32));
    }
    if (!descriptions) continue;
    const auto* texts = descriptions->find(methods.classes[c]);
    if (!texts || texts->empty()) continue;
    rows.push_back(model.encode_text(*texts));
    for (const auto& text : *texts) map.points.push_back({MapPointKind::Description, index, text, 0, 0});
  }
  if (images.features.defined() && images.features.size(0) > 0) {
    if (images.labels.size() != static_cast<size_t>(images.features.size(0)) || images.paths.size() != images.labels.size())
      throw Error("embedding map", "each image needs a label and a path");
    rows.push_back(images.features.to(torch::kCPU, torch::kFloat32));
    for (size_t i = 0; i < images.labels.size(); ++i) {
      if (images.labels[i] < -1 || images.labels[i] >= static_cast<int64_t>(methods.classes.size()))
        throw Error("embedding map", images.paths[i] + " has a label outside the class list");
      map.points.push_back({MapPointKind::Image, static_cast<int>(images.labels[i]), images.paths[i], 0, 0});
    }
  }
  std::vector<torch::Tensor> flat;
  for (auto& r : rows) flat.push_back(r.dim() == 1 ? r.unsqueeze(0) : r);
  auto all = torch::cat(flat);
  const auto xy = pca_2d(all, map.explained).contiguous();
  const double* v = xy.data_ptr<double>();
  for (size_t i = 0; i < map.points.size(); ++i) {
    map.points[i].x = v[2 * i];
    map.points[i].y = v[2 * i + 1];
  }
  if (embeddings) *embeddings = all;
  return map;
}

}  // namespace protext
