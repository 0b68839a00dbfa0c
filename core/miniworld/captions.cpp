#include "core/miniworld/captions.h"

#include <nlohmann/json.hpp>

namespace protext::miniworld {
namespace {

using Words = std::vector<std::string>;

const Words& shape_words(Shape s) {
  static const std::vector<Words> table = {
      {"circle", "disc", "round shape"}, {"square", "box shape"},          {"triangle", "three-sided shape"},
      {"star", "five-pointed star"},     {"hexagon", "six-sided shape"},    {"cross", "plus sign"},
      {"diamond", "rhombus"},            {"crescent", "crescent moon shape"}};
  return table[static_cast<int>(s)];
}

const Words& pattern_adjectives(Pattern p) {
  static const std::vector<Words> table = {{"solid", "plain", "filled"}, {"striped", "stripy"}, {"dotted", "spotted"}};
  return table[static_cast<int>(p)];
}

const Words& pattern_nouns(Pattern p) {
  static const std::vector<Words> table = {
      {"a plain fill", "no pattern", "a solid fill"}, {"stripes", "parallel stripes", "dark stripes"},
      {"dots", "spots", "polka dots"}};
  return table[static_cast<int>(p)];
}

std::string size_word(bool large, Rng& rng) {
  static const Words small = {"small", "little", "tiny"}, big = {"large", "big"};
  return rng.pick(large ? big : small);
}

std::string article(const std::string& word) {
  return word.find_first_of("aeiou") == 0 ? "an" : "a";
}

std::string on_background(Background b, Rng& rng) {
  const std::string name = background_name(b);
  switch (rng.below(3)) {
    case 0: return "on " + name;
    case 1: return "on a " + name + " background";
    default: return "against " + name;
  }
}

std::string describe(const Object& o, Rng& rng, bool with_size) {
  const std::string colour = colour_name(o.colour), shape = rng.pick(shape_words(o.shape));
  const std::string adjective = rng.pick(pattern_adjectives(o.pattern));
  const std::string noun = rng.pick(pattern_nouns(o.pattern));
  const std::string size = with_size ? size_word(o.large, rng) + " " : "";
  switch (rng.below(4)) {
    case 0: return size + colour + " " + adjective + " " + shape;
    case 1: return size + adjective + " " + colour + " " + shape;
    case 2: return size + colour + " " + shape + " with " + noun;
    default: return size + shape + ", " + colour + " with " + noun;
  }
}

std::string with_article(const std::string& phrase) { return article(phrase) + " " + phrase; }

}  // namespace

std::string caption(const Scene& scene, Rng& rng, double name_share) {
  const Concept* named = concept_of(scene.main.shape, scene.main.colour, scene.main.pattern);
  std::string text;
  if (named && rng.chance(name_share)) {
    const std::string& name = named->name;
    switch (rng.below(7)) {
      case 0: text = "a photo of a " + name; break;
      case 1: text = "a " + name; break;
      case 2: text = "a " + name + " " + on_background(scene.background, rng); break;
      case 3: text = "a " + size_word(scene.main.large, rng) + " " + name; break;
      case 4: text = "this is a " + name; break;
      case 5: text = with_article(describe(scene.main, rng, false)) + ", also called a " + name; break;
      default: text = "a " + name + ", a " + describe(scene.main, rng, false); break;
    }
  } else {
    const std::string thing = describe(scene.main, rng, rng.chance(0.6));
    switch (rng.below(5)) {
      case 0: text = with_article(thing); break;
      case 1: text = "a photo of " + with_article(thing); break;
      case 2: text = with_article(thing) + " " + on_background(scene.background, rng); break;
      case 3: text = "a picture of " + with_article(thing) + " " + on_background(scene.background, rng); break;
      default: text = "a drawing of " + with_article(thing); break;
    }
  }
  if (scene.second && rng.chance(0.5))
    text += (rng.chance(0.5) ? " next to a small " : " and a little ") + std::string(colour_name(scene.second->colour)) +
            " " + rng.pick(shape_words(scene.second->shape));
  return text;
}

std::vector<std::string> descriptions(const Concept& c) {
  // Wording varies per concept but is fixed: a concept's descriptions are data, and the
  // same build must always ship the same ones.
  Rng rng(0xDE5C, static_cast<uint64_t>(c.shape) * 100 + static_cast<uint64_t>(c.colour) * 10 +
                      static_cast<uint64_t>(c.pattern));
  const std::string name = c.name, colour = colour_name(c.colour);
  auto shape = [&] { return rng.pick(shape_words(c.shape)); };
  auto adj = [&] { return rng.pick(pattern_adjectives(c.pattern)); };
  auto noun = [&] { return rng.pick(pattern_nouns(c.pattern)); };
  return {
      "A " + name + " is a " + colour + " " + shape() + " with " + noun() + ".",
      "A " + name + " looks like a " + adj() + " " + colour + " " + shape() + ".",
      "The " + name + " is " + colour + " and shaped like a " + shape() + ".",
      "A " + name + " has the outline of a " + shape() + " and is covered in " + noun() + ".",
      "You can spot a " + name + " by its " + colour + " colour and its " + noun() + ".",
      "a " + colour + " " + adj() + " " + shape(),
      "A " + name + " is always " + colour + ", never any other colour.",
      "Its shape is a " + shape() + ", painted " + colour + " with " + noun() + ".",
      "A " + name + " can be small or large, but it is always a " + colour + " " + shape() + ".",
      "The surface of a " + name + " shows " + noun() + ".",
      "A " + adj() + " " + shape() + " in " + colour + ".",
      "A photo of a " + name + " shows a " + colour + " " + shape() + " with " + noun() + ".",
      "Look for a " + shape() + " that is " + colour + " with " + noun() + ".",
      "A " + name + " is a kind of " + shape() + ", " + colour + " and " + adj() + ".",
      colour + " " + shape() + " with " + noun(),
      "Most " + name + "s are drawn as a " + adj() + " " + colour + " " + shape() + ".",
  };
}

std::map<std::string, std::vector<std::string>> all_descriptions() {
  std::map<std::string, std::vector<std::string>> out;
  for (const auto& c : concepts()) out[c.name] = descriptions(c);
  return out;
}

std::string descriptions_json() {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  for (const auto& c : concepts()) j[c.name] = descriptions(c);
  return j.dump(2) + "\n";
}

}  // namespace protext::miniworld
