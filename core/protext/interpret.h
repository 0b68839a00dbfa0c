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
  Tokenizer::Joins joins;  // a piece of a word rather than a word

  bool subword() const { return joins.previous || joins.next; }
  // The token as a reader should see it: a piece that goes on into the next token as
  // "photo-", one that goes on from the previous as "-ed".
  std::string shown() const;
};

// Distance: Euclidean, as CoOp's interpret_prompt.py ranks; Cosine: by cosine similarity,
// the measure the words are labelled with in the app.
enum class TokenRanking { Distance, Cosine };

// What a learned context vector is closest to: for each row of ctx [n_ctx, width], the
// k vocabulary tokens whose embeddings (token_embedding.weight) are nearest in Euclidean
// distance, nearest first, as CoOp's interpret_prompt.py ranks them; each with its cosine
// similarity too. With TokenRanking::Cosine, the k of highest cosine, highest first.
std::vector<std::vector<NearestToken>> nearest_tokens(ClipModel& clip, const torch::Tensor& ctx, int64_t k,
                                                      TokenRanking ranking = TokenRanking::Distance);

}  // namespace protext
