#include "core/miniworld/pretrain.h"

#include <chrono>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/clip/model.h"
#include "core/clip/tensor_file.h"
#include "core/clip/tokenizer_spm.h"
#include "core/error.h"
#include "core/image/preprocess.h"
#include "core/miniworld/captions.h"
#include "core/miniworld/render.h"

namespace protext::miniworld {
namespace fs = std::filesystem;

ClipConfig mini_clip_config(int64_t vocab_size) {
  ClipConfig c;
  c.embed_dim = 128;
  c.vision = VisionConfig{/*width=*/128, /*layers=*/4, /*heads=*/2, /*mlp_width=*/512, /*patch_size=*/8,
                          /*image_size=*/64};
  c.text = TextConfig{/*width=*/128, /*layers=*/4, /*heads=*/2, /*mlp_width=*/512, /*context_length=*/32,
                      vocab_size};
  c.activation = Activation::QuickGelu;
  return c;
}

namespace {

// OpenAI's initialize_parameters, so the model trains the way CLIP was trained.
void init_like_openai(Clip& clip) {
  torch::NoGradGuard no_grad;
  const auto& c = clip->config;
  auto& text = clip->text;
  text->token_embedding->weight.normal_(0, 0.02);
  text->positional_embedding.normal_(0, 0.01);
  auto init_tower = [](Transformer& t, int64_t width, int64_t layers) {
    const double proj_std = std::pow(width, -0.5) * std::pow(2.0 * layers, -0.5);
    const double attn_std = std::pow(width, -0.5), fc_std = std::pow(2.0 * width, -0.5);
    for (auto& block : t->blocks) {
      block->attn->in_proj_weight.normal_(0, attn_std);
      block->attn->out_proj->weight.normal_(0, proj_std);
      block->attn->out_proj->bias.zero_();
      block->mlp->c_fc->weight.normal_(0, fc_std);
      block->mlp->c_fc->bias.zero_();
      block->mlp->c_proj->weight.normal_(0, proj_std);
      block->mlp->c_proj->bias.zero_();
    }
  };
  init_tower(text->transformer, c.text.width, c.text.layers);
  text->text_projection.normal_(0, std::pow(c.text.width, -0.5));
  auto& visual = clip->visual;
  const double scale = std::pow(c.vision.width, -0.5);
  visual->class_embedding.copy_(torch::randn_like(visual->class_embedding) * scale);
  visual->positional_embedding.copy_(torch::randn_like(visual->positional_embedding) * scale);
  visual->proj.copy_(torch::randn_like(visual->proj) * scale);
  init_tower(visual->transformer, c.vision.width, c.vision.layers);
  clip->logit_scale.fill_(std::log(1.0 / 0.07));
}

std::vector<std::string> tokenizer_corpus(const PretrainConfig& config) {
  std::vector<std::string> corpus;
  for (int i = 0; i < config.corpus_size; ++i) {
    Rng rng(config.seed ^ 0x70C0ULL, static_cast<uint64_t>(i));
    const Scene scene = random_scene(rng, config.concept_share);
    corpus.push_back(caption(scene, rng, config.name_share));
  }
  for (const auto& [name, texts] : all_descriptions()) corpus.insert(corpus.end(), texts.begin(), texts.end());
  return corpus;
}

struct Batch {
  torch::Tensor pixels, tokens, end;
};

Batch make_batch(const PretrainConfig& config, int step, const Tokenizer& tokenizer, const ClipConfig& model) {
  const int n = config.batch_size, size = static_cast<int>(model.vision.image_size);
  const int context = static_cast<int>(model.text.context_length);
  std::vector<torch::Tensor> images;
  std::vector<std::vector<int64_t>> ids;
  size_t longest = 0;
  for (int i = 0; i < n; ++i) {
    Rng rng(config.seed, static_cast<uint64_t>(step) * 65536ULL + static_cast<uint64_t>(i));
    const Scene scene = random_scene(rng, config.concept_share);
    images.push_back(to_clip_tensor(render(scene, size)));
    ids.push_back(tokenizer.encode(caption(scene, rng, config.name_share), context));
    longest = std::max(longest, ids.back().size());
  }
  Batch b;
  b.pixels = torch::stack(images);
  b.tokens = torch::zeros({n, static_cast<int64_t>(longest)}, torch::kInt64);
  b.end = torch::empty({n}, torch::kInt64);
  auto tok = b.tokens.accessor<int64_t, 2>();
  for (int i = 0; i < n; ++i) {
    for (size_t j = 0; j < ids[i].size(); ++j) tok[i][j] = ids[i][j];
    b.end[i] = static_cast<int64_t>(ids[i].size() - 1);
  }
  return b;
}

double learning_rate(const PretrainConfig& c, int step) {
  if (step < c.warmup_steps) return c.lr * (step + 1) / c.warmup_steps;
  const double t = static_cast<double>(step - c.warmup_steps) / std::max(1, c.steps - c.warmup_steps);
  return c.lr * 0.5 * (1.0 + std::cos(M_PI * t));
}

void write_hf_config(const std::string& path, const ClipConfig& c) {
  nlohmann::ordered_json j;
  j["model_type"] = "clip";
  j["projection_dim"] = c.embed_dim;
  j["text_config"] = {{"hidden_size", c.text.width},
                      {"intermediate_size", c.text.mlp_width},
                      {"num_hidden_layers", c.text.layers},
                      {"num_attention_heads", c.text.heads},
                      {"max_position_embeddings", c.text.context_length},
                      {"vocab_size", c.text.vocab_size},
                      {"hidden_act", "quick_gelu"}};
  j["vision_config"] = {{"hidden_size", c.vision.width},
                        {"intermediate_size", c.vision.mlp_width},
                        {"num_hidden_layers", c.vision.layers},
                        {"num_attention_heads", c.vision.heads},
                        {"patch_size", c.vision.patch_size},
                        {"image_size", c.vision.image_size},
                        {"hidden_act", "quick_gelu"}};
  std::ofstream(path) << j.dump(2) << '\n';
}

}  // namespace

PretrainResult pretrain_mini(const PretrainConfig& config,
                             const std::function<void(const PretrainProgress&)>& on_progress,
                             const std::atomic<bool>& cancel) {
  if (config.out_dir.empty()) throw Error("pretrain-mini", "no output folder given");
  if (config.steps < 1 || config.batch_size < 2)
    throw Error("pretrain-mini", "steps must be ≥ 1 and the batch size ≥ 2");
  const auto start = std::chrono::steady_clock::now();
  const fs::path staging = fs::path(config.out_dir).string() + ".partial";
  fs::remove_all(staging);
  fs::create_directories(staging);

  train_spm_model(tokenizer_corpus(config), (staging / "spm").string(), config.vocab_size);
  fs::remove(staging / "spm.vocab");
  const auto tokenizer = SpmTokenizer::from_file((staging / "spm.model").string());

  torch::manual_seed(config.seed);
  const ClipConfig model_config = mini_clip_config(tokenizer->vocab_size());
  Clip clip(model_config);
  init_like_openai(clip);
  clip->train();

  // Decay only matrices, as CLIP does: gains, biases, embeddings and the temperature are exempt.
  std::vector<torch::Tensor> decayed, exempt;
  for (const auto& p : clip->named_parameters()) {
    const bool matrix = p.value().dim() >= 2 && p.key().find("embedding") == std::string::npos;
    (matrix ? decayed : exempt).push_back(p.value());
  }
  std::vector<torch::optim::OptimizerParamGroup> groups;
  groups.emplace_back(decayed, std::make_unique<torch::optim::AdamWOptions>(
                                   torch::optim::AdamWOptions(config.lr).betas({0.9, 0.98}).eps(1e-6).weight_decay(config.weight_decay)));
  groups.emplace_back(exempt, std::make_unique<torch::optim::AdamWOptions>(
                                  torch::optim::AdamWOptions(config.lr).betas({0.9, 0.98}).eps(1e-6).weight_decay(0.0)));
  torch::optim::AdamW optimizer(groups);

  nlohmann::ordered_json history = nlohmann::ordered_json::array();
  PretrainResult result;
  const auto labels = torch::arange(config.batch_size, torch::kInt64);
  double smoothed = 0, data_seconds = 0;
  auto train_start = std::chrono::steady_clock::now();
  for (int step = 0; step < config.steps; ++step) {
    if (cancel.load()) {
      result.cancelled = true;
      break;
    }
    const auto data_start = std::chrono::steady_clock::now();
    const Batch batch = make_batch(config, step, *tokenizer, model_config);
    data_seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - data_start).count();
    const double lr = learning_rate(config, step);
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);

    auto image = torch::nn::functional::normalize(clip->encode_image(batch.pixels),
                                                  torch::nn::functional::NormalizeFuncOptions().dim(-1));
    auto text = torch::nn::functional::normalize(clip->encode_text(batch.tokens, batch.end),
                                                 torch::nn::functional::NormalizeFuncOptions().dim(-1));
    auto logits = clip->logit_scale.exp() * image.matmul(text.t());
    auto loss = (torch::nn::functional::cross_entropy(logits, labels) +
                 torch::nn::functional::cross_entropy(logits.t(), labels)) / 2;
    optimizer.zero_grad();
    loss.backward();
    optimizer.step();
    {
      torch::NoGradGuard no_grad;
      clip->logit_scale.clamp_(0.0, std::log(100.0));
    }
    const double loss_value = loss.item<double>();
    smoothed = step == 0 ? loss_value : 0.95 * smoothed + 0.05 * loss_value;
    result.steps_done = step + 1;
    result.final_loss = smoothed;
    PretrainProgress p;
    p.step = step + 1;
    p.steps = config.steps;
    p.loss = loss_value;
    p.accuracy = logits.argmax(1).eq(labels).to(torch::kFloat64).mean().item<double>();
    p.temperature = clip->logit_scale.exp().item<double>();
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - train_start).count();
    p.samples_per_s = (step + 1) * config.batch_size / elapsed;
    p.data_share = data_seconds / elapsed;
    p.eta_s = elapsed / (step + 1) * (config.steps - step - 1);
    history.push_back({{"step", p.step}, {"loss", loss_value}, {"accuracy", p.accuracy}, {"lr", lr}});
    if (on_progress) on_progress(p);
  }

  TensorMap tensors;
  for (const auto& p : clip->named_parameters()) tensors[p.key()] = p.value().detach().to(torch::kFloat16).contiguous();
  save_safetensors((staging / "model.safetensors").string(), tensors,
                   {{"format", "pt"}, {"producer", "protext pretrain-mini"}});
  write_hf_config((staging / "config.json").string(), model_config);
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  nlohmann::ordered_json log;
  log["seed"] = config.seed;
  log["steps"] = config.steps;
  log["steps_done"] = result.steps_done;
  log["batch_size"] = config.batch_size;
  log["lr"] = config.lr;
  log["weight_decay"] = config.weight_decay;
  log["warmup_steps"] = config.warmup_steps;
  log["concept_share"] = config.concept_share;
  log["name_share"] = config.name_share;
  log["vocab_size"] = tokenizer->vocab_size();
  log["threads"] = torch::get_num_threads();
  log["seconds"] = result.seconds;
  log["cancelled"] = result.cancelled;
  log["history"] = history;
  std::ofstream(staging / "pretrain_log.json") << log.dump(1) << '\n';

  // Swap the finished folder in whole: a half-written model never replaces a good one.
  const fs::path out = config.out_dir, old = out.string() + ".old";
  fs::remove_all(old);
  if (fs::exists(out)) fs::rename(out, old);
  fs::rename(staging, out);
  fs::remove_all(old);
  return result;
}

}  // namespace protext::miniworld
