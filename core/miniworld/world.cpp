#include "core/miniworld/world.h"

#include <cmath>

#include "core/error.h"

namespace protext::miniworld {

const char* shape_name(Shape s) {
  static const char* names[] = {"circle", "square", "triangle", "star", "hexagon", "cross", "diamond", "crescent"};
  return names[static_cast<int>(s)];
}
const char* colour_name(Colour c) {
  static const char* names[] = {"red", "orange", "yellow", "green", "blue", "purple", "pink", "brown"};
  return names[static_cast<int>(c)];
}
const char* pattern_name(Pattern p) {
  static const char* names[] = {"solid", "striped", "dotted"};
  return names[static_cast<int>(p)];
}
const char* background_name(Background b) {
  static const char* names[] = {"grey", "white", "dark", "beige", "light blue"};
  return names[static_cast<int>(b)];
}

Rng::Rng(uint64_t seed, uint64_t stream) : state_(seed * 0x9E3779B97F4A7C15ULL ^ (stream + 0x632BE59BD9B4E019ULL)) {
  next();
}

uint64_t Rng::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

double Rng::uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
double Rng::uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
int Rng::below(int n) { return static_cast<int>(next() % static_cast<uint64_t>(n)); }
double Rng::normal() {
  const double u = 1.0 - uniform(), v = uniform();
  return std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * M_PI * v);
}

const std::vector<Concept>& concepts() {
  // Made-up words: none of them appears in the attribute vocabulary, so a name means
  // nothing until captions tie it to what it looks like.
  static const std::vector<Concept> list = [] {
    const char* names[] = {"blicket", "dax",    "wug",    "toma",  "fep",   "zorp",  "kiki",   "bouba",
                           "glim",    "snib",   "quell",  "vint",  "mova",  "trell", "pim",    "zant",
                           "lorp",    "nixie",  "grob",   "plunk", "fizzet", "tarn", "wemble", "yoss",
                           "crink",   "dwill",  "jorb",   "kessa", "lume",  "mirk",  "norp",   "obby",
                           "pell",    "quiff",  "rask",   "sodd",  "ulm",   "yarp",  "zib",    "cobb",
                           "daffin",  "eppo",   "hibb",   "vesk",  "gildo", "river kett", "old tam", "marra"};
    std::vector<Concept> out;
    // Six concepts per shape, six colours each, the patterns cycling: every concept has
    // neighbours that differ in exactly one attribute, so all three must be seen.
    for (int i = 0; i < 48; ++i) {
      const int shape = i % kShapeCount, k = i / kShapeCount;
      out.push_back({names[i], static_cast<Shape>(shape), static_cast<Colour>((k + 3 * shape) % kColourCount),
                     static_cast<Pattern>(k % kPatternCount)});
    }
    return out;
  }();
  return list;
}

const Concept* concept_of(Shape shape, Colour colour, Pattern pattern) {
  for (const auto& c : concepts())
    if (c.shape == shape && c.colour == colour && c.pattern == pattern) return &c;
  return nullptr;
}

std::vector<std::string> concept_names() {
  std::vector<std::string> names;
  for (const auto& c : concepts()) names.push_back(c.name);
  return names;
}

std::string folder_name(const std::string& class_name) {
  std::string out = class_name;
  for (char& ch : out)
    if (ch == ' ') ch = '_';
  return out;
}

namespace {

Object place_main(Rng& rng, Shape shape, Colour colour, Pattern pattern) {
  Object o;
  o.shape = shape;
  o.colour = colour;
  o.pattern = pattern;
  o.large = rng.chance(0.55);
  o.radius = o.large ? rng.uniform(0.28, 0.38) : rng.uniform(0.17, 0.23);
  const double margin = o.radius + 0.03;
  o.cx = rng.uniform(margin, 1.0 - margin);
  o.cy = rng.uniform(margin, 1.0 - margin);
  o.angle = rng.uniform(0.0, 2.0 * M_PI);
  return o;
}

Scene finish(Rng& rng, Object main) {
  Scene scene;
  scene.main = main;
  scene.background = static_cast<Background>(rng.below(kBackgroundCount));
  scene.noise = rng.uniform(0.0, 10.0);
  scene.texture_seed = rng.next();
  if (rng.chance(0.3)) {
    Object o;
    do o.shape = static_cast<Shape>(rng.below(kShapeCount));
    while (o.shape == main.shape);
    do o.colour = static_cast<Colour>(rng.below(kColourCount));
    while (o.colour == main.colour);
    o.pattern = static_cast<Pattern>(rng.below(kPatternCount));
    o.large = false;
    o.radius = rng.uniform(0.09, 0.12);
    // The far corner from the main object, so the companion never hides it.
    o.cx = main.cx < 0.5 ? rng.uniform(0.80, 0.86) : rng.uniform(0.14, 0.20);
    o.cy = main.cy < 0.5 ? rng.uniform(0.80, 0.86) : rng.uniform(0.14, 0.20);
    o.angle = rng.uniform(0.0, 2.0 * M_PI);
    scene.second = o;
  }
  return scene;
}

}  // namespace

Scene random_scene(Rng& rng, double concept_share) {
  if (rng.chance(concept_share)) return concept_scene(rng, rng.pick(concepts()));
  const auto shape = static_cast<Shape>(rng.below(kShapeCount));
  const auto colour = static_cast<Colour>(rng.below(kColourCount));
  const auto pattern = static_cast<Pattern>(rng.below(kPatternCount));
  return finish(rng, place_main(rng, shape, colour, pattern));
}

Scene concept_scene(Rng& rng, const Concept& concept) {
  return finish(rng, place_main(rng, concept.shape, concept.colour, concept.pattern));
}

}  // namespace protext::miniworld
