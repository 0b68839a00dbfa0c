#pragma once
#include <string>
#include <vector>

namespace protext {

// A class name as a class list stores it: surrounding white space trimmed, inner runs of
// white space (Unicode White_Space, so also no-break and ideographic spaces) folded to
// one ' '.
std::string clean_class_name(const std::string& name);

// How class names and description keys are compared, everywhere (files, folders, the
// app's list): the cleaned name with '_' read as ' ', Unicode case-folded (ICU), so
// "Wheaten_Terrier", "wheaten  terrier" and "WHEATEN TERRIER" are one class, and so are
// "Éclair" and "éclair".
std::string class_key(const std::string& name);

// The class names of a class-list file, read by the rules of read_class_file()
// (core/zeroshot/class_file.h): its warnings (repeated names merged) are dropped here;
// front ends that show warnings call read_class_file() instead.
std::vector<std::string> read_class_list(const std::string& path);

// "'a', 'b', 'c' and 4 more": names for a message, the first `shown` of them.
std::string quoted_names(const std::vector<std::string>& names, size_t shown = 5);

// For lists a program builds itself (not read from a file): an empty list, an empty name
// or two names with the same class_key() are refused, naming `source`.
void validate_class_list(const std::vector<std::string>& classes, const std::string& source);

// Writes `classes` atomically: a JSON array (pretty printed) when `path` ends in .json,
// otherwise one name per line. A name that a text list would read back as something else
// (a '#' comment, or JSON when it is the first line) is refused with a hint to use .json.
void write_class_list(const std::string& path, const std::vector<std::string>& classes);

}  // namespace protext
