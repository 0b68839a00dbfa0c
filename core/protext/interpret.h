#pragma once
#include <string>
#include <vector>

#include <torch/types.h>

#include "core/clip/clip_model.h"

namespace protext {

struct NearestToken {
  int64_t id = 0;
  std::string token;  // Tokenizer::token_text(id)
  double distance = 0;  // Euclidean, in token-embedding space
  double cosine = 0;
};

// What a learned context vector is closest to: for each row of ctx [n_ctx, width], the
// k vocabulary tokens whose embeddings (token_embedding.weight) are nearest in Euclidean
// distance, nearest first, as CoOp's interpret_prompt.py ranks them; each with its cosine
// similarity too.
std::vector<std::vector<NearestToken>> nearest_tokens(ClipModel& clip, const torch::Tensor& ctx, int64_t k);

}  // namespace protext
