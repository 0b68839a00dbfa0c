#pragma once
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/nn/pimpl.h>

#include "core/clip/clip_model.h"
#include "core/protext/train_config.h"  // PromptConfig

namespace protext {

// ProText's learnable prompts, with the official tensor names:
//   prompt_learner.ctx                                   [n_ctx, width]
//   text_encoder.transformer.resblocks.{i}.VPT_shallow   [n_ctx, width], i = 1 … depth−1
struct PromptLearnerImpl : torch::nn::Module {
  // Initialised as the paper's code does; `generator_seed` drives the N(0, 0.02²) draws.
  PromptLearnerImpl(ClipModel& clip, const PromptConfig& config, uint64_t generator_seed);
  // Empty prompts of the given shape, for loading.
  PromptLearnerImpl(const PromptConfig& config, int64_t width);

  PromptInjection injection() const;
  std::map<std::string, torch::Tensor> named_tensors() const;  // official names
  // Copies tensors with official names in; every missing or mis-shaped one is an error.
  void load_named(const std::map<std::string, torch::Tensor>& tensors, const std::string& source);

  PromptConfig config;
  torch::Tensor ctx;
  std::vector<torch::Tensor> deep;  // deep[i − 1] goes before text layer i
};
TORCH_MODULE(PromptLearner);

// The token ids a class is encoded from: <start_of_text>, n_ctx placeholders that the
// context vectors replace, the template filled with the class name (its opening words, the
// init text, dropped: the context stands in for them), <end_of_text>. The placeholders are
// set as ids, not spelled as "X X X X" text, so each takes exactly one position whatever the
// tokenizer (a sentencepiece model may cut "X" into two pieces). Cut to context_length,
// keeping <end_of_text> last.
std::vector<int64_t> prompted_tokens(const Tokenizer& tokenizer, const std::string& text_template,
                                     const std::string& class_name, const PromptConfig& config,
                                     int context_length);

// Normalised prompted embeddings [classes, embed_dim] on the model's device. Runs with
// autograd when the learner's tensors require grad (training), so no inference mode here.
torch::Tensor encode_prompted_classes(ClipModel& clip, const PromptLearner& learner,
                                      const std::vector<std::string>& class_names,
                                      const std::string& text_template);

// The ProText classifier: [classes, embed_dim] normalised, fp32 on the CPU, for ANY
// class list (classes never seen in training included).
torch::Tensor protext_classifier(ClipModel& clip, const PromptLearner& learner,
                                 const std::vector<std::string>& class_names,
                                 const std::string& text_template = "a photo of a {}.");

// A prompt checkpoint: safetensors with the official names plus one metadata entry
// "protext" holding JSON: n_ctx, depth, init_text, template, clip_fingerprint,
// training configuration, loss history, and anything else the caller adds.
// `extra` tensors (the trainer's optimiser state) are stored beside the prompts.
void save_prompts(const std::string& path, const PromptLearner& learner, const nlohmann::json& metadata,
                  const std::map<std::string, torch::Tensor>& extra = {});

struct LoadedPrompts {
  PromptLearner learner{nullptr};
  nlohmann::json metadata;
  std::string warning;  // non-empty when the checkpoint was made on another CLIP
};
LoadedPrompts load_prompts(const std::string& path, ClipModel& clip);

}  // namespace protext
