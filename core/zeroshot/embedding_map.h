#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/map_point.h"
#include "core/zeroshot/method_set.h"

namespace protext {

// The first two principal components of the rows [n, d]: the rows centred on their mean,
// projected on the top two right singular vectors (SVD in float64), [n, 2]. Each axis's
// sign is fixed so that its loading of largest magnitude is positive, so the same rows
// always give the same picture. explained, when given, receives each axis's share of the
// total variance. Fewer than two rows, or rows with no variance, are an error.
torch::Tensor pca_2d(const torch::Tensor& rows, double* explained = nullptr);

struct MapImages {
  torch::Tensor features;         // [n, embed_dim], L2-normalised; undefined: no images
  std::vector<int64_t> labels;    // class index of each, -1 for an image without one
  std::vector<std::string> paths;
};

// Every class's classifier rows under the set's methods (the Descriptions method's row is
// the class's Centroid), each of its descriptions when a DescriptionSet is given, and the
// images, projected together by pca_2d(). embeddings, when given, receives the projected
// rows [points, embed_dim] in the order of the map's points.
EmbeddingMap embedding_map(ClipModel& model, const MethodSet& methods, const DescriptionSet* descriptions,
                           const MapImages& images, torch::Tensor* embeddings = nullptr);

}  // namespace protext
