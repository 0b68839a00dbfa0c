#include "core/image/preprocess.h"

#include <torch/torch.h>

#include <algorithm>
#include <cstring>

#include "core/error.h"
#include "core/image/decode.h"
#include "core/image/resize.h"

namespace protext {
namespace {

// Python's round() on (extra / 2.0): halves go to the even neighbour.
int centre_offset(int extra) {
  const int down = extra / 2;  // extra >= 0
  if (extra % 2 == 0) return down;
  return down % 2 == 0 ? down : down + 1;
}

}  // namespace

RgbImage resize_and_center_crop(const RgbImage& image, int size) {
  if (size <= 0) throw Error("preprocess", "crop size " + std::to_string(size) + " is not positive");
  if (image.width <= 0 || image.height <= 0) throw Error("preprocess", "image is empty");
  const int64_t w = image.width, h = image.height;
  const int64_t shorter = std::min(w, h), longer = std::max(w, h);
  // int(size * long / short) in Python: exact product, one correctly rounded division, truncation.
  const int64_t resized_long =
      static_cast<int64_t>(static_cast<double>(size * longer) / static_cast<double>(shorter));
  const int64_t new_w = w <= h ? size : resized_long;
  const int64_t new_h = w <= h ? resized_long : size;
  if (new_w > (1 << 20) || new_h > (1 << 20))
    throw Error("preprocess", "resizing " + std::to_string(w) + " x " + std::to_string(h) +
                                  " to a shorter side of " + std::to_string(size) +
                                  " would give an image too large to handle");
  const RgbImage resized = resize_bicubic(image, static_cast<int>(new_w), static_cast<int>(new_h));

  const int top = centre_offset(resized.height - size);
  const int left = centre_offset(resized.width - size);
  RgbImage crop{size, size, std::vector<uint8_t>(static_cast<size_t>(size) * size * 3)};
  for (int y = 0; y < size; ++y)
    std::memcpy(crop.row(y), resized.row(top + y) + static_cast<size_t>(left) * 3,
                static_cast<size_t>(size) * 3);
  return crop;
}

torch::Tensor to_clip_tensor(const RgbImage& cropped) {
  const int64_t h = cropped.height, w = cropped.width;
  if (h <= 0 || w <= 0 || cropped.pixels.size() != static_cast<size_t>(h * w * 3))
    throw Error("preprocess", "image is empty or its pixel buffer does not match its size");
  torch::Tensor out = torch::empty({3, h, w}, torch::kFloat32);
  float* data = out.data_ptr<float>();
  const int64_t plane = h * w;
  for (int64_t i = 0; i < plane; ++i)
    for (int c = 0; c < 3; ++c) {
      const float v = static_cast<float>(cropped.pixels[i * 3 + c]) / 255.0f;
      data[c * plane + i] = (v - kClipMean[c]) / kClipStd[c];
    }
  return out;
}

torch::Tensor preprocess_image(const std::string& path, int size) {
  return to_clip_tensor(resize_and_center_crop(decode_image(path), size));
}

}  // namespace protext
