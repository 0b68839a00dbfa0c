#include "widgets/common/RgbImages.h"

#include <algorithm>

namespace protext {

QImage to_qimage(const RgbImage& image) {
  QImage out(image.width, image.height, QImage::Format_RGB888);
  for (int y = 0; y < image.height; ++y) std::copy_n(image.row(y), static_cast<size_t>(image.width) * 3, out.scanLine(y));
  return out;
}

RgbImage to_rgb_image(const QImage& image) {
  const QImage rgb = image.convertToFormat(QImage::Format_RGB888);
  RgbImage out;
  out.width = rgb.width();
  out.height = rgb.height();
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 3);
  for (int y = 0; y < out.height; ++y) std::copy_n(rgb.constScanLine(y), static_cast<size_t>(out.width) * 3, out.row(y));
  return out;
}

}  // namespace protext
