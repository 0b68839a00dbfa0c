#pragma once
#include <string>
#include <vector>

namespace protext {

// Class names, one per line (.txt) or a JSON array of strings (.json). Blank lines are
// skipped, names trimmed; an empty list or a repeated name is an error naming the file.
std::vector<std::string> read_class_list(const std::string& path);
void validate_class_list(const std::vector<std::string>& classes, const std::string& source);

// How class names and description keys are compared: lower case, '_' read as ' ',
// whitespace folded.
std::string class_key(const std::string& name);

}  // namespace protext
