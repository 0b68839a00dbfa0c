#include "core/image/heat_overlay.h"

#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <cmath>

#include "core/error.h"

namespace protext {

RgbImage heat_overlay(const RgbImage& image, const HeatMap& map, double opacity) {
  if (map.rows <= 0 || map.cols <= 0 || map.values.size() != static_cast<size_t>(map.rows) * map.cols)
    throw Error("heat map", "its grid and values disagree");
  if (image.width <= 0 || image.height <= 0) throw Error("heat map", "the image is empty");
  opacity = std::clamp(opacity, 0.0, 1.0);
  const double peak = *std::max_element(map.values.begin(), map.values.end());
  cv::Mat grid(map.rows, map.cols, CV_32F);
  for (int r = 0; r < map.rows; ++r)
    for (int c = 0; c < map.cols; ++c)
      grid.at<float>(r, c) = peak > 0 ? static_cast<float>(map.at(r, c) / peak) : 0.0f;
  cv::Mat smooth;
  cv::resize(grid, smooth, cv::Size(image.width, image.height), 0, 0, cv::INTER_LINEAR);
  cv::Mat levels;
  smooth.convertTo(levels, CV_8U, 255.0);
  cv::Mat colours;  // BGR
  cv::applyColorMap(levels, colours, cv::COLORMAP_JET);
  RgbImage out = image;
  for (int y = 0; y < image.height; ++y) {
    const auto* heat = colours.ptr<cv::Vec3b>(y);
    uint8_t* px = out.row(y);
    for (int x = 0; x < image.width; ++x)
      for (int ch = 0; ch < 3; ++ch) {
        const double under = px[3 * x + ch], over = heat[x][2 - ch];
        px[3 * x + ch] = static_cast<uint8_t>(std::lround((1 - opacity) * under + opacity * over));
      }
  }
  return out;
}

}  // namespace protext
