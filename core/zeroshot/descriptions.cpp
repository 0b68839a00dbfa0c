#include "core/zeroshot/descriptions.h"

#include "core/zeroshot/class_list.h"

namespace protext {

const std::vector<std::string>* DescriptionSet::find(const std::string& class_name) const {
  auto it = by_key.find(class_key(class_name));
  return it == by_key.end() ? nullptr : &it->second;
}

size_t DescriptionSet::description_count() const {
  size_t n = 0;
  for (const auto& [key, list] : by_key) n += list.size();
  return n;
}

DescriptionSet to_description_set(const ClassFile& file, const std::string& source) {
  DescriptionSet set;
  set.source = source;
  set.warnings = file.warnings;
  for (const auto& entry : file.entries) {
    if (entry.descriptions.empty()) continue;
    const std::string key = class_key(entry.name);
    set.by_key[key] = entry.descriptions;
    set.names[key] = entry.name;
  }
  return set;
}

DescriptionSet parse_cupl_json(const std::string& text, const std::string& source) {
  return to_description_set(as_description_file(parse_class_json(text, source), source), source);
}

DescriptionSet read_cupl_json(const std::string& path) {
  return to_description_set(read_description_file(path), path);
}

}  // namespace protext
