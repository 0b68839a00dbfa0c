#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clip/clip_model.h"
#include "core/protext/prompts.h"
#include "core/zeroshot/descriptions.h"

namespace protext {

// Training configuration with the released defaults; presets below.
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
  std::string schedule = "reference";
  std::string loss = "l1";     // "l1" (mean absolute error) or "mse"
  PromptConfig prompts;
  std::string text_template = "a photo of a {}.";
  uint64_t seed = 1;
  std::string precision = "fp32";  // fp32 (exact) or bf16/fp16 autocast on CUDA

  nlohmann::json to_json() const;
};

TrainConfig preset_config(const std::string& name);  // cross-dataset, base2novel, text-only

struct Progress {
  int epoch = 0, epochs = 0;
  int64_t step = 0, steps = 0;
  double loss = 0, lr = 0, samples_per_s = 0, eta_s = 0;
  double epoch_mean_loss = -1;  // ≥ 0 on the last step of an epoch
};

struct TrainJob {
  std::shared_ptr<ClipModel> clip;
  DescriptionSet descriptions;
  std::vector<std::string> classes;  // empty: every class of the descriptions
  TrainConfig config;
  std::string out_path;      // checkpoint written every epoch (atomically) and at the end
  std::string resume_path;   // continue a run from its checkpoint
  std::string init_prompts;  // start from these prompts (official names) instead
  std::string log_path;      // JSON Lines, one line per step
  std::string cache_dir;     // target cache; empty: default_cache_dir()
};

struct TrainResult {
  PromptLearner learner{nullptr};
  std::vector<double> step_losses;
  std::vector<double> epoch_losses;
  bool cancelled = false;
  int64_t steps_done = 0;
};

// Runs on the calling thread; the GUI calls it from a worker. Cancellation is checked
// between steps (well inside a second at these model sizes).
TrainResult train(const TrainJob& job, const std::function<void(const Progress&)>& on_progress,
                  const std::atomic<bool>& cancel);

}  // namespace protext
