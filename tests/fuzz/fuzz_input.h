#pragma once
// What the fuzz targets share: the readers take paths, so each input is written to a file
// of this process's own first (in $TMPDIR, on tmpfs in CI), and every protext::Error is
// an accepted outcome. Anything else — a crash, a sanitizer report, another exception,
// a hang (libFuzzer's -timeout) — is a finding.
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "core/error.h"

namespace protext::fuzz {

inline const std::string& input_path(const char* suffix) {
  static const std::string path = [&] {
    const char* dir = std::getenv("TMPDIR");
    return std::string(dir && *dir ? dir : "/tmp") + "/protext-fuzz-" + std::to_string(::getpid()) + suffix;
  }();
  return path;
}

inline const std::string& write_input(const uint8_t* data, size_t size, const char* suffix) {
  const std::string& path = input_path(suffix);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  if (size > 0 && std::fwrite(data, 1, size, f) != size) std::abort();
  std::fclose(f);
  return path;
}

template <typename F>
void refusals_allowed(F&& read) {
  try {
    read();
  } catch (const protext::Error&) {
  }
}

}  // namespace protext::fuzz
