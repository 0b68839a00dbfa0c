#pragma once
#include "core/image/image.h"

namespace protext {

// Pillow's Image.resize((width, height), Image.BICUBIC) on an RGB image, bit for bit:
// separable bicubic (a = -0.5) whose support widens with the downscale factor (so it
// antialiases), coefficients normalised and rounded to 22-bit fixed point, a horizontal
// pass over only the source rows the vertical pass reads, clamped to 0..255, then the
// vertical pass. Same size returns a copy, as Pillow does.
RgbImage resize_bicubic(const RgbImage& src, int width, int height);

}  // namespace protext
