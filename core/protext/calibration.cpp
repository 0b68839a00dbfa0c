#include "core/protext/calibration.h"

#include <cmath>

#include "core/error.h"

namespace protext {

Calibration calibration(const std::vector<double>& confidence, const std::vector<uint8_t>& right, int bins) {
  if (confidence.size() != right.size()) throw Error("calibration", "confidences and outcomes differ in count");
  if (bins < 1 || bins > 1000) throw Error("calibration", "the number of bins must be between 1 and 1000");
  Calibration out;
  std::vector<double> hits(static_cast<size_t>(bins), 0), conf(static_cast<size_t>(bins), 0);
  for (int b = 0; b < bins; ++b) {
    CalibrationBin bin;
    bin.lo = static_cast<double>(b) / bins;
    bin.hi = static_cast<double>(b + 1) / bins;
    out.bins.push_back(bin);
  }
  for (size_t i = 0; i < confidence.size(); ++i) {
    const double p = confidence[i];
    if (!(p >= 0 && p <= 1)) throw Error("calibration", "a confidence outside [0, 1]");
    // The bin whose (lo, hi] holds p, decided by the same edges the report prints.
    int b = 0;
    while (b + 1 < bins && p > out.bins[static_cast<size_t>(b)].hi) ++b;
    ++out.bins[static_cast<size_t>(b)].count;
    hits[static_cast<size_t>(b)] += right[i] ? 1 : 0;
    conf[static_cast<size_t>(b)] += p;
  }
  const auto n = static_cast<double>(confidence.size());
  for (size_t b = 0; b < out.bins.size(); ++b) {
    CalibrationBin& bin = out.bins[b];
    if (bin.count == 0) {
      bin.accuracy = bin.confidence = std::nan("");
      continue;
    }
    bin.accuracy = hits[b] / static_cast<double>(bin.count);
    bin.confidence = conf[b] / static_cast<double>(bin.count);
    out.ece += static_cast<double>(bin.count) / n * std::abs(bin.accuracy - bin.confidence);
  }
  if (confidence.empty()) out.ece = std::nan("");
  return out;
}

}  // namespace protext
