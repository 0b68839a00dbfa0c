#include "core/zeroshot/templates.h"

#include <fstream>

#include "core/error.h"
#include "core/runtime/resources.h"

namespace protext {

std::string default_template_set_path() { return resource_path("templates/imagenet80.txt"); }

void validate_template(const std::string& text, const std::string& source) {
  const auto first = text.find("{}");
  if (first == std::string::npos || text.find("{}", first + 2) != std::string::npos)
    throw Error(source, "template '" + text + "' must contain exactly one {} for the class name");
}

std::vector<std::string> read_templates(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot open the template file");
  std::vector<std::string> templates;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    validate_template(line, path);
    templates.push_back(line);
  }
  if (templates.empty()) throw Error(path, "no templates in the file");
  return templates;
}

std::string fill_template(const std::string& text, const std::string& class_name) {
  const auto at = text.find("{}");
  if (at == std::string::npos) return text;
  return text.substr(0, at) + class_name + text.substr(at + 2);
}

}  // namespace protext
