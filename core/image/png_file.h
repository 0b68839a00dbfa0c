#pragma once
#include <string>

#include "core/image/image.h"

namespace protext {

// Writes the image as a PNG, atomically (a temporary name, then renamed into place).
void write_png(const std::string& path, const RgbImage& image);

}  // namespace protext
