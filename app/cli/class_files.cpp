#include "app/cli/class_files.h"

#include <iostream>

#include "core/zeroshot/class_file.h"

namespace protext::cli {
namespace {

void print_warnings(const std::vector<std::string>& warnings) {
  for (const auto& warning : warnings) std::cerr << "warning: " << warning << '\n';
}

}  // namespace

std::vector<std::string> class_list_from(const std::string& path) {
  const ClassFile file = read_class_file(path);
  print_warnings(file.warnings);
  return file.names();
}

DescriptionSet descriptions_from(const std::string& path) {
  DescriptionSet set = read_cupl_json(path);
  print_warnings(set.warnings);
  return set;
}

}  // namespace protext::cli
