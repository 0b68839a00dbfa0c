#include "core/runtime/omp_waits.h"

#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <string>

namespace protext {

void ensure_passive_omp_waits(char** argv) {
  if (std::getenv("OMP_WAIT_POLICY") != nullptr) return;
  if (::setenv("OMP_WAIT_POLICY", "PASSIVE", 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  // Only reached when the program cannot execute itself again (no /proc): keep going.
}

const char* omp_wait_policy() {
  static const std::string policy = [] {
    const char* env = std::getenv("OMP_WAIT_POLICY");
    std::string value = env ? env : "active";
    for (char& c : value) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return value;
  }();
  return policy.c_str();
}

}  // namespace protext
