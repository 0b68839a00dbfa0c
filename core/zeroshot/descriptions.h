#pragma once
#include <map>
#include <string>
#include <vector>

namespace protext {

// LLM descriptions per class in CuPL form: {"class name": ["description", ...], ...}.
// Keys are matched through class_key() (lower case, '_' read as ' ').
struct DescriptionSet {
  std::map<std::string, std::vector<std::string>> by_key;
  std::map<std::string, std::string> names;  // key → the name as written in the file
  std::string source;

  const std::vector<std::string>* find(const std::string& class_name) const;
  size_t description_count() const;
};

// Longer descriptions are refused: they would be cut to 77 tokens anyway, and a
// megabyte "description" is a broken file, not a sentence.
inline constexpr size_t kMaxDescriptionBytes = 16 * 1024;

// Every problem names the file and the class: not an object, a value that is not a
// list, an empty list, a non-string or empty or over-long description, two keys that
// name the same class.
DescriptionSet read_cupl_json(const std::string& path);
DescriptionSet parse_cupl_json(const std::string& text, const std::string& source);

}  // namespace protext
