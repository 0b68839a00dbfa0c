#pragma once
#include <torch/types.h>

#include <string>

#include "core/image/image.h"

namespace protext {

// CLIP's normalisation constants (OpenAI's clip/clip.py).
constexpr float kClipMean[3] = {0.48145466f, 0.4578275f, 0.40821073f};
constexpr float kClipStd[3] = {0.26862954f, 0.26130258f, 0.27577711f};

// torchvision Resize(size, BICUBIC) on a PIL image followed by CenterCrop(size): the
// shorter side becomes `size`, the longer int(size * long / short), Pillow's bicubic
// resampling (resize_bicubic), then a size x size crop whose top-left corner is
// round((h - size) / 2), round((w - size) / 2), rounding half to even as Python does.
RgbImage resize_and_center_crop(const RgbImage& image, int size);

// ToTensor + Normalize(mean, std): float32 [3, H, W], (v / 255 - mean) / std per channel,
// in float32 arithmetic as torchvision does it.
torch::Tensor to_clip_tensor(const RgbImage& cropped);

// decode_image + resize_and_center_crop + to_clip_tensor: CLIP's image input.
torch::Tensor preprocess_image(const std::string& path, int size);

}  // namespace protext
