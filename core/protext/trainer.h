#pragma once
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clip/clip_model.h"
#include "core/protext/prompts.h"
#include "core/protext/train_config.h"  // TrainConfig, presets
#include "core/protext/train_progress.h"
#include "core/zeroshot/descriptions.h"

namespace protext {

struct TrainJob {
  std::shared_ptr<ClipModel> clip;
  DescriptionSet descriptions;
  std::vector<std::string> classes;  // empty: every class of the descriptions
  TrainConfig config;
  std::string out_path;      // checkpoint written every epoch (atomically) and at the end
  std::string resume_path;   // continue a run from its checkpoint
  std::string init_prompts;  // start from these prompts (official names) instead
  std::string log_path;      // JSON Lines, one line per step
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
TrainResult train(const TrainJob& job, const std::function<void(const TrainProgress&)>& on_progress,
                  const std::atomic<bool>& cancel);

}  // namespace protext
