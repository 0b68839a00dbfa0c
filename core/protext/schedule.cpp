#include "core/protext/schedule.h"

#include <cmath>

#include "core/error.h"

namespace protext {

double Schedule::lr_at(int epoch) const {
  if (kind == "constant") return lr;
  if (kind == "cosine") return 0.5 * lr * (1.0 + std::cos(M_PI * epoch / std::max(epochs, 1)));
  if (epoch < warmup_epochs) return warmup_lr;
  return 0.5 * lr * (1.0 + std::cos(M_PI * (epoch - warmup_epochs) / std::max(epochs, 1)));
}

Schedule parse_schedule(const std::string& kind, double lr, int epochs) {
  if (kind != "reference" && kind != "constant" && kind != "cosine")
    throw Error("schedule " + kind, "not a schedule (reference, constant or cosine)");
  if (!(lr > 0)) throw Error("learning rate", "must be positive");
  Schedule s;
  s.kind = kind;
  s.lr = lr;
  s.epochs = epochs;
  return s;
}

}  // namespace protext
