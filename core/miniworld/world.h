#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace protext::miniworld {

// The procedurally drawn world the embedded mini CLIP learns to see. Everything here is a
// pure function of a seed, so an image, its caption and its label can be regenerated
// anywhere, on any machine, from (seed, index).

enum class Shape { Circle, Square, Triangle, Star, Hexagon, Cross, Diamond, Crescent };
enum class Colour { Red, Orange, Yellow, Green, Blue, Purple, Pink, Brown };
enum class Pattern { Solid, Striped, Dotted };
enum class Background { Grey, White, Dark, Beige, Sky };

constexpr int kShapeCount = 8, kColourCount = 8, kPatternCount = 3, kBackgroundCount = 5;

const char* shape_name(Shape s);
const char* colour_name(Colour c);
const char* pattern_name(Pattern p);
const char* background_name(Background b);

// splitmix64: the same numbers on every platform, unlike <random>'s distributions.
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  Rng(uint64_t seed, uint64_t stream);
  uint64_t next();
  double uniform();                       // [0, 1)
  double uniform(double lo, double hi);   // [lo, hi)
  int below(int n);                       // [0, n)
  bool chance(double p) { return uniform() < p; }
  double normal();                        // standard normal (Box-Muller)
  template <class T>
  const T& pick(const std::vector<T>& items) { return items[below(static_cast<int>(items.size()))]; }

 private:
  uint64_t state_;
};

struct Object {
  Shape shape = Shape::Circle;
  Colour colour = Colour::Red;
  Pattern pattern = Pattern::Solid;
  bool large = true;
  double cx = 0.5, cy = 0.5;  // centre, as a fraction of the image side
  double radius = 0.3;        // as a fraction of the image side
  double angle = 0.0;         // radians
};

struct Scene {
  Object main;
  std::optional<Object> second;  // a smaller companion, always of other attributes
  Background background = Background::Grey;
  double noise = 0.0;            // grey-level standard deviation of the added noise
  uint64_t texture_seed = 0;     // background gradient and noise
};

// A named concept: a definite (shape, colour, pattern), any size. Its name is a made-up
// word, so the model can only learn it from the minority of captions that use it.
struct Concept {
  std::string name;
  Shape shape;
  Colour colour;
  Pattern pattern;
};

const std::vector<Concept>& concepts();
// The concept drawn by these attributes, if any.
const Concept* concept_of(Shape shape, Colour colour, Pattern pattern);
std::vector<std::string> concept_names();
// Folder name for a class: spaces as '_'.
std::string folder_name(const std::string& class_name);

// A scene of anything in the world (named or not): `concept_share` of them show a named
// concept as the main object.
Scene random_scene(Rng& rng, double concept_share);
// A scene whose main object is the given concept.
Scene concept_scene(Rng& rng, const Concept& concept);

}  // namespace protext::miniworld
