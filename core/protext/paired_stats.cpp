#include "core/protext/paired_stats.h"

#include <algorithm>
#include <cmath>

#include "core/error.h"
#include "core/protext/eval_report.h"

namespace protext {
namespace {

double mean_of_resample(const std::vector<uint8_t>& right, SplitMix64& draw) {
  const auto n = static_cast<int64_t>(right.size());
  int64_t hits = 0;
  for (int64_t i = 0; i < n; ++i) hits += right[static_cast<size_t>(draw.below(n))];
  return static_cast<double>(hits) / static_cast<double>(n);
}

Interval central_95(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return {percentile(values, 0.025), percentile(values, 0.975)};
}

void check_resamples(int64_t resamples) {
  // Bounded: the count comes from a command line or a project file.
  if (resamples < 1 || resamples > 1000000)
    throw Error("bootstrap", "the number of resamples must be between 1 and 1000000, not " + std::to_string(resamples));
}

}  // namespace

PairedCounts paired_counts(const std::vector<uint8_t>& a_right, const std::vector<uint8_t>& b_right) {
  if (a_right.size() != b_right.size()) throw Error("paired comparison", "the two methods scored different images");
  PairedCounts c;
  for (size_t i = 0; i < a_right.size(); ++i) {
    if (a_right[i] && b_right[i]) ++c.both_right;
    else if (a_right[i]) ++c.only_a;
    else if (b_right[i]) ++c.only_b;
    else ++c.both_wrong;
  }
  c.mcnemar_p = mcnemar_exact_p(c.only_a, c.only_b);
  return c;
}

double mcnemar_exact_p(int64_t b, int64_t c) {
  const int64_t n = b + c;
  if (n == 0) return 1.0;
  const int64_t k = std::min(b, c);
  // The largest term, C(n, k) / 2^n, in log space, so millions of images neither overflow
  // the coefficient nor underflow 2^-n; the smaller ones by the ratio
  // C(n, i - 1) / C(n, i) = i / (n - i + 1).
  const auto nd = static_cast<double>(n), kd = static_cast<double>(k);
  const double top = std::lgamma(nd + 1) - std::lgamma(kd + 1) - std::lgamma(nd - kd + 1) + nd * std::log(0.5);
  double sum = 0, term = 1;
  for (int64_t i = k; i >= 0 && term >= 1e-17 * sum; --i) {
    sum += term;
    term *= static_cast<double>(i) / static_cast<double>(n - i + 1);
  }
  return std::min(1.0, 2.0 * std::exp(top) * sum);
}

uint64_t SplitMix64::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double percentile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return std::nan("");
  const double h = q * static_cast<double>(sorted.size() - 1);
  const auto lo = static_cast<size_t>(std::floor(h));
  const size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Interval bootstrap_top1(const std::vector<uint8_t>& right, int64_t resamples, uint64_t seed) {
  check_resamples(resamples);
  if (right.empty()) return {std::nan(""), std::nan("")};
  SplitMix64 draw(seed);
  std::vector<double> top1;
  top1.reserve(static_cast<size_t>(resamples));
  for (int64_t r = 0; r < resamples; ++r) top1.push_back(mean_of_resample(right, draw));
  return central_95(std::move(top1));
}

Interval bootstrap_harmonic_mean(const std::vector<uint8_t>& base_right, const std::vector<uint8_t>& novel_right,
                                 int64_t resamples, uint64_t seed) {
  check_resamples(resamples);
  if (base_right.empty() || novel_right.empty()) return {std::nan(""), std::nan("")};
  SplitMix64 draw(seed);
  std::vector<double> hm;
  hm.reserve(static_cast<size_t>(resamples));
  for (int64_t r = 0; r < resamples; ++r) {
    const double base = mean_of_resample(base_right, draw);
    hm.push_back(harmonic_mean(base, mean_of_resample(novel_right, draw)));
  }
  return central_95(std::move(hm));
}

}  // namespace protext
