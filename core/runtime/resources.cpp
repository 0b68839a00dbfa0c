#include "core/runtime/resources.h"

#include <cstdlib>

namespace protext {

std::string resource_dir() {
  if (const char* env = std::getenv("PROTEXT_RESOURCES"); env && *env) return env;
  return PROTEXT_RESOURCE_DIR;
}

std::string resource_path(const std::string& relative) { return resource_dir() + "/" + relative; }

std::string embedded_model_path() { return resource_path("models/mini"); }

}  // namespace protext
