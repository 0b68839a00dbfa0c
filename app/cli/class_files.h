#pragma once
#include <string>
#include <vector>

#include "core/zeroshot/descriptions.h"

namespace protext::cli {

// The --classes and --descriptions files of a command, read by the core's rules (the app
// reads them with the same functions, so both accept the same files with the same
// messages); each warning, such as repeated classes merged, goes to stderr as
// "warning: <text>".
std::vector<std::string> class_list_from(const std::string& path);
DescriptionSet descriptions_from(const std::string& path);

}  // namespace protext::cli
