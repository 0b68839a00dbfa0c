#pragma once
#include <stdexcept>
#include <string>

namespace protext {

// The one exception the core throws. The message says what failed and where, e.g.
// "model.safetensors: tensor 'visual.proj' has shape [512, 768], expected [768, 512]",
// so front ends show it as it is and never need to catch anything else.
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& message) : std::runtime_error(message) {}
  Error(const std::string& where, const std::string& what)
      : std::runtime_error(where.empty() ? what : where + ": " + what) {}
};

}  // namespace protext
