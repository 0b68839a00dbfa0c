#pragma once
#include <atomic>
#include <cstdint>
#include <functional>
#include <string>

#include "core/clip/config.h"

namespace protext::miniworld {

// The embedded mini CLIP: 64 px images in 8 px patches, a 32-token sentencepiece context.
// Widths are multiples of 64 so even the bare weights (no config.json) read back right.
ClipConfig mini_clip_config(int64_t vocab_size);

struct PretrainConfig {
  uint64_t seed = 1;
  int steps = 900;
  int batch_size = 256;
  double lr = 1e-3;
  double weight_decay = 0.1;
  int warmup_steps = 80;
  int vocab_size = 1000;        // an upper bound; the corpus decides the rest
  int corpus_size = 40000;      // captions the tokenizer is trained on
  double concept_share = 0.6;   // scenes whose main object is a named concept
  double name_share = 0.4;      // of those, captions that use the name (a minority)
  std::string out_dir;          // receives model.safetensors, config.json, spm.model, pretrain_log.json
};

struct PretrainProgress {
  int step = 0, steps = 0;
  double loss = 0, accuracy = 0;  // symmetric InfoNCE; image→text top-1 within the batch
  double temperature = 0;         // exp(logit_scale)
  double samples_per_s = 0, eta_s = 0;
  double data_share = 0;          // of the time, drawing and tokenising the batches
};

struct PretrainResult {
  int steps_done = 0;
  bool cancelled = false;
  double seconds = 0;
  double final_loss = 0;
};

// Trains the tokenizer on captions of the world, then the CLIP contrastively on freshly
// rendered (image, caption) pairs; step s's batch is a function of (seed, s) alone.
// Writes the model folder atomically at the end (also when cancelled, so the work is kept).
PretrainResult pretrain_mini(const PretrainConfig& config,
                             const std::function<void(const PretrainProgress&)>& on_progress,
                             const std::atomic<bool>& cancel);

}  // namespace protext::miniworld
