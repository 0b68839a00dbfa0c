#include "core/zeroshot/class_list.h"

#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/runtime/atomic_file.h"
#include "core/zeroshot/class_file.h"
#include "core/zeroshot/code_points.h"

namespace protext {

std::string clean_class_name(const std::string& name) {
  std::string out;
  out.reserve(name.size());
  bool space = false;
  for_each_code_point(name, [&](size_t begin, size_t end, UChar32 c) {
    if (c >= 0 && u_isUWhiteSpace(c)) {
      space = !out.empty();
      return true;
    }
    if (space) out += ' ';
    space = false;
    out.append(name, begin, end - begin);
    return true;
  });
  return out;
}

std::string class_key(const std::string& name) {
  // ASCII names (most of them) take an exact shortcut: in ASCII, Unicode White_Space is
  // \t..\r and ' ', and case folding maps A-Z to a-z and nothing else.
  if (std::all_of(name.begin(), name.end(), [](unsigned char c) { return c < 0x80; })) {
    std::string key;
    key.reserve(name.size());
    bool space = false;
    for (const char c : name) {
      if (c == '_' || c == ' ' || (c >= '\t' && c <= '\r')) {
        space = !key.empty();
        continue;
      }
      if (space) key += ' ';
      space = false;
      key += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return key;
  }
  std::string spaced = name;
  std::replace(spaced.begin(), spaced.end(), '_', ' ');
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(clean_class_name(spaced));
  text.foldCase(U_FOLD_CASE_DEFAULT);
  std::string key;
  text.toUTF8String(key);
  return key;
}

void validate_class_list(const std::vector<std::string>& classes, const std::string& source) {
  if (classes.empty()) throw Error(source, "the class list is empty");
  std::map<std::string, std::string> seen;
  for (const auto& name : classes) {
    const std::string key = class_key(name);
    if (key.empty()) throw Error(source, "a class name is empty");
    const auto [it, added] = seen.emplace(key, name);
    if (!added) {
      if (it->second == name) throw Error(source, "class '" + name + "' appears twice");
      throw Error(source, "classes '" + it->second + "' and '" + name + "' are the same class");
    }
  }
}

std::vector<std::string> read_class_list(const std::string& path) { return read_class_file(path).names(); }

void write_class_list(const std::string& path, const std::vector<std::string>& classes) {
  std::string bytes;
  if (names_json_file(path)) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& raw : classes) {
      const std::string name = clean_class_name(raw);
      if (name.empty()) throw Error(path, "a class name is empty");
      list.push_back(name);
    }
    try {
      bytes = list.dump(2) + "\n";
    } catch (const nlohmann::json::exception&) {
      throw Error(path, "a class name is not UTF-8 text");
    }
  } else {
    for (const auto& raw : classes) {
      const std::string name = clean_class_name(raw);
      if (name.empty()) throw Error(path, "a class name is empty");
      if (name[0] == '#')
        throw Error(path, "class '" + name + "' would read back as a comment from a text list; save the list as .json");
      if (bytes.empty() && (name[0] == '[' || name[0] == '{'))
        throw Error(path, "class '" + name + "' would make a text list read back as JSON; save the list as .json");
      bytes += name + '\n';
    }
  }
  write_file_atomically(path, bytes);
}

std::string quoted_names(const std::vector<std::string>& names, size_t shown) {
  std::string list;
  for (size_t i = 0; i < names.size() && i < shown; ++i) list += (i ? ", '" : "'") + names[i] + "'";
  if (names.size() > shown) list += " and " + std::to_string(names.size() - shown) + " more";
  return list;
}

}  // namespace protext
