#include "core/image/resize.h"

#include <cmath>
#include <string>
#include <vector>

#include "core/error.h"

namespace protext {
namespace {

constexpr int kPrecisionBits = 32 - 8 - 2;  // leaves headroom for sums of 255 * weight
constexpr double kBicubicSupport = 2.0;

double bicubic(double x) {
  constexpr double a = -0.5;
  if (x < 0.0) x = -x;
  if (x < 1.0) return ((a + 2.0) * x - (a + 3.0)) * x * x + 1.0;
  if (x < 2.0) return (((x - 5.0) * x + 8.0) * x - 4.0) * a;
  return 0.0;
}

// For each output position along one axis: the first source index it reads, how many
// it reads, and their fixed-point weights (`taps` slots per output, unused ones zero).
struct Kernel {
  int taps = 0;
  std::vector<int> first, count;
  std::vector<int32_t> weights;
};

Kernel make_kernel(int in_size, int out_size) {
  const double scale = static_cast<double>(in_size) / out_size;
  // Downscaling stretches the filter over `scale` source pixels: that is the antialiasing.
  const double filter_scale = std::max(scale, 1.0);
  const double support = kBicubicSupport * filter_scale;
  Kernel k;
  k.taps = static_cast<int>(std::ceil(support)) * 2 + 1;
  k.first.resize(out_size);
  k.count.resize(out_size);
  k.weights.assign(static_cast<size_t>(out_size) * k.taps, 0);
  // Pillow multiplies by the reciprocal; dividing instead would round differently.
  const double inverse_scale = 1.0 / filter_scale;
  std::vector<double> w(k.taps);
  for (int o = 0; o < out_size; ++o) {
    const double center = (o + 0.5) * scale;
    // Truncation toward zero, as the C cast in Pillow does.
    const int lo = std::max(static_cast<int>(center - support + 0.5), 0);
    const int hi = std::min(static_cast<int>(center + support + 0.5), in_size);
    const int n = hi - lo;
    double sum = 0.0;
    for (int i = 0; i < n; ++i) {
      w[i] = bicubic((i + lo - center + 0.5) * inverse_scale);
      sum += w[i];
    }
    for (int i = 0; i < n; ++i) {
      const double normalised = sum != 0.0 ? w[i] / sum : w[i];
      const double fixed = normalised * (1 << kPrecisionBits);
      k.weights[static_cast<size_t>(o) * k.taps + i] =
          static_cast<int32_t>(fixed < 0 ? fixed - 0.5 : fixed + 0.5);
    }
    k.first[o] = lo;
    k.count[o] = n;
  }
  return k;
}

uint8_t clip8(int32_t acc) {
  const int32_t v = acc >> kPrecisionBits;  // arithmetic shift: floor
  return static_cast<uint8_t>(v < 0 ? 0 : v > 255 ? 255 : v);
}

// Horizontal pass over source rows [row0, row0 + rows).
RgbImage resample_rows(const RgbImage& src, int row0, int rows, int out_width) {
  const Kernel k = make_kernel(src.width, out_width);
  RgbImage out{out_width, rows, std::vector<uint8_t>(static_cast<size_t>(out_width) * rows * 3)};
  for (int y = 0; y < rows; ++y) {
    const uint8_t* in = src.row(row0 + y);
    uint8_t* o = out.row(y);
    for (int x = 0; x < out_width; ++x) {
      const int32_t* w = &k.weights[static_cast<size_t>(x) * k.taps];
      const uint8_t* p = in + static_cast<size_t>(k.first[x]) * 3;
      int32_t r = 1 << (kPrecisionBits - 1), g = r, b = r;  // +0.5 so the shift rounds
      for (int i = 0; i < k.count[x]; ++i, p += 3) {
        r += p[0] * w[i];
        g += p[1] * w[i];
        b += p[2] * w[i];
      }
      o[x * 3 + 0] = clip8(r);
      o[x * 3 + 1] = clip8(g);
      o[x * 3 + 2] = clip8(b);
    }
  }
  return out;
}

RgbImage resample_columns(const RgbImage& src, const Kernel& k, int row_offset, int out_height) {
  RgbImage out{src.width, out_height,
               std::vector<uint8_t>(static_cast<size_t>(src.width) * out_height * 3)};
  const int n = src.width * 3;
  for (int y = 0; y < out_height; ++y) {
    const int32_t* w = &k.weights[static_cast<size_t>(y) * k.taps];
    const int first = k.first[y] - row_offset;
    uint8_t* o = out.row(y);
    for (int i = 0; i < n; ++i) {
      int32_t acc = 1 << (kPrecisionBits - 1);
      for (int t = 0; t < k.count[y]; ++t) acc += src.row(first + t)[i] * w[t];
      o[i] = clip8(acc);
    }
  }
  return out;
}

}  // namespace

RgbImage resize_bicubic(const RgbImage& src, int width, int height) {
  if (width <= 0 || height <= 0)
    throw Error("resize", "target size " + std::to_string(width) + " x " + std::to_string(height) +
                              " is not positive");
  if (src.width <= 0 || src.height <= 0 ||
      src.pixels.size() != static_cast<size_t>(src.width) * src.height * 3)
    throw Error("resize", "source image is empty or its pixel buffer does not match its size");
  if (width == src.width && height == src.height) return src;

  const bool horizontal = width != src.width;
  const bool vertical = height != src.height;
  const Kernel vk = make_kernel(src.height, height);
  if (!horizontal) return resample_columns(src, vk, 0, height);
  // Only the rows the vertical pass will read need the horizontal pass.
  const int row0 = vk.first.front();
  const int row_end = vk.first.back() + vk.count.back();
  const RgbImage rows = vertical ? resample_rows(src, row0, row_end - row0, width)
                                 : resample_rows(src, 0, src.height, width);
  return vertical ? resample_columns(rows, vk, row0, height) : rows;
}

}  // namespace protext
