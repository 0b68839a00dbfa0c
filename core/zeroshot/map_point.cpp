#include "core/zeroshot/map_point.h"

#include <nlohmann/json.hpp>

namespace protext {
namespace {

constexpr const char* kNames[] = {"template", "ensemble", "description", "centroid", "protext", "image"};

}  // namespace

std::string map_point_kind_name(MapPointKind kind) { return kNames[static_cast<int>(kind)]; }

std::optional<MapPointKind> map_point_kind_from_name(const std::string& name) {
  for (int i = 0; i < 6; ++i)
    if (name == kNames[i]) return static_cast<MapPointKind>(i);
  return std::nullopt;
}

std::string embedding_map_json(const EmbeddingMap& map) {
  nlohmann::ordered_json points = nlohmann::ordered_json::array();
  for (const auto& p : map.points) {
    nlohmann::ordered_json point = {{"x", p.x}, {"y", p.y}, {"kind", map_point_kind_name(p.kind)}, {"class", nullptr}};
    if (p.class_index >= 0) point["class"] = map.classes.at(static_cast<size_t>(p.class_index));
    switch (p.kind) {
      case MapPointKind::Template: point["method"] = "template"; break;
      case MapPointKind::Ensemble: point["method"] = "ensemble"; break;
      case MapPointKind::Centroid: point["method"] = "descriptions"; break;
      case MapPointKind::ProText: point["method"] = "protext"; break;
      case MapPointKind::Description:
      case MapPointKind::Image: point["text"] = p.text; break;
    }
    points.push_back(std::move(point));
  }
  nlohmann::ordered_json out = {{"classes", map.classes},
                                {"explained", {map.explained[0], map.explained[1]}},
                                {"points", std::move(points)}};
  return out.dump(1) + "\n";
}

}  // namespace protext
