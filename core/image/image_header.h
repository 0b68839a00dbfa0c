#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

namespace protext {

enum class ImageFormat { Unknown, Jpeg, Png, Bmp, WebP, Tiff, Gif };

// "JPEG", "PNG", ...; "unknown" for ImageFormat::Unknown.
const char* format_name(ImageFormat format);

// Recognises a format from its signature bytes alone; Unknown when none matches.
ImageFormat sniff_format(const uint8_t* data, size_t size);

struct ImageHeader {
  ImageFormat format = ImageFormat::Unknown;
  int64_t width = 0;   // as stored, before any EXIF orientation
  int64_t height = 0;
  int orientation = 1; // EXIF orientation 1..8 (1 = as stored)
  // Empty when the data is whole; else what is missing ("end-of-image marker"). Kept
  // apart from the size so a truncated bomb is still refused for its size first.
  std::string truncation;
};

// Width, height and EXIF orientation read from the container's headers without
// decoding a single pixel, so a 20000 x 20000 PNG costs a few bytes to refuse.
// Also walks the container's structure (PNG chunks, JPEG end marker, BMP rows, RIFF
// size) to tell whether the data is whole. Throws protext::Error naming `name` when the
// format is unknown or the size cannot be read.
ImageHeader read_image_header(const uint8_t* data, size_t size, const std::string& name);

}  // namespace protext
