#pragma once
// Shared by the image suites: reference arrays written by tests/reference/pillow_preprocess.py
// (float32 .npy holding uint8 values) and the pixel differences the issue bounds.
#include <QString>
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "core/image/image.h"
#include "core/npy.h"

namespace protext::test {

inline RgbImage load_reference_image(const QString& path) {
  std::vector<int64_t> shape;
  const std::vector<float> values = read_npy(path.toStdString(), &shape);
  if (shape.size() != 3 || shape[2] != 3)
    throw std::runtime_error(path.toStdString() + ": reference is not an [H, W, 3] image");
  RgbImage image{static_cast<int>(shape[1]), static_cast<int>(shape[0]),
                 std::vector<uint8_t>(values.size())};
  for (size_t i = 0; i < values.size(); ++i) image.pixels[i] = static_cast<uint8_t>(values[i]);
  return image;
}

struct PixelDiff {
  bool same_size = false;
  double mean = 0;  // mean |delta| over all samples, in 0..255 levels
  int max = 0;
};

inline PixelDiff compare(const RgbImage& a, const RgbImage& b) {
  PixelDiff d;
  d.same_size = a.width == b.width && a.height == b.height && a.pixels.size() == b.pixels.size();
  if (!d.same_size || a.pixels.empty()) return d;
  int64_t sum = 0;
  for (size_t i = 0; i < a.pixels.size(); ++i) {
    const int delta = std::abs(int(a.pixels[i]) - int(b.pixels[i]));
    sum += delta;
    d.max = std::max(d.max, delta);
  }
  d.mean = static_cast<double>(sum) / a.pixels.size();
  return d;
}

inline QString describe(const PixelDiff& d) {
  return QString("mean |delta| %1, max |delta| %2 (levels of 255)").arg(d.mean, 0, 'f', 5).arg(d.max);
}

}  // namespace protext::test
