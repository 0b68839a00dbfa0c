#pragma once
#include <cstdint>
#include <vector>

namespace protext {

// How far a method's confidence (its top-1 probability) can be trusted as a probability
// of being right: expected calibration error over equal-width confidence bins (Guo et al.
// 2017) and the bins of a reliability diagram. Torch-free.

struct CalibrationBin {
  double lo = 0, hi = 0;  // the bin holds confidences in (lo, hi]; the first also 0
  int64_t count = 0;
  double accuracy = 0, confidence = 0;  // means over the bin; NaN for an empty bin
};

struct Calibration {
  double ece = 0;  // Σ count / n · |accuracy − confidence|
  std::vector<CalibrationBin> bins;
};

// confidence[i] in [0, 1] and right[i] for each image. Bin edges are i / bins.
Calibration calibration(const std::vector<double>& confidence, const std::vector<uint8_t>& right, int bins = 15);

}  // namespace protext
