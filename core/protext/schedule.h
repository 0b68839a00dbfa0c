#pragma once
#include <string>

namespace protext {

// Learning rate per epoch (constant within an epoch, as the released trainer steps its
// scheduler once per epoch).
//   reference: warmup_lr for e < warmup_epochs, then 0.5·lr·(1 + cos(π (e − warmup) / epochs))
//              (the released configs: warmup 5 epochs at 1e-5; with 10 epochs this is
//              0.5 · 0.03 · (1 + cos(π (e − 5) / 10)))
//   constant:  lr
//   cosine:    0.5·lr·(1 + cos(π e / epochs)), no warm-up
struct Schedule {
  std::string kind = "reference";
  double lr = 0.03;
  int epochs = 10;
  int warmup_epochs = 5;
  double warmup_lr = 1e-5;

  double lr_at(int epoch) const;
};

Schedule parse_schedule(const std::string& kind, double lr, int epochs);

}  // namespace protext
