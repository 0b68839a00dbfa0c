#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/miniworld/world.h"

namespace protext::miniworld {

// A caption from the world's grammar. When the main object is a named concept, about
// `name_share` of captions use its name (alone or with attributes); the rest describe
// what is seen, as web captions mostly do.
std::string caption(const Scene& scene, Rng& rng, double name_share = 0.3);

// LLM-style descriptions of a concept (CuPL's form: sentences that say what it looks like),
// 16 per concept in varied wording, generated from its attributes.
std::vector<std::string> descriptions(const Concept& concept);
std::map<std::string, std::vector<std::string>> all_descriptions();

// CuPL JSON text for all concepts, in concept order.
std::string descriptions_json();

}  // namespace protext::miniworld
