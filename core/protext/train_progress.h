#pragma once

#include <cstdint>

namespace protext {

// What a training run reports after every optimiser step: torch-free, so the app's GUI
// receives it as it is.
struct TrainProgress {
  int epoch = 0, epochs = 0;
  int64_t step = 0, steps = 0;
  double loss = 0, lr = 0, samples_per_s = 0, eta_s = 0;
  double epoch_mean_loss = -1;  // ≥ 0 on the last step of an epoch
};

}  // namespace protext
