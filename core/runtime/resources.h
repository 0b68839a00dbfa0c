#pragma once
#include <string>

namespace protext {

// Where the project's resources/ folder is: $PROTEXT_RESOURCES if set, else the source
// tree's resources/ the build was configured from.
std::string resource_dir();
std::string resource_path(const std::string& relative);

// The embedded mini CLIP (resources/models/mini): what every front end opens when it is
// given no other model.
std::string embedded_model_path();

}  // namespace protext
