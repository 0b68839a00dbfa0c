#include "core/image/png_file.h"

#include <opencv2/imgcodecs.hpp>

#include <vector>

#include "core/error.h"
#include "core/runtime/atomic_file.h"

namespace protext {

void write_png(const std::string& path, const RgbImage& image) {
  cv::Mat bgr(image.height, image.width, CV_8UC3);
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const uint8_t* p = image.row(y) + 3 * x;
      bgr.at<cv::Vec3b>(y, x) = cv::Vec3b(p[2], p[1], p[0]);
    }
  std::vector<uchar> bytes;
  if (!cv::imencode(".png", bgr, bytes)) throw Error(path, "cannot encode the image as PNG");
  write_file_atomically(path, std::string(bytes.begin(), bytes.end()));
}

}  // namespace protext
