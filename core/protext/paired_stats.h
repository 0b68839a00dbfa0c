#pragma once
#include <cstdint>
#include <vector>

namespace protext {

// Whether two prompt methods differ for real on one set of images, and how sure a top-1 is.
// Torch-free: the report, the CLI and the app read the same numbers.

// Two methods scored on the same images, image by image.
struct PairedCounts {
  int64_t both_right = 0, only_a = 0, only_b = 0, both_wrong = 0;
  double mcnemar_p = 1;  // exact two-sided McNemar: binomial(only_a + only_b, 1/2)
};
// a_right and b_right: one entry per image, the same images in the same order.
PairedCounts paired_counts(const std::vector<uint8_t>& a_right, const std::vector<uint8_t>& b_right);

// min(1, 2 · P[X ≤ min(b, c)]) for X ~ Binomial(b + c, 1/2); 1 when b + c = 0.
double mcnemar_exact_p(int64_t b, int64_t c);

// The bootstrap's random stream: SplitMix64 (Steele, Lea & Flood 2014), which any language
// reproduces in five lines, so a reader of report.json can redraw the very resamples.
// Index i of a resample of n is next() % n.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed) : state_(seed) {}
  uint64_t next();
  int64_t below(int64_t n) { return static_cast<int64_t>(next() % static_cast<uint64_t>(n)); }

 private:
  uint64_t state_;
};

struct Interval {
  double low = 0, high = 0;
};

// numpy.percentile's default (linear) of sorted values at q in [0, 1].
double percentile(const std::vector<double>& sorted, double q);

// The 95% percentile interval of top-1 over `resamples` resamples of the images with
// replacement, drawn from SplitMix64(seed). Every method of a report uses the same seed, so
// each resample holds the same images for all of them.
Interval bootstrap_top1(const std::vector<uint8_t>& right, int64_t resamples, uint64_t seed);

// The same for the harmonic mean of base and novel top-1: each resample draws the base
// images, then the novel images, from one SplitMix64(seed) stream.
Interval bootstrap_harmonic_mean(const std::vector<uint8_t>& base_right, const std::vector<uint8_t>& novel_right,
                                 int64_t resamples, uint64_t seed);

}  // namespace protext
