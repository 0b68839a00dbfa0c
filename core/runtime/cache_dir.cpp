#include "core/runtime/cache_dir.h"

#include <cstdlib>

namespace protext {
namespace {

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value && *value ? value : "";
}

}  // namespace

std::string default_cache_dir() {
  if (auto dir = env("PROTEXT_CACHE"); !dir.empty()) return dir;
#if defined(_WIN32)
  if (auto local = env("LOCALAPPDATA"); !local.empty()) return local + "\\protext\\cache";
#elif defined(__APPLE__)
  if (auto home = env("HOME"); !home.empty()) return home + "/Library/Caches/protext";
#else
  if (auto xdg = env("XDG_CACHE_HOME"); !xdg.empty()) return xdg + "/protext";
  if (auto home = env("HOME"); !home.empty()) return home + "/.cache/protext";
#endif
  return "";
}

std::string embedding_cache_root(const std::string& cache_dir) {
  return cache_dir.empty() ? "" : cache_dir + "/embeddings";
}

}  // namespace protext
