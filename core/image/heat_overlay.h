#pragma once
#include <vector>

#include "core/image/image.h"

namespace protext {

// Where in an image a score comes from: one value per patch of the model's grid, rows top
// to bottom, non-negative, summing to 1.
struct HeatMap {
  int rows = 0, cols = 0;
  std::vector<double> values;  // rows × cols, row-major

  double at(int row, int col) const { return values[static_cast<size_t>(row) * cols + col]; }
};

// The heat map spread smoothly over the image (bilinear between patch centres), coloured
// from dark blue (none) to red (the map's largest value) and laid over it with the given
// opacity in [0, 1]. The result has the image's size.
RgbImage heat_overlay(const RgbImage& image, const HeatMap& map, double opacity);

}  // namespace protext
