#include "core/protext/interpret.h"

#include "core/error.h"

namespace protext {

std::string NearestToken::shown() const {
  return (joins.previous ? "-" : "") + token + (joins.next ? "-" : "");
}

std::vector<std::vector<NearestToken>> nearest_tokens(ClipModel& clip, const torch::Tensor& ctx, int64_t k,
                                                      TokenRanking ranking) {
  torch::NoGradGuard no_grad;
  const auto vocab = clip.module()->text->token_embedding->weight.detach().to(torch::kCPU, torch::kFloat32);
  if (ctx.dim() != 2 || ctx.size(1) != vocab.size(1))
    throw Error("interpret", "context vectors must be [n_ctx, " + std::to_string(vocab.size(1)) + "]");
  if (k < 1) throw Error("interpret", "--top-k must be at least 1");
  k = std::min<int64_t>(k, vocab.size(0));
  const auto& tokenizer = clip.tokenizer();
  const auto v = ctx.detach().to(torch::kCPU, torch::kFloat32);
  // Differences, not the |a|² + |b|² − 2ab expansion: a context vector that equals a
  // token's embedding is at distance exactly 0, and near ties keep their order.
  constexpr int64_t kDirectDifferences = 2;
  const auto distance = torch::cdist(v.unsqueeze(0), vocab.unsqueeze(0), 2.0, kDirectDifferences).squeeze(0);
  const auto cosine = torch::matmul(v / v.norm(2, -1, true).clamp_min(1e-12),
                                    (vocab / vocab.norm(2, -1, true).clamp_min(1e-12)).t());
  const bool by_cosine = ranking == TokenRanking::Cosine;
  const auto [best, ids] = (by_cosine ? cosine : distance).topk(k, 1, /*largest=*/by_cosine, /*sorted=*/true);
  std::vector<std::vector<NearestToken>> out(static_cast<size_t>(v.size(0)));
  for (int64_t i = 0; i < v.size(0); ++i)
    for (int64_t j = 0; j < k; ++j) {
      NearestToken t;
      t.id = ids[i][j].item<int64_t>();
      t.distance = distance[i][t.id].item<float>();
      t.cosine = cosine[i][t.id].item<float>();
      if (t.id < tokenizer.vocab_size()) {
        t.token = tokenizer.token_text(t.id);
        t.joins = tokenizer.token_joins(t.id);
      }
      out[static_cast<size_t>(i)].push_back(std::move(t));
    }
  return out;
}

}  // namespace protext
