#include "core/clip/model.h"

#include <torch/nn/functional.h>
#include <torch/version.h>

#include <cmath>

namespace protext {
namespace F = torch::nn::functional;
namespace {

// OpenAI's LayerNorm computes in fp32 whatever the weights' dtype; so do we, so that
// fp16/bf16 inference keeps the fp32 statistics.
torch::Tensor layer_norm(torch::nn::LayerNorm& ln, const torch::Tensor& x) {
  if (x.scalar_type() == torch::kFloat32) return ln->forward(x);
  return F::layer_norm(x.to(torch::kFloat32), F::LayerNormFuncOptions(ln->options.normalized_shape())
                                                  .weight(ln->weight.to(torch::kFloat32))
                                                  .bias(ln->bias.to(torch::kFloat32))
                                                  .eps(ln->options.eps()))
      .to(x.scalar_type());
}

torch::nn::LayerNorm make_layer_norm(int64_t width) {
  return torch::nn::LayerNorm(torch::nn::LayerNormOptions({width}).eps(1e-5));
}

}  // namespace

std::string activation_name(Activation activation) {
  return activation == Activation::QuickGelu ? "quick_gelu" : "gelu";
}

torch::Tensor causal_mask(int64_t n, const torch::TensorOptions& options) {
  return torch::full({n, n}, -std::numeric_limits<float>::infinity(), options).triu(1);
}

AttentionImpl::AttentionImpl(int64_t width, int64_t heads_) : heads(heads_) {
  in_proj_weight = register_parameter("in_proj_weight", torch::empty({3 * width, width}));
  in_proj_bias = register_parameter("in_proj_bias", torch::zeros({3 * width}));
  out_proj = register_module("out_proj", torch::nn::Linear(width, width));
}

torch::Tensor AttentionImpl::forward(const torch::Tensor& x, const torch::Tensor& mask, torch::Tensor* weights) {
  const int64_t batch = x.size(0), seq = x.size(1), width = x.size(2);
  const int64_t head_dim = width / heads;
  // One fused projection, then [batch, heads, seq, head_dim] views of q, k, v.
  auto qkv = torch::linear(x, in_proj_weight, in_proj_bias)
                 .view({batch, seq, 3, heads, head_dim})
                 .permute({2, 0, 3, 1, 4});
  auto q = qkv[0], k = qkv[1], v = qkv[2];
  torch::Tensor context;
  auto unfused = [&] {
    auto scores = torch::matmul(q * (1.0 / std::sqrt(static_cast<double>(head_dim))), k.transpose(-2, -1));
    if (mask.defined()) scores = scores + mask.to(scores.dtype());
    auto probabilities = torch::softmax(scores, -1);
    if (weights) *weights = probabilities;
    return torch::matmul(probabilities, v);
  };
#if TORCH_VERSION_MAJOR >= 2
  // Fused kernels (flash / memory-efficient attention on CUDA); same result.
  context = weights ? unfused()
                    : at::scaled_dot_product_attention(q, k, v, mask.defined() ? mask.to(q.dtype()) : torch::Tensor());
#else
  context = unfused();
#endif
  context = context.transpose(1, 2).reshape({batch, seq, width});
  return out_proj->forward(context);
}

MlpImpl::MlpImpl(int64_t width, int64_t hidden, Activation activation_) : activation(activation_) {
  c_fc = register_module("c_fc", torch::nn::Linear(width, hidden));
  c_proj = register_module("c_proj", torch::nn::Linear(hidden, width));
}

torch::Tensor MlpImpl::forward(const torch::Tensor& x) {
  auto h = c_fc->forward(x);
  h = activation == Activation::QuickGelu ? h * torch::sigmoid(1.702 * h) : torch::gelu(h);
  return c_proj->forward(h);
}

ResidualBlockImpl::ResidualBlockImpl(int64_t width, int64_t heads, int64_t mlp_width,
                                     Activation activation) {
  attn = register_module("attn", Attention(width, heads));
  ln_1 = register_module("ln_1", make_layer_norm(width));
  mlp = register_module("mlp", Mlp(width, mlp_width, activation));
  ln_2 = register_module("ln_2", make_layer_norm(width));
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x, const torch::Tensor& mask, torch::Tensor* attention) {
  auto h = x + attn->forward(layer_norm(ln_1, x), mask, attention);
  return h + mlp->forward(layer_norm(ln_2, h));
}

TransformerImpl::TransformerImpl(int64_t width, int64_t layers, int64_t heads, int64_t mlp_width,
                                 Activation activation) {
  resblocks = register_module("resblocks", torch::nn::ModuleList());
  for (int64_t i = 0; i < layers; ++i) {
    blocks.push_back(ResidualBlock(width, heads, mlp_width, activation));
    resblocks->push_back(blocks.back());
  }
}

torch::Tensor TransformerImpl::forward(torch::Tensor x, const torch::Tensor& mask,
                                       std::vector<torch::Tensor>* attention) {
  for (auto& block : blocks) {
    torch::Tensor weights;
    x = block->forward(x, mask, attention ? &weights : nullptr);
    if (attention) attention->push_back(weights);
  }
  return x;
}

VisionTowerImpl::VisionTowerImpl(const VisionConfig& c, int64_t embed_dim, Activation activation)
    : config(c) {
  const int64_t grid = c.image_size / c.patch_size;
  conv1 = register_module(
      "conv1", torch::nn::Conv2d(torch::nn::Conv2dOptions(3, c.width, c.patch_size).stride(c.patch_size).bias(false)));
  class_embedding = register_parameter("class_embedding", torch::zeros({c.width}));
  positional_embedding = register_parameter("positional_embedding", torch::zeros({grid * grid + 1, c.width}));
  ln_pre = register_module("ln_pre", make_layer_norm(c.width));
  transformer = register_module("transformer", Transformer(c.width, c.layers, c.heads, c.mlp_width, activation));
  ln_post = register_module("ln_post", make_layer_norm(c.width));
  proj = register_parameter("proj", torch::zeros({c.width, embed_dim}));
}

torch::Tensor VisionTowerImpl::forward(const torch::Tensor& pixels, std::vector<torch::Tensor>* attention) {
  TORCH_CHECK(pixels.dim() == 4 && pixels.size(1) == 3 && pixels.size(2) == config.image_size &&
                  pixels.size(3) == config.image_size,
              "the image tower takes [batch, 3, ", config.image_size, ", ", config.image_size,
              "] pixels, got ", pixels.sizes());
  auto x = conv1->forward(pixels.to(conv1->weight.dtype()));  // [batch, width, grid, grid]
  x = x.flatten(2).transpose(1, 2);                            // [batch, grid², width]
  auto cls = class_embedding.to(x.dtype()).view({1, 1, -1}).expand({x.size(0), 1, x.size(2)});
  x = torch::cat({cls, x}, 1) + positional_embedding.to(x.dtype());
  x = layer_norm(ln_pre, x);
  x = transformer->forward(x, torch::Tensor(), attention);
  x = layer_norm(ln_post, x.select(1, 0));
  return torch::matmul(x, proj);
}

TextTowerImpl::TextTowerImpl(const TextConfig& c, int64_t embed_dim, Activation activation)
    : config(c) {
  token_embedding = register_module("token_embedding", torch::nn::Embedding(c.vocab_size, c.width));
  positional_embedding = register_parameter("positional_embedding", torch::zeros({c.context_length, c.width}));
  transformer = register_module("transformer", Transformer(c.width, c.layers, c.heads, c.mlp_width, activation));
  ln_final = register_module("ln_final", make_layer_norm(c.width));
  text_projection = register_parameter("text_projection", torch::zeros({c.width, embed_dim}));
}

torch::Tensor TextTowerImpl::forward(const torch::Tensor& tokens, const torch::Tensor& end,
                                     const PromptInjection* prompts) {
  const int64_t seq = tokens.size(1);
  TORCH_CHECK(seq <= config.context_length, "text of ", seq, " tokens exceeds the context length ",
              config.context_length);
  auto x = token_embedding->forward(tokens);  // [batch, seq, width]
  auto splice = [&](torch::Tensor& h, const torch::Tensor& ctx) {
    const int64_t n = ctx.size(0);
    TORCH_CHECK(1 + n < seq, "a prompt of ", n, " vectors needs sequences longer than ", n + 1, " tokens");
    h = torch::cat({h.narrow(1, 0, 1), ctx.to(h.dtype()).unsqueeze(0).expand({h.size(0), n, h.size(2)}),
                    h.narrow(1, 1 + n, seq - 1 - n)},
                   1);
  };
  if (prompts && prompts->input.defined()) splice(x, prompts->input);
  x = x + positional_embedding.narrow(0, 0, seq).to(x.dtype());
  const auto mask = causal_mask(seq, x.options());
  auto& blocks = transformer->blocks;
  for (size_t i = 0; i < blocks.size(); ++i) {
    if (prompts && i >= 1 && i - 1 < prompts->deep.size() && prompts->deep[i - 1].defined())
      splice(x, prompts->deep[i - 1]);
    x = blocks[i]->forward(x, mask);
  }
  x = layer_norm(ln_final, x);
  auto pooled = x.index({torch::arange(x.size(0), end.options()), end});
  return torch::matmul(pooled, text_projection);
}

ClipImpl::ClipImpl(const ClipConfig& c) : config(c) {
  visual = register_module("visual", VisionTower(c.vision, c.embed_dim, c.activation));
  text = TextTower(c.text, c.embed_dim, c.activation);
  register_module("token_embedding", text->token_embedding);
  register_parameter("positional_embedding", text->positional_embedding);
  register_module("transformer", text->transformer);
  register_module("ln_final", text->ln_final);
  register_parameter("text_projection", text->text_projection);
  logit_scale = register_parameter("logit_scale", torch::full({}, std::log(1.0 / 0.07)));
}

}  // namespace protext
