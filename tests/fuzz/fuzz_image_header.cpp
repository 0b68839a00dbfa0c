// The image header reader that bounds a picture's size before any pixel is decoded (JPEG,
// PNG, BMP, WebP, TIFF and their EXIF blocks).
#include "core/image/image_header.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  protext::fuzz::refusals_allowed([&] { protext::read_image_header(data, size, "fuzz input"); });
  return 0;
}
