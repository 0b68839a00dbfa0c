#include "core/zeroshot/class_list.h"

#include <cctype>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "core/error.h"

namespace protext {
namespace {

std::string trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t\r\n") - begin + 1);
}

}  // namespace

std::string class_key(const std::string& name) {
  std::string key;
  bool space = false;
  for (unsigned char c : name) {
    if (c == '_' || std::isspace(c)) {
      space = !key.empty();
      continue;
    }
    if (space) key += ' ';
    space = false;
    key += static_cast<char>(std::tolower(c));
  }
  return key;
}

void validate_class_list(const std::vector<std::string>& classes, const std::string& source) {
  if (classes.empty()) throw Error(source, "the class list is empty");
  std::set<std::string> seen;
  for (const auto& name : classes) {
    if (class_key(name).empty()) throw Error(source, "a class name is empty");
    if (!seen.insert(class_key(name)).second) throw Error(source, "class '" + name + "' appears twice");
  }
}

std::vector<std::string> read_class_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(path, "cannot open the class list");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  std::vector<std::string> classes;
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first != std::string::npos && text[first] == '[') {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(text);
    } catch (const nlohmann::json::exception& e) {
      throw Error(path, std::string("not valid JSON (") + e.what() + ")");
    }
    for (const auto& item : j) {
      if (!item.is_string()) throw Error(path, "expected a JSON array of class-name strings");
      classes.push_back(trim(item.get<std::string>()));
    }
  } else {
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);)
      if (!trim(line).empty()) classes.push_back(trim(line));
  }
  validate_class_list(classes, path);
  return classes;
}

}  // namespace protext
