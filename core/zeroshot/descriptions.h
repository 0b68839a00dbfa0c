#pragma once
#include <map>
#include <string>
#include <vector>

#include "core/zeroshot/class_file.h"

namespace protext {

// LLM descriptions per class in CuPL form: {"class name": ["description", ...], ...}.
// Keys are matched through class_key() (Unicode case-folded, '_' read as ' ').
struct DescriptionSet {
  std::map<std::string, std::vector<std::string>> by_key;  // only classes with descriptions
  std::map<std::string, std::string> names;  // key → the name as written in the file
  std::string source;
  std::vector<std::string> warnings;  // what reading the file merged or dropped

  const std::vector<std::string>* find(const std::string& class_name) const;
  size_t description_count() const;
};

// Read by the rules of core/zeroshot/class_file.h, as a descriptions file
// (read_description_file): a CuPL object is required, repeated classes are merged with a
// warning, a class with an empty list is left out with a warning; every error names the
// file and, where there is one, the class and the description's index.
DescriptionSet read_cupl_json(const std::string& path);
DescriptionSet parse_cupl_json(const std::string& text, const std::string& source);
// The classes of `file` that have descriptions; its warnings come along.
DescriptionSet to_description_set(const ClassFile& file, const std::string& source);

}  // namespace protext
