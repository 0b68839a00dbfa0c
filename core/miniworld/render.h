#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "core/image/image.h"
#include "core/miniworld/world.h"

namespace protext::miniworld {

// Draws a scene with OpenCV at size × size pixels (the shapes scale with the image).
RgbImage render(const Scene& scene, int size);

struct RenderedImage {
  std::string class_name;
  std::string path;
};

// `count` labelled images of the named concepts, cycling through them in order, as an
// image folder: DIR/<class_with_underscores>/<class_with_underscores>__<n>.png. Image n is
// a function of (seed, n) alone. on_image may be null.
std::vector<RenderedImage> render_folder(uint64_t seed, int count, const std::string& dir, int size,
                                         const std::function<void(int done, int total)>& on_image = {});

}  // namespace protext::miniworld
