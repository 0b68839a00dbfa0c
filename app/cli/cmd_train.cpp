// protext train: learn ProText prompts from LLM descriptions alone.
#include <csignal>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/model_options.h"
#include "core/protext/trainer.h"
#include "core/runtime/atomic_file.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/description_match.h"

namespace protext::cli {
namespace {

std::atomic<bool> interrupted{false};
void on_interrupt(int) { interrupted = true; }

// The options over the preset's values; check_for_model refuses what is out of range.
TrainConfig config_from_options(const Args& args) {
  TrainConfig c = preset_config(args.get("preset", "cross-dataset"));
  c.epochs = args.get_int("epochs", c.epochs);
  c.steps = args.get_int("steps", static_cast<int>(c.steps));
  c.batch_size = args.get_int("batch-size", c.batch_size);
  c.full_batch = args.has("full-batch");
  c.shuffle = !args.has("no-shuffle");
  c.lr = args.get_double("lr", c.lr);
  c.weight_decay = args.get_double("weight-decay", c.weight_decay);
  c.schedule = args.get("schedule", c.schedule);
  c.prompts.n_ctx = args.get_int("n-ctx", static_cast<int>(c.prompts.n_ctx));
  c.prompts.depth = args.get_int("depth", static_cast<int>(c.prompts.depth));
  c.loss = args.get("loss", c.loss);
  c.seed = static_cast<uint64_t>(args.get_int("seed", static_cast<int>(c.seed)));
  c.text_template = args.get("template", c.text_template);
  c.precision = args.get("train-precision", c.precision);
  return c;
}

int run(const Args& args) {
  TrainJob job;
  job.config = config_from_options(args);
  validate_config(job.config, "train");  // before the slow part: opening the model
  job.descriptions = descriptions_from(args.require("descriptions"));
  if (args.has("classes")) {
    job.classes = class_list_from(args.get("classes"));
    for (const auto& warning : match_descriptions(job.classes, job.descriptions).warnings())
      std::fprintf(stderr, "warning: %s\n", warning.c_str());
  }
  job.out_path = args.require("out");
  job.resume_path = args.get("resume");
  job.init_prompts = args.get("init-prompts");
  job.log_path = args.get("log");
  check_writable(job.out_path);  // before the slow part, as the checks above
  job.clip = open_model_with_text_cache(args);
  // The reference depth (9) is for 12-layer text towers; a smaller CLIP (the embedded one
  // has 4) gets prompts before every layer it has.
  const ConfigCheck checked =
      check_for_model(job.config, job.clip->config().text.layers, job.clip->config().text.context_length);
  job.config = checked.config;
  for (const ConfigNote& note : checked.notes) std::fprintf(stderr, "note: %s\n", note.text.c_str());

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const auto result = train(
      job,
      [](const TrainProgress& p) {
        std::fprintf(stderr, "\repoch %d/%d  step %lld/%lld  loss %.5f  lr %.2e  %.0f samples/s  ETA %.0f s   ",
                     p.epoch + 1, p.epochs, static_cast<long long>(p.step), static_cast<long long>(p.steps), p.loss,
                     p.lr, p.samples_per_s, p.eta_s);
        if (p.epoch_mean_loss >= 0) std::fprintf(stderr, "\n");
      },
      interrupted);
  print_json_line({{"out", job.out_path},
                   {"steps", result.steps_done},
                   {"final_loss", result.step_losses.empty() ? 0.0 : result.step_losses.back()},
                   {"epoch_losses", result.epoch_losses},
                   {"cancelled", result.cancelled}});
  return result.cancelled ? 130 : 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.insert(o.end(), {
      {"descriptions", "FILE", "CuPL JSON {\"class\": [\"description\", ...]} to learn from"},
      {"classes", "FILE", "train on these classes of the descriptions only"},
      {"out", "FILE", "prompt checkpoint (.safetensors), written every epoch"},
      {"preset", "NAME", "cross-dataset (default), base2novel or text-only"},
      {"epochs", "N", "epochs (preset: 10 / 30 / 200)"},
      {"steps", "N", "stop after N optimiser steps instead"},
      {"batch-size", "N", "pairs per step (default 256)"},
      {"full-batch", "", "every pair in one step"},
      {"no-shuffle", "", "keep the pairs in file order"},
      {"lr", "F", "peak learning rate (preset: 0.03, text-only 0.0025)"},
      {"weight-decay", "F", "AdamW weight decay (default 0.1)"},
      {"schedule", "S", "reference (warm-up then cosine), constant or cosine"},
      {"n-ctx", "N", "context vectors (preset: 4, text-only 16)"},
      {"depth", "N", "prompt depth: input + deep prompts before layers 1..N-1 (default 9, at most the text layers)"},
      {"loss", "L", "l1 (default) or mse"},
      {"template", "T", "prompted template (default \"a photo of a {}.\")"},
      {"seed", "N", "random seed (default 1)"},
      {"init-prompts", "FILE", "start from these prompts (official tensor names)"},
      {"resume", "FILE", "continue a run from its checkpoint"},
      {"log", "FILE", "JSON Lines log, one line per step"},
      {"train-precision", "P", "fp32 (default; exact)"}});
  for (auto& option : cache_options()) o.push_back(option);
  return o;
}

const Command command{"train", "Learn ProText prompts from LLM descriptions (text only).", "", options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
