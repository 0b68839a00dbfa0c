#pragma once
#include <string>
#include <utility>
#include <vector>

#include "core/zeroshot/descriptions.h"

namespace protext {

// How a descriptions file's keys meet a class list ("loads 0 classes from the GPT file"):
// the classes no key names, the keys no class has, and the pairs that differ only by a
// plural ending or a hyphen ("golden retrievers" for "golden retriever", "t-shirt" for
// "t shirt"), which a front end offers to use.
struct DescriptionMatch {
  std::vector<std::string> classes_without;  // classes with no key, near matches included
  std::vector<std::string> unused_keys;      // keys (as written) that name no class
  std::vector<std::pair<std::string, std::string>> near;  // (class, key as written)

  // The unused keys and the near matches, a line each, for warnings; empty when every key
  // names a class. (Classes without descriptions are the method set's note.)
  std::vector<std::string> warnings() const;
};

DescriptionMatch match_descriptions(const std::vector<std::string>& classes, const DescriptionSet& set);

// class_key() with hyphens read as spaces and each word's plural ending dropped: the
// looser key near matches are found by.
std::string loose_class_key(const std::string& name);

}  // namespace protext
