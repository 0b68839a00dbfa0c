#pragma once
#include <string>

namespace protext {

// Where the project's resources/ folder is: $PROTEXT_RESOURCES if set, else the source
// tree's resources/ the build was configured from.
std::string resource_dir();
std::string resource_path(const std::string& relative);

}  // namespace protext
