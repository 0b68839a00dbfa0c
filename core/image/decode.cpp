#include "core/image/decode.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <opencv2/core.hpp>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/image/image_header.h"

namespace protext {
namespace {

// "400 MP", "100.5 MP": exact, without trailing zeros.
std::string megapixels(int64_t pixels) {
  char text[64];
  std::snprintf(text, sizeof text, "%.6f", static_cast<double>(pixels) / 1e6);
  std::string s = text;
  while (s.back() == '0') s.pop_back();
  if (s.back() == '.') s.pop_back();
  return s + " MP";
}

// OpenCV reads OPENCV_IO_MAX_IMAGE_PIXELS once, at its first decode, so it is set before
// ours, to our ceiling whatever the environment says. Our header check runs first; this is
// the backstop for a header we misread. Its warnings would duplicate the errors we throw.
void configure_opencv_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    setenv("OPENCV_IO_MAX_IMAGE_PIXELS", std::to_string(kDefaultMaxPixels).c_str(), 1);
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
  });
}

// PIL's ImageOps.exif_transpose, orientation by orientation.
cv::Mat apply_orientation(const cv::Mat& m, int orientation) {
  cv::Mat out;
  switch (orientation) {
    case 2: cv::flip(m, out, 1); break;
    case 3: cv::rotate(m, out, cv::ROTATE_180); break;
    case 4: cv::flip(m, out, 0); break;
    case 5: cv::transpose(m, out); break;
    case 6: cv::rotate(m, out, cv::ROTATE_90_CLOCKWISE); break;
    case 7: cv::transpose(m, out); cv::flip(out, out, -1); break;
    case 8: cv::rotate(m, out, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: return m;
  }
  return out;
}

// PIL keeps the high byte of 16-bit RGB PNG samples; the same rule serves grey and
// TIFF. Float images are taken as 0..1.
cv::Mat to_8bit(const cv::Mat& m, const std::string& name) {
  switch (m.depth()) {
    case CV_8U: return m;
    case CV_16U: {
      cv::Mat out(m.rows, m.cols, CV_MAKETYPE(CV_8U, m.channels()));
      const int n = m.cols * m.channels();
      for (int y = 0; y < m.rows; ++y) {
        const uint16_t* in = m.ptr<uint16_t>(y);
        uint8_t* o = out.ptr<uint8_t>(y);
        for (int i = 0; i < n; ++i) o[i] = static_cast<uint8_t>(in[i] >> 8);
      }
      return out;
    }
    case CV_32F:
    case CV_64F: {
      cv::Mat out;
      m.convertTo(out, CV_MAKETYPE(CV_8U, m.channels()), 255.0);
      return out;
    }
    default:
      throw Error(name, "unsupported sample type (only 8-bit, 16-bit and floating-point images)");
  }
}

RgbImage to_rgb_image(const cv::Mat& m8, const std::string& name) {
  cv::Mat rgb;
  switch (m8.channels()) {
    case 1: cv::cvtColor(m8, rgb, cv::COLOR_GRAY2RGB); break;
    case 3: cv::cvtColor(m8, rgb, cv::COLOR_BGR2RGB); break;
    case 4: cv::cvtColor(m8, rgb, cv::COLOR_BGRA2RGB); break;
    default: throw Error(name, "unsupported channel count " + std::to_string(m8.channels()));
  }
  RgbImage image;
  image.width = rgb.cols;
  image.height = rgb.rows;
  image.pixels.resize(static_cast<size_t>(rgb.cols) * rgb.rows * 3);
  for (int y = 0; y < rgb.rows; ++y)
    std::copy_n(rgb.ptr<uint8_t>(y), static_cast<size_t>(rgb.cols) * 3, image.row(y));
  return image;
}

}  // namespace

RgbImage decode_image_bytes(const std::vector<uint8_t>& bytes, const std::string& name,
                            int64_t max_pixels) {
  if (max_pixels <= 0 || max_pixels > kDefaultMaxPixels)
    throw Error(name, "pixel limit " + std::to_string(max_pixels) + " is outside 1.." +
                          std::to_string(kDefaultMaxPixels));
  if (bytes.empty()) throw Error(name, "empty file (0 bytes), not an image");

  const ImageHeader header = read_image_header(bytes.data(), bytes.size(), name);
  if (header.format == ImageFormat::Gif)
    throw Error(name, "GIF images are not supported (JPEG, PNG, BMP, WebP, TIFF are)");
  const int64_t pixels = header.width * header.height;
  if (pixels > max_pixels)
    throw Error(name, std::to_string(header.width) + " \u00d7 " + std::to_string(header.height) +
                          " = " + megapixels(pixels) + " exceeds the " + megapixels(max_pixels) +
                          " limit");
  // Decoders fill a cut-off image with grey and carry on; PIL refuses it, and so do we.
  if (!header.truncation.empty())
    throw Error(name, std::string(format_name(header.format)) + " data is truncated (" +
                          header.truncation + " missing)");

  configure_opencv_once();
  try {
    // Orientation is applied below from our own EXIF reading, the same way for every
    // format, rather than left to whichever codecs OpenCV applies it for.
    const int flags = cv::IMREAD_ANYDEPTH | cv::IMREAD_ANYCOLOR | cv::IMREAD_IGNORE_ORIENTATION;
    const cv::Mat raw(1, static_cast<int>(bytes.size()), CV_8U, const_cast<uint8_t*>(bytes.data()));
    const cv::Mat decoded = cv::imdecode(raw, flags);
    if (decoded.empty())
      throw Error(name, std::string("cannot decode the ") + format_name(header.format) +
                            " data: truncated or corrupt");
    if (static_cast<int64_t>(decoded.cols) * decoded.rows > max_pixels)
      throw Error(name, "decoded size exceeds the " + megapixels(max_pixels) + " limit");
    return to_rgb_image(apply_orientation(to_8bit(decoded, name), header.orientation), name);
  } catch (const cv::Exception& e) {
    throw Error(name, std::string("cannot decode the ") + format_name(header.format) +
                          " data: " + e.err);
  }
}

RgbImage decode_image(const std::string& path, int64_t max_pixels) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (!std::filesystem::exists(status)) throw Error(path, "no such file");
  if (!std::filesystem::is_regular_file(status)) throw Error(path, "not a regular file");
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) throw Error(path, "cannot open for reading");
  std::vector<uint8_t> bytes(static_cast<size_t>(in.tellg()));
  in.seekg(0);
  if (!in.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size())))
    throw Error(path, "read error");
  return decode_image_bytes(bytes, path, max_pixels);
}

}  // namespace protext
