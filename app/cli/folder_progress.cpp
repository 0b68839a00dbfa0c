#include "app/cli/folder_progress.h"

#include <cstdio>
#include <iostream>

namespace protext::cli {

void print_image_progress(int64_t done, int64_t total) {
  std::fprintf(stderr, "\rimages %lld/%lld", static_cast<long long>(done), static_cast<long long>(total));
  if (done == total) std::fprintf(stderr, "\n");
}

void print_skipped(const std::vector<SkippedImage>& skipped) {
  for (const auto& s : skipped) std::cerr << "skipped: " << skipped_message(s) << '\n';
}

const std::atomic<bool>& never_cancelled() {
  static const std::atomic<bool> flag{false};
  return flag;
}

}  // namespace protext::cli
