#include "core/zeroshot/description_match.h"

#include <map>
#include <set>
#include <sstream>

#include "core/zeroshot/class_list.h"

namespace protext {

std::string loose_class_key(const std::string& name) {
  std::string key = class_key(name);
  for (char& c : key)
    if (c == '-') c = ' ';
  std::istringstream words(key);
  std::string loose;
  for (std::string w; words >> w;) {
    // The regular English plurals; "glass"/"bus" keep their s (too short or -ss).
    const auto ends = [&](const char* suffix) {
      const std::string s(suffix);
      return w.size() > s.size() + 1 && w.compare(w.size() - s.size(), s.size(), s) == 0;
    };
    if (ends("ies")) w = w.substr(0, w.size() - 3) + "y";
    else if (ends("ches") || ends("shes") || ends("sses") || ends("xes") || ends("zes")) w.resize(w.size() - 2);
    else if (w.size() > 3 && w.back() == 's' && w[w.size() - 2] != 's' && w[w.size() - 2] != 'u') w.pop_back();
    loose += (loose.empty() ? "" : " ") + w;
  }
  return loose;
}

DescriptionMatch match_descriptions(const std::vector<std::string>& classes, const DescriptionSet& set) {
  DescriptionMatch match;
  std::set<std::string> used;
  std::map<std::string, std::string> loose_keys;  // loose key → key, for keys no class takes
  for (const auto& c : classes)
    if (set.find(c)) used.insert(class_key(c));
  for (const auto& [key, descriptions] : set.by_key) {
    if (used.count(key)) continue;
    const auto name = set.names.find(key);
    match.unused_keys.push_back(name != set.names.end() ? name->second : key);
    loose_keys.emplace(loose_class_key(match.unused_keys.back()), match.unused_keys.back());
  }
  for (const auto& c : classes) {
    if (set.find(c)) continue;
    match.classes_without.push_back(c);
    const auto near = loose_keys.find(loose_class_key(c));
    if (near != loose_keys.end()) match.near.emplace_back(c, near->second);
  }
  return match;
}

std::vector<std::string> DescriptionMatch::warnings() const {
  std::vector<std::string> out;
  if (!unused_keys.empty())
    out.push_back(std::to_string(unused_keys.size()) + " descriptions file keys name no class: " + quoted_names(unused_keys));
  for (const auto& [cls, key] : near)
    out.push_back("the descriptions of '" + key + "' may be meant for the class '" + cls +
                  "' (they differ only by a plural or a hyphen); rename one of them to use them");
  return out;
}

}  // namespace protext
