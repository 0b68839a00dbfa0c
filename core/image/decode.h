#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "core/image/image.h"

namespace protext {

// The ceiling on width x height: a 100 MP RGB image already takes 300 MB. A caller may
// lower it, never raise it; OpenCV's own guard is set to the same value as a second line.
constexpr int64_t kDefaultMaxPixels = 100'000'000;

// Decodes JPEG, PNG, BMP, WebP or TIFF into 8-bit RGB the way PIL's
// ImageOps.exif_transpose(img).convert("RGB") sees it: EXIF orientation applied,
// grey replicated, alpha dropped (not composited), 16-bit samples reduced to their
// high byte. Sizes are read from the header first, so an image above max_pixels is
// refused before any pixel is decoded. Every failure is a protext::Error naming the file.
RgbImage decode_image(const std::string& path, int64_t max_pixels = kDefaultMaxPixels);

// The same for an image already in memory (pasted, dropped); `name` is used in errors.
RgbImage decode_image_bytes(const std::vector<uint8_t>& bytes, const std::string& name,
                            int64_t max_pixels = kDefaultMaxPixels);

}  // namespace protext
