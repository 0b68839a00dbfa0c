#include "core/zeroshot/descriptions.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/error.h"
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

DescriptionSet parse_cupl_json(const std::string& text, const std::string& source) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::exception& e) {
    throw Error(source, std::string("not valid JSON (") + e.what() + ")");
  }
  if (!j.is_object())
    throw Error(source, "expected a JSON object {\"class name\": [\"description\", ...]}, got a JSON " +
                            std::string(j.type_name()));
  if (j.empty()) throw Error(source, "no classes in the descriptions file");
  DescriptionSet set;
  set.source = source;
  for (const auto& [name, value] : j.items()) {
    const std::string key = class_key(name);
    if (key.empty()) throw Error(source, "a class name is empty");
    if (set.by_key.count(key))
      throw Error(source, "classes '" + set.names[key] + "' and '" + name + "' are the same class");
    if (!value.is_array())
      throw Error(source, "class '" + name + "': expected a list of descriptions, got a JSON " +
                              std::string(value.type_name()));
    if (value.empty()) throw Error(source, "class '" + name + "' has an empty list of descriptions");
    std::vector<std::string> list;
    for (size_t i = 0; i < value.size(); ++i) {
      const auto& item = value[i];
      const std::string where = "class '" + name + "', description " + std::to_string(i + 1);
      if (!item.is_string()) throw Error(source, where + " is a JSON " + std::string(item.type_name()) + ", not a string");
      const std::string description = item.get<std::string>();
      if (description.find_first_not_of(" \t\r\n") == std::string::npos) throw Error(source, where + " is empty");
      if (description.size() > kMaxDescriptionBytes)
        throw Error(source, where + " is " + std::to_string(description.size()) + " bytes; at most " +
                                std::to_string(kMaxDescriptionBytes) + " are accepted");
      list.push_back(description);
    }
    set.by_key[key] = std::move(list);
    set.names[key] = name;
  }
  return set;
}

DescriptionSet read_cupl_json(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the descriptions file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return parse_cupl_json(buffer.str(), path);
}

}  // namespace protext
