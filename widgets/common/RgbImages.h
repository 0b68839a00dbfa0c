#pragma once
#include <QImage>

#include "core/image/image.h"

namespace protext {

// The core's plain RGB images and Qt's, copied row by row.
QImage to_qimage(const RgbImage& image);
RgbImage to_rgb_image(const QImage& image);

}  // namespace protext
