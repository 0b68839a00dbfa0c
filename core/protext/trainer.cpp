#include "core/protext/trainer.h"

#include "core/runtime/thread_budget.h"

#include <ATen/CPUGeneratorImpl.h>
#include <torch/optim/adamw.h>

#include <chrono>
#include <cmath>
#include <fstream>

#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/runtime/content_hash.h"
#include "core/protext/data.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/protext/schedule.h"

namespace protext {
namespace {

using Clock = std::chrono::steady_clock;

std::string state_key(const torch::Tensor& p) { return c10::guts::to_string(p.unsafeGetTensorImpl()); }

// AdamW's moments by prompt name, so a resumed run continues exactly.
std::map<std::string, torch::Tensor> optimizer_state(torch::optim::AdamW& optimizer, const PromptLearner& learner,
                                                     int64_t* adam_step) {
  std::map<std::string, torch::Tensor> out;
  auto& state = optimizer.state();
  for (const auto& [name, p] : learner->named_tensors()) {
    auto it = state.find(state_key(p));
    if (it == state.end()) continue;
    auto& s = static_cast<torch::optim::AdamWParamState&>(*it->second);
    out["optimizer." + name + ".exp_avg"] = s.exp_avg();
    out["optimizer." + name + ".exp_avg_sq"] = s.exp_avg_sq();
    *adam_step = s.step();
  }
  return out;
}

void restore_optimizer_state(torch::optim::AdamW& optimizer, const PromptLearner& learner, const TensorMap& tensors,
                             int64_t adam_step, const std::string& source) {
  if (adam_step <= 0) return;
  for (const auto& [name, p] : learner->named_tensors()) {
    auto avg = tensors.find("optimizer." + name + ".exp_avg");
    auto sq = tensors.find("optimizer." + name + ".exp_avg_sq");
    if (avg == tensors.end() || sq == tensors.end())
      throw Error(source, "cannot resume: the optimiser state of '" + name + "' is missing");
    auto s = std::make_unique<torch::optim::AdamWParamState>();
    s->step(adam_step);
    s->exp_avg(avg->second.to(p.device(), torch::kFloat32).clone());
    s->exp_avg_sq(sq->second.to(p.device(), torch::kFloat32).clone());
    optimizer.state()[state_key(p)] = std::move(s);
  }
}

// A resumed run continues the log of the run it resumes: lines the killed run wrote after
// its last checkpoint are dropped, so step numbers stay unique and in order.
void keep_logged_steps(const std::string& path, int64_t steps_done) {
  std::ifstream in(path);
  if (!in) return;
  std::string kept;
  for (std::string line; std::getline(in, line);) {
    try {
      if (nlohmann::json::parse(line).value("step", int64_t{0}) <= steps_done) kept += line + '\n';
    } catch (const nlohmann::json::exception&) {
      // A line cut short by the kill: dropped.
    }
  }
  in.close();
  write_file_atomically(path, kept);
}

bool is_out_of_memory(const c10::Error& e) {
  return std::string(e.what_without_backtrace()).find("out of memory") != std::string::npos;
}

}  // namespace

namespace {
std::string number_text(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}
}  // namespace

TrainResult train(const TrainJob& job, const std::function<void(const TrainProgress&)>& on_progress,
                  const std::atomic<bool>& cancel) {
  if (!job.clip) throw Error("train", "no CLIP model");
  ClipModel& clip = *job.clip;
  const TrainConfig& c = job.config;
  // The front ends fit the configuration to the model with check_for_model and report its
  // notes; here it only refuses what cannot be trained (an over-deep depth is refused by
  // the prompt learner).
  check_for_model(c, clip.config().text.layers, clip.config().text.context_length);
  if (c.precision != "fp32") throw Error("train", "precision " + c.precision + " is not supported for training yet; use fp32");
  // Where the prompts go is checked before the first epoch, not after it.
  if (!job.out_path.empty()) check_writable(job.out_path);
  for (auto& p : clip.module()->parameters()) p.set_requires_grad(false);
  // The run's share of the process's threads; it shrinks while the app classifies beside it.
  auto threads = ThreadBudget::process().lease();

  // Targets come through the model's text cache, when its owner turned one on.
  TrainingData data = build_training_data(clip, job.descriptions, job.classes, {});
  const int64_t pairs = data.targets.size(0);
  const int64_t batch = c.full_batch ? pairs : std::min<int64_t>(c.batch_size, pairs);
  const int64_t steps_per_epoch = (pairs + batch - 1) / batch;
  const int epochs = c.steps > 0 ? static_cast<int>((c.steps + steps_per_epoch - 1) / steps_per_epoch) : c.epochs;
  const int64_t total_steps = c.steps > 0 ? c.steps : epochs * steps_per_epoch;
  const Schedule schedule = parse_schedule(c.schedule, c.lr, epochs);

  TrainResult result;
  int start_epoch = 0;
  int64_t adam_step = 0;
  TensorMap resume_tensors;
  if (!job.resume_path.empty()) {
    const CheckpointInfo checkpoint = read_checkpoint_config(job.resume_path);
    const nlohmann::json& resume_meta = checkpoint.metadata;
    result.learner = load_prompts(job.resume_path, clip).learner;
    std::map<std::string, std::string> ignored;
    resume_tensors = read_safetensors(job.resume_path, &ignored);
    start_epoch = checkpoint.epochs_done;
    result.steps_done = checkpoint.steps_done;
    try {
      adam_step = resume_meta.value("adam_step", int64_t{0});
      result.step_losses = resume_meta.value("step_losses", std::vector<double>{});
      result.epoch_losses = resume_meta.value("epoch_losses", std::vector<double>{});
    } catch (const nlohmann::json::exception& e) {
      throw Error(job.resume_path, std::string("cannot resume: the loss history or optimiser step is malformed (") +
                                       e.what() + ")");
    }
    // The checkpoint's progress must be one this run could have made, on these targets.
    const auto refuse = [&](const std::string& why) { throw Error(job.resume_path, "cannot resume: " + why); };
    if (checkpoint.epochs_done > epochs)
      refuse("it has done " + std::to_string(checkpoint.epochs_done) + " epochs of a run of " + std::to_string(epochs));
    if (checkpoint.steps_done > int64_t(checkpoint.epochs_done) * steps_per_epoch ||
        checkpoint.steps_done < int64_t(std::max(0, checkpoint.epochs_done - 1)) * steps_per_epoch)
      refuse(std::to_string(checkpoint.steps_done) + " steps do not match " + std::to_string(checkpoint.epochs_done) +
             " epochs of " + std::to_string(steps_per_epoch) + " steps");
    if (adam_step < 0 || adam_step > checkpoint.steps_done)
      refuse("its optimiser step " + std::to_string(adam_step) + " is not between 0 and its " +
             std::to_string(checkpoint.steps_done) + " steps");
    if (result.step_losses.size() > size_t(checkpoint.steps_done) ||
        result.epoch_losses.size() > size_t(checkpoint.epochs_done))
      refuse("its loss history is longer than its progress");
    const auto hash = resume_meta.find("targets_hash");
    if (hash != resume_meta.end() && (!hash->is_string() || hash->get<std::string>() != data.content_hash))
      refuse("it was trained on other descriptions or classes than these; start a new run, or pass the run's own "
             "descriptions");
  } else {
    result.learner = PromptLearner(clip, c.prompts, c.seed);
    if (!job.init_prompts.empty()) {
      const auto tensors = is_zip_archive(job.init_prompts) ? read_dassl_prompts(job.init_prompts)
                                                             : read_safetensors(job.init_prompts);
      result.learner->load_named(tensors, job.init_prompts);
    }
  }
  PromptLearner& learner = result.learner;
  learner->to(clip.device());
  learner->train();

  torch::optim::AdamW optimizer(learner->parameters(), torch::optim::AdamWOptions(c.lr)
                                                           .betas({c.beta1, c.beta2})
                                                           .eps(c.eps)
                                                           .weight_decay(c.weight_decay));
  restore_optimizer_state(optimizer, learner, resume_tensors, adam_step, job.resume_path);

  std::ofstream log;
  if (!job.log_path.empty()) {
    if (start_epoch > 0) keep_logged_steps(job.log_path, result.steps_done);
    log.open(job.log_path, start_epoch > 0 ? std::ios::app : std::ios::trunc);
    if (!log) throw Error(job.log_path, "cannot write the training log");
  }
  const auto targets = data.targets.to(clip.device());
  const auto pair_class = data.pair_class;

  auto checkpoint = [&](int epochs_done) {
    if (job.out_path.empty()) return;
    int64_t step_count = 0;
    auto extra = optimizer_state(optimizer, learner, &step_count);
    nlohmann::json meta = {{"template", c.text_template},
                           {"clip_fingerprint", clip.fingerprint()},
                           {"clip_path", clip.path()},
                           {"training", c.to_json()},
                           {"classes", data.classes},
                           {"targets_hash", data.content_hash},
                           {"epochs_done", epochs_done},
                           {"steps_done", result.steps_done},
                           {"adam_step", step_count},
                           {"epoch_losses", result.epoch_losses},
                           {"step_losses", result.step_losses}};
    save_prompts(job.out_path, learner, meta, extra);
  };

  const auto started = Clock::now();
  int64_t samples_seen = 0;
  for (int epoch = start_epoch; epoch < epochs && result.steps_done < total_steps; ++epoch) {
    const double lr = schedule.lr_at(epoch);
    for (auto& group : optimizer.param_groups()) static_cast<torch::optim::AdamWOptions&>(group.options()).lr(lr);
    // The order of an epoch depends only on the seed and the epoch, so a resumed run
    // sees the same batches as an uninterrupted one.
    torch::Tensor order;
    if (c.shuffle) {
      auto generator = at::make_generator<at::CPUGeneratorImpl>(c.seed * 1000003ULL + static_cast<uint64_t>(epoch));
      order = torch::randperm(pairs, generator, torch::kInt64);
    } else {
      order = torch::arange(pairs, torch::kInt64);
    }
    double epoch_sum = 0;
    int64_t epoch_batches = 0;
    for (int64_t b = 0; b < steps_per_epoch && result.steps_done < total_steps; ++b) {
      threads.refresh();
      if (cancel.load()) {
        result.cancelled = true;
        return result;
      }
      const auto index = order.narrow(0, b * batch, std::min(batch, pairs - b * batch));
      const auto owners = pair_class.index_select(0, index);
      // Each distinct class of the batch is encoded once; its row serves all its pairs.
      auto [unique, inverse] = at::_unique(owners, /*sorted=*/true, /*return_inverse=*/true);
      std::vector<std::string> names;
      auto u = unique.accessor<int64_t, 1>();
      for (int64_t i = 0; i < unique.size(0); ++i) names.push_back(data.classes[u[i]]);
      torch::Tensor loss;
      try {
        const auto features = encode_prompted_classes(clip, learner, names, c.text_template);
        const auto predicted = features.index_select(0, inverse.to(features.device()));
        const auto wanted = targets.index_select(0, index.to(targets.device()));
        loss = c.loss == "l1" ? (predicted - wanted).abs().mean() : (predicted - wanted).pow(2).mean();
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
      } catch (const c10::Error& e) {
        if (is_out_of_memory(e))
          throw Error("train", "the device ran out of memory at batch size " + std::to_string(batch) +
                                   "; lower --batch-size (each step encodes up to that many classes)");
        throw;
      }
      const double value = loss.item<double>();
      // A diverged run stops here: the last checkpoint (the previous epoch's) stays as it
      // was, and nothing NaN is written over it.
      if (!std::isfinite(value))
        throw Error("train", "the loss became " + std::string(std::isnan(value) ? "NaN" : "infinite") + " at step " +
                                 std::to_string(result.steps_done + 1) + " (epoch " + std::to_string(epoch + 1) +
                                 "): the prompts diverged; lower the learning rate (now " + number_text(lr) + ") or the weight decay (" +
                                 number_text(c.weight_decay) + ")");
      result.step_losses.push_back(value);
      epoch_sum += value;
      ++epoch_batches;
      ++result.steps_done;
      samples_seen += index.size(0);
      const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();
      TrainProgress p;
      p.epoch = epoch;
      p.epochs = epochs;
      p.step = result.steps_done;
      p.steps = total_steps;
      p.loss = value;
      p.lr = lr;
      p.samples_per_s = elapsed > 0 ? samples_seen / elapsed : 0;
      const int64_t steps_this_run = result.steps_done - (start_epoch * steps_per_epoch);
      p.eta_s = steps_this_run > 0 ? elapsed / steps_this_run * (total_steps - result.steps_done) : 0;
      const bool epoch_end = b + 1 == steps_per_epoch || result.steps_done == total_steps;
      if (epoch_end) p.epoch_mean_loss = epoch_sum / epoch_batches;
      if (log) {
        log << nlohmann::json{{"step", result.steps_done}, {"epoch", epoch}, {"loss", value}, {"lr", lr},
                              {"samples_per_s", p.samples_per_s}}
                   .dump()
            << '\n'
            << std::flush;
      }
      if (on_progress) on_progress(p);
    }
    result.epoch_losses.push_back(epoch_sum / std::max<int64_t>(epoch_batches, 1));
    checkpoint(epoch + 1);
  }
  return result;
}

}  // namespace protext
