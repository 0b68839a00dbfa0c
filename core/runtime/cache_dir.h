#pragma once
#include <string>

namespace protext {

// The per-user cache folder: $PROTEXT_CACHE if set, else the platform's cache location
// ($XDG_CACHE_HOME/protext or ~/.cache/protext on Linux, ~/Library/Caches/protext on
// macOS, %LOCALAPPDATA%\protext\cache on Windows); empty if none can be found.
std::string default_cache_dir();

// Where embeddings computed once are kept for the next run, under a cache folder.
std::string embedding_cache_root(const std::string& cache_dir);

}  // namespace protext
