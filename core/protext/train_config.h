#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

// A training run's configuration: the presets, its JSON form (project files, checkpoint
// metadata), its checks against a model, and reading it back from a checkpoint. No
// LibTorch here, so the app's widgets use these types directly; the CLI, the app and the
// trainer share every rule.
namespace protext {

// The shape of learned prompts. n_ctx ≤ 4 starts from the embeddings of "a photo of a"
// (its first n_ctx tokens); more starts from N(0, 0.02²) with an "X X … X {class}." input.
struct PromptConfig {
  int64_t n_ctx = 4;
  int64_t depth = 9;  // input prompts + deep prompts before text layers 1 … depth−1
  std::string init_text = "a photo of a";

  bool operator==(const PromptConfig& other) const;
  bool operator!=(const PromptConfig& other) const { return !(*this == other); }
};

// Training configuration with the released defaults (the cross-dataset preset). The files
// a run reads and writes are the job's (TrainJob), not the configuration's.
struct TrainConfig {
  std::string preset = "cross-dataset";
  int epochs = 10;
  int64_t steps = 0;           // > 0: stop after this many optimiser steps instead
  int batch_size = 256;
  bool full_batch = false;     // one batch of all pairs per step
  bool shuffle = true;
  double lr = 0.03;
  double weight_decay = 0.1;
  double beta1 = 0.9, beta2 = 0.98, eps = 1e-8;
  std::string schedule = "reference";  // reference, constant or cosine (core/protext/schedule.h)
  std::string loss = "l1";     // "l1" (mean absolute error) or "mse"
  PromptConfig prompts;
  std::string text_template = "a photo of a {}.";
  uint64_t seed = 1;
  std::string precision = "fp32";  // fp32 (exact) or bf16/fp16 autocast on CUDA

  // The trainer's keys: preset, epochs, steps, batch_size, full_batch, shuffle, lr,
  // weight_decay, betas [β1, β2], eps, schedule, loss, n_ctx, depth, init_text, template,
  // seed, precision.
  nlohmann::json to_json() const;

  bool operator==(const TrainConfig& other) const;
  bool operator!=(const TrainConfig& other) const { return !(*this == other); }
};

// The released configurations, by name: "cross-dataset" (10 epochs), "base2novel" (30),
// "text-only" (200 epochs, lr 0.0025, 16 context vectors).
std::vector<std::string> preset_names();
// Throws protext::Error naming `name` and the valid names when it is not one of them.
TrainConfig preset_config(const std::string& name);

// Throws protext::Error "<source>: training setting '<key>' …" for the first value out of
// range: epochs, batch_size, n_ctx or depth below 1, steps below 0, a learning rate, weight
// decay, β or ε that is not a finite number in range, a template without exactly one "{}",
// an unknown preset, schedule, loss or precision.
void validate_config(const TrainConfig& config, const std::string& source);

// The inverse of TrainConfig::to_json. Missing keys keep the defaults, so older files open;
// unknown keys are ignored; a value of the wrong type or out of range is refused with
// protext::Error naming `source` and the key (validate_config's rules).
TrainConfig config_from_json(const nlohmann::json& json, const std::string& source);

// A change check_for_model made, for a front end to report (and to translate: `key` says
// which setting changed, `value` is its new value).
struct ConfigNote {
  std::string key;
  int64_t value = 0;
  std::string text;  // "prompt depth lowered to 4, the text tower's layer count"
};

struct ConfigCheck {
  TrainConfig config;  // the configuration to train with
  std::vector<ConfigNote> notes;
};

// Fits a configuration to a model's text tower: a prompt depth beyond `text_layers` is
// lowered to it (the reference depth 9 is for 12-layer towers; the embedded model has 4),
// with a note. Refuses (protext::Error) what cannot be fitted: an invalid configuration,
// and an n_ctx that leaves no room in `context_length` tokens for <start_of_text>, at
// least one token of the class name and <end_of_text>.
ConfigCheck check_for_model(const TrainConfig& config, int64_t text_layers, int64_t context_length);

// What a checkpoint written by the trainer says about its run.
struct CheckpointInfo {
  TrainConfig config;     // the configuration it was trained with
  int epochs_done = 0;    // epochs finished when it was written
  int64_t steps_done = 0;
  nlohmann::json metadata = nlohmann::json::object();  // the whole "protext" metadata entry
};

// Reads the "protext" metadata of a prompt checkpoint (safetensors) through the validated
// safetensors reader, without loading a model. Throws protext::Error naming `path` for a
// file that is not safetensors, has no or malformed metadata, was not written by training
// (e.g. exported or imported prompts), or holds an invalid configuration. Checkpoints that
// keep the prompt shape only at the top level of the metadata (older ones) still open.
CheckpointInfo read_checkpoint_config(const std::string& path);

}  // namespace protext
