#include "core/miniworld/render.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <opencv2/imgproc.hpp>

#include "core/error.h"
#include "core/image/png_file.h"

namespace protext::miniworld {
namespace {

cv::Vec3d colour_rgb(Colour c) {
  static const cv::Vec3d table[] = {{215, 40, 35},  {245, 135, 25}, {240, 215, 40},  {45, 165, 60},
                                    {40, 85, 215},  {135, 60, 185}, {245, 135, 185}, {125, 80, 40}};
  return table[static_cast<int>(c)];
}

cv::Vec3d background_rgb(Background b) {
  static const cv::Vec3d table[] = {{128, 128, 128}, {236, 236, 232}, {32, 34, 38}, {222, 206, 170}, {168, 200, 232}};
  return table[static_cast<int>(b)];
}

std::vector<cv::Point2d> unit_outline(Shape shape) {
  std::vector<cv::Point2d> p;
  auto ring = [&](int n, double start, const std::vector<double>& radii) {
    for (int i = 0; i < n; ++i) {
      const double a = start + 2.0 * M_PI * i / n;
      const double r = radii[i % radii.size()];
      p.emplace_back(r * std::cos(a), r * std::sin(a));
    }
  };
  switch (shape) {
    case Shape::Square: p = {{-0.8, -0.8}, {0.8, -0.8}, {0.8, 0.8}, {-0.8, 0.8}}; break;
    case Shape::Triangle: ring(3, -M_PI / 2, {1.0}); break;
    case Shape::Star: ring(10, -M_PI / 2, {1.0, 0.45}); break;
    case Shape::Hexagon: ring(6, 0.0, {0.95}); break;
    case Shape::Cross: {
      const double w = 0.32, l = 0.95;
      p = {{-w, -l}, {w, -l}, {w, -w}, {l, -w}, {l, w}, {w, w}, {w, l}, {-w, l}, {-w, w}, {-l, w}, {-l, -w}, {-w, -w}};
      break;
    }
    case Shape::Diamond: p = {{0, -1.0}, {0.6, 0}, {0, 1.0}, {-0.6, 0}}; break;
    default: break;  // circle and crescent are drawn from circles
  }
  return p;
}

// Anti-aliased coverage of the object, 0..1, at the image's resolution.
cv::Mat object_mask(const Object& o, int size) {
  // Drawn at 4× and averaged down: smooth edges at 64 px without OpenCV's AA quirks.
  const int s = size * 4;
  cv::Mat big(s, s, CV_8UC1, cv::Scalar(0));
  const cv::Point2d centre(o.cx * s, o.cy * s);
  const double r = o.radius * s;
  if (o.shape == Shape::Circle || o.shape == Shape::Crescent) {
    cv::circle(big, centre, static_cast<int>(std::lround(r)), cv::Scalar(255), cv::FILLED);
    if (o.shape == Shape::Crescent) {
      const cv::Point2d bite(centre.x + 0.5 * r * std::cos(o.angle), centre.y + 0.5 * r * std::sin(o.angle));
      cv::circle(big, bite, static_cast<int>(std::lround(0.82 * r)), cv::Scalar(0), cv::FILLED);
    }
  } else {
    const double c = std::cos(o.angle), sn = std::sin(o.angle);
    std::vector<cv::Point> poly;
    for (const auto& q : unit_outline(o.shape))
      poly.emplace_back(static_cast<int>(std::lround(centre.x + r * (c * q.x - sn * q.y))),
                        static_cast<int>(std::lround(centre.y + r * (sn * q.x + c * q.y))));
    cv::fillPoly(big, std::vector<std::vector<cv::Point>>{poly}, cv::Scalar(255));
  }
  cv::Mat small;
  cv::resize(big, small, cv::Size(size, size), 0, 0, cv::INTER_AREA);
  small.convertTo(small, CV_32FC1, 1.0 / 255.0);
  return small;
}

// Whether pixel (x, y) lies on the pattern's darker marks (stripes or dots).
bool on_mark(const Object& o, double x, double y, int size) {
  const double c = std::cos(o.angle), s = std::sin(o.angle);
  const double u = (c * x + s * y) / size, v = (-s * x + c * y) / size;
  switch (o.pattern) {
    case Pattern::Striped: {
      const double period = 0.10;
      return std::fmod(u + 10.0, period) < period * 0.5;
    }
    case Pattern::Dotted: {
      const double spacing = 0.13, radius = 0.037;
      const double du = std::fmod(u + 10.0, spacing) - spacing / 2, dv = std::fmod(v + 10.0, spacing) - spacing / 2;
      return du * du + dv * dv < radius * radius;
    }
    default: return false;
  }
}

void paint(cv::Mat& canvas, const Object& o, int size, Rng& rng) {
  const cv::Mat mask = object_mask(o, size);
  cv::Vec3d base = colour_rgb(o.colour);
  for (int k = 0; k < 3; ++k) base[k] = std::clamp(base[k] + rng.uniform(-12, 12), 0.0, 255.0);
  const cv::Vec3d mark = base * 0.35;
  for (int y = 0; y < size; ++y) {
    auto* row = canvas.ptr<cv::Vec3d>(y);
    const float* m = mask.ptr<float>(y);
    for (int x = 0; x < size; ++x) {
      if (m[x] <= 0.0f) continue;
      // Marks are sampled at 4 sub-pixels so thin stripes stay stripes at 64 px.
      double marked = 0;
      for (int sy = 0; sy < 2; ++sy)
        for (int sx = 0; sx < 2; ++sx) marked += on_mark(o, x + 0.25 + 0.5 * sx, y + 0.25 + 0.5 * sy, size);
      marked /= 4.0;
      const cv::Vec3d colour = base * (1.0 - marked) + mark * marked;
      row[x] = row[x] * (1.0 - m[x]) + colour * static_cast<double>(m[x]);
    }
  }
}

}  // namespace

RgbImage render(const Scene& scene, int size) {
  if (size < 16 || size > 1024) throw Error("mini-world render", "image size " + std::to_string(size) + " is outside 16..1024");
  Rng rng(scene.texture_seed);
  cv::Mat canvas(size, size, CV_64FC3);
  // Background: its colour, jittered, with a gentle linear gradient in a random direction.
  cv::Vec3d bg = background_rgb(scene.background);
  for (int k = 0; k < 3; ++k) bg[k] += rng.uniform(-10, 10);
  const double ga = rng.uniform(0, 2 * M_PI), gs = rng.uniform(-25, 25);
  for (int y = 0; y < size; ++y) {
    auto* row = canvas.ptr<cv::Vec3d>(y);
    for (int x = 0; x < size; ++x) {
      const double t = ((x - size / 2.0) * std::cos(ga) + (y - size / 2.0) * std::sin(ga)) / size;
      row[x] = bg + cv::Vec3d(gs * t, gs * t, gs * t);
    }
  }
  if (scene.second) paint(canvas, *scene.second, size, rng);
  paint(canvas, scene.main, size, rng);

  RgbImage out;
  out.width = out.height = size;
  out.pixels.resize(static_cast<size_t>(size) * size * 3);
  for (int y = 0; y < size; ++y) {
    const auto* row = canvas.ptr<cv::Vec3d>(y);
    uint8_t* dst = out.row(y);
    for (int x = 0; x < size; ++x)
      for (int k = 0; k < 3; ++k) {
        const double v = row[x][k] + scene.noise * rng.normal();
        dst[3 * x + k] = static_cast<uint8_t>(std::clamp(std::lround(v), 0L, 255L));
      }
  }
  return out;
}

std::vector<RenderedImage> render_folder(uint64_t seed, int count, const std::string& dir, int size,
                                         const std::function<void(int, int)>& on_image) {
  namespace fs = std::filesystem;
  if (count < 1) throw Error("mini-world render", "--count must be at least 1");
  const auto& all = concepts();
  std::vector<RenderedImage> out;
  for (int n = 0; n < count; ++n) {
    const Concept& c = all[n % all.size()];
    Rng rng(seed, static_cast<uint64_t>(n));
    const RgbImage image = render(concept_scene(rng, c), size);
    const std::string folder = folder_name(c.name);
    const fs::path sub = fs::path(dir) / folder;
    std::error_code ec;
    fs::create_directories(sub, ec);
    if (ec) throw Error(sub.string(), "cannot create folder: " + ec.message());
    const fs::path path = sub / (folder + "__" + std::to_string(n / all.size()) + ".png");
    write_png(path.string(), image);
    out.push_back({c.name, path.string()});
    if (on_image) on_image(n + 1, count);
  }
  return out;
}

}  // namespace protext::miniworld
