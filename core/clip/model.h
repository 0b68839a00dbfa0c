#pragma once
#include <torch/nn/module.h>
#include <torch/nn/modules/container/modulelist.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/embedding.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/normalization.h>
#include <torch/nn/pimpl.h>

#include <vector>

#include "core/clip/config.h"

namespace protext {

// OpenAI's ViT CLIP. Modules and parameters carry the checkpoint's names, so
// Clip::named_parameters() lists exactly OpenAI's state_dict keys and loading is a
// name-for-name copy. Activations are batch-first, [batch, sequence, width].

struct AttentionImpl : torch::nn::Module {
  AttentionImpl(int64_t width, int64_t heads);
  // mask: additive [seq, seq] or undefined. Heads are width / heads wide. weights, when
  // given, receives the attention probabilities [batch, heads, seq, seq] in the autograd
  // graph (relevance maps take their gradients); the unfused path computes them.
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask, torch::Tensor* weights = nullptr);
  int64_t heads;
  torch::Tensor in_proj_weight, in_proj_bias;
  torch::nn::Linear out_proj{nullptr};
};
TORCH_MODULE(Attention);

struct MlpImpl : torch::nn::Module {
  MlpImpl(int64_t width, int64_t hidden, Activation activation);
  torch::Tensor forward(const torch::Tensor& x);
  Activation activation;
  torch::nn::Linear c_fc{nullptr}, c_proj{nullptr};
};
TORCH_MODULE(Mlp);

struct ResidualBlockImpl : torch::nn::Module {
  ResidualBlockImpl(int64_t width, int64_t heads, int64_t mlp_width, Activation activation);
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& mask, torch::Tensor* attention = nullptr);
  Attention attn{nullptr};
  torch::nn::LayerNorm ln_1{nullptr}, ln_2{nullptr};
  Mlp mlp{nullptr};
};
TORCH_MODULE(ResidualBlock);

struct TransformerImpl : torch::nn::Module {
  TransformerImpl(int64_t width, int64_t layers, int64_t heads, int64_t mlp_width,
                  Activation activation);
  // attention, when given, receives each block's attention probabilities, first block first.
  torch::Tensor forward(torch::Tensor x, const torch::Tensor& mask, std::vector<torch::Tensor>* attention = nullptr);
  std::vector<ResidualBlock> blocks;
  torch::nn::ModuleList resblocks;
};
TORCH_MODULE(Transformer);

struct VisionTowerImpl : torch::nn::Module {
  VisionTowerImpl(const VisionConfig& config, int64_t embed_dim, Activation activation);
  // pixels: [batch, 3, image_size, image_size], normalised. Returns [batch, embed_dim].
  // attention: as for TransformerImpl::forward.
  torch::Tensor forward(const torch::Tensor& pixels, std::vector<torch::Tensor>* attention = nullptr);
  VisionConfig config;
  torch::nn::Conv2d conv1{nullptr};
  torch::Tensor class_embedding, positional_embedding, proj;
  torch::nn::LayerNorm ln_pre{nullptr}, ln_post{nullptr};
  Transformer transformer{nullptr};
};
TORCH_MODULE(VisionTower);

// Learned prompts to splice into the text tower: `input` replaces the token embeddings at
// positions 1..n (before positional embeddings are added); `deep[i]` replaces positions
// 1..n of the input to layer i + 1. Both are [n, width]; an undefined input leaves the
// token embeddings as they are.
struct PromptInjection {
  torch::Tensor input;
  std::vector<torch::Tensor> deep;
};

struct TextTowerImpl : torch::nn::Module {
  TextTowerImpl(const TextConfig& config, int64_t embed_dim, Activation activation);
  // tokens: [batch, seq] ids padded with anything (the causal mask keeps padding out of
  // the pooled output); end: [batch] position of each end-of-text token.
  torch::Tensor forward(const torch::Tensor& tokens, const torch::Tensor& end,
                        const PromptInjection* prompts = nullptr);
  TextConfig config;
  torch::nn::Embedding token_embedding{nullptr};
  torch::Tensor positional_embedding, text_projection;
  Transformer transformer{nullptr};
  torch::nn::LayerNorm ln_final{nullptr};
};
TORCH_MODULE(TextTower);

struct ClipImpl : torch::nn::Module {
  explicit ClipImpl(const ClipConfig& config);
  torch::Tensor encode_image(const torch::Tensor& pixels) { return visual->forward(pixels); }
  torch::Tensor encode_text(const torch::Tensor& tokens, const torch::Tensor& end,
                            const PromptInjection* prompts = nullptr) {
    return text->forward(tokens, end, prompts);
  }
  ClipConfig config;
  VisionTower visual{nullptr};
  // The text tower's parts are registered on Clip itself (as OpenAI names them:
  // "transformer.*", "token_embedding.*", ...), not under a "text." prefix.
  TextTower text{nullptr};
  torch::Tensor logit_scale;
};
TORCH_MODULE(Clip);

// Additive causal mask for a sequence of length n: -inf above the diagonal.
torch::Tensor causal_mask(int64_t n, const torch::TensorOptions& options);

}  // namespace protext
