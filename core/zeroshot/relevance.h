#pragma once
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"
#include "core/image/heat_overlay.h"

namespace protext {

// Which image patches drive a class's score, by the gradient-weighted attention relevance
// of Chefer, Gur and Wolf ("Generic Attention-model Explainability for Interpreting
// Bi-Modal and Encoder-Decoder Transformers", ICCV 2021), as their CLIP notebooks use it:
// for the logit s = logit_multiplier · cos(image, target), R starts as the identity over
// the tokens and each vision block adds Ā·R, where Ā is the heads' mean of the positive
// part of ∇s ⊙ attention; the class token's row of R over the patches is the map.
//
// pixels: one preprocessed image [1, 3, size, size] (or [3, size, size]); targets: the
// classifier rows to explain, [k, embed_dim], L2-normalised. Returns k maps on the model's
// patch grid, each summing to 1 (a map with no positive relevance at all is uniform). One
// forward pass serves every target.
std::vector<HeatMap> patch_relevance(ClipModel& model, const torch::Tensor& pixels, const torch::Tensor& targets);

}  // namespace protext
