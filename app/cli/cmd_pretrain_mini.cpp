// protext pretrain-mini: trains the embedded mini CLIP on the drawn world.
#include <csignal>
#include <cstdio>

#include "app/cli/model_options.h"
#include "core/miniworld/pretrain.h"
#include "core/runtime/resources.h"

namespace protext::cli {
namespace {

std::atomic<bool> interrupted{false};
void on_interrupt(int) { interrupted = true; }

int run(const Args& args) {
  miniworld::PretrainConfig c;
  c.seed = static_cast<uint64_t>(args.get_int("seed", static_cast<int>(c.seed)));
  c.steps = args.get_int("steps", c.steps);
  c.batch_size = args.get_int("batch-size", c.batch_size);
  c.lr = args.get_double("lr", c.lr);
  c.warmup_steps = args.get_int("warmup", c.warmup_steps);
  c.vocab_size = args.get_int("vocab-size", c.vocab_size);
  c.out_dir = args.get("out", embedded_model_path());
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  const auto result = miniworld::pretrain_mini(
      c,
      [](const miniworld::PretrainProgress& p) {
        if (p.step % 10 != 0 && p.step != p.steps) return;
        std::fprintf(stderr, "step %d/%d  loss %.4f  batch acc %.3f  temp %.1f  %.0f samples/s (%.0f%% drawing)  ETA %.0f s\n",
                     p.step, p.steps, p.loss, p.accuracy, p.temperature, p.samples_per_s, 100 * p.data_share, p.eta_s);
      },
      interrupted);
  print_json_line({{"out", c.out_dir},
                   {"steps", result.steps_done},
                   {"seconds", result.seconds},
                   {"final_loss", result.final_loss},
                   {"cancelled", result.cancelled}});
  return result.cancelled ? 130 : 0;
}

const Command command{
    "pretrain-mini",
    "Train the embedded mini CLIP contrastively on freshly drawn images of the world.",
    "",
    {{"out", "DIR", "model folder to write (default resources/models/mini)"},
     {"seed", "N", "random seed (default 1)"},
     {"steps", "N", "optimiser steps (default 900, as the shipped model)"},
     {"batch-size", "N", "image-caption pairs per step (default 256)"},
     {"lr", "F", "peak learning rate (default 1e-3)"},
     {"warmup", "N", "warm-up steps (default 80)"},
     {"vocab-size", "N", "sentencepiece vocabulary bound (default 1000)"}},
    run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
