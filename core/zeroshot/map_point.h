#pragma once
#include <optional>
#include <string>
#include <vector>

namespace protext {

// What a point of the embedding map stands for: a class's classifier row under one
// method (Template, Ensemble, Centroid = the mean of its descriptions, which is CuPL's
// row, ProText), one of its descriptions, or an image of the set.
enum class MapPointKind { Template, Ensemble, Description, Centroid, ProText, Image };

std::string map_point_kind_name(MapPointKind kind);  // "template", ..., "image"
std::optional<MapPointKind> map_point_kind_from_name(const std::string& name);

struct MapPoint {
  MapPointKind kind = MapPointKind::Template;
  int class_index = 0;  // images: their label, -1 when they have none
  std::string text;     // a description's text, an image's path; empty for classifier rows
  double x = 0, y = 0;  // the projection
};

// The joint space in two dimensions: x and y along its first two principal components.
struct EmbeddingMap {
  std::vector<std::string> classes;
  std::vector<MapPoint> points;
  double explained[2] = {0, 0};  // the share of the points' variance each axis carries
};

// {"classes": [...], "explained": [a, b], "points": [{"x", "y", "kind", "class", "method"
// (classifier rows only), "text" (descriptions and images)}, ...]}: `protext embed-map`'s
// file.
std::string embedding_map_json(const EmbeddingMap& map);

}  // namespace protext
