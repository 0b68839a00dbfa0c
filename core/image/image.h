#pragma once
#include <cstdint>
#include <vector>

namespace protext {

// An 8-bit RGB image, rows top to bottom, pixels interleaved R,G,B. Plain data so the
// decoder, the resampler and the GUI can share it without OpenCV or LibTorch types.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // width * height * 3

  uint8_t* row(int y) { return pixels.data() + static_cast<size_t>(y) * width * 3; }
  const uint8_t* row(int y) const { return pixels.data() + static_cast<size_t>(y) * width * 3; }
};

}  // namespace protext
