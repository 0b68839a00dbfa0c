#include "core/runtime/thread_budget.h"

#include <ATen/Parallel.h>

#include <algorithm>

namespace protext {
namespace {
thread_local ThreadBudget::Lease* innermost = nullptr;
}

ThreadBudget& ThreadBudget::process() {
  static ThreadBudget budget;
  return budget;
}

void ThreadBudget::set_total(int threads) {
  total_ = std::max(1, threads);
  ++generation_;
}

int ThreadBudget::holders() const { return holders_.load(); }

int ThreadBudget::share_for(int at_most) const {
  const int share = std::max(1, total_.load() / std::max(1, holders_.load()));
  return at_most > 0 ? std::min(share, at_most) : share;
}

ThreadBudget::Lease::Lease(ThreadBudget& budget, int at_most)
    : budget_(budget), at_most_(at_most), counted_(innermost == nullptr), outer_(innermost),
      previous_(at::get_num_threads()) {
  if (counted_) {
    ++budget_.holders_;
    ++budget_.generation_;
  }
  innermost = this;
  apply();
}

ThreadBudget::Lease::~Lease() {
  innermost = outer_;
  if (counted_) {
    --budget_.holders_;
    ++budget_.generation_;
  }
  if (at::get_num_threads() != previous_) at::set_num_threads(previous_);
}

void ThreadBudget::Lease::apply() {
  seen_generation_ = budget_.generation_.load();
  int share = budget_.share_for(at_most_);
  if (outer_) share = std::min(share, outer_->threads_);
  threads_ = share;
  if (at::get_num_threads() != share) at::set_num_threads(share);
}

void ThreadBudget::Lease::refresh() {
  if (budget_.generation_.load() != seen_generation_) apply();
}

int threads_worth(double macs_per_product) {
  // Measured on the embedded model (width 128): 8 texts (1.8M multiply-adds a product) ran
  // faster on two threads; one short text (0.13M) has nothing to split.
  constexpr double kPerThread = 1e6;
  return macs_per_product < kPerThread ? 1 : 0;
}

}  // namespace protext
