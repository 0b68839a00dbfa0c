#pragma once
#include <stdexcept>
#include <exception>
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

// One readable line for any exception a front end catches: our Error as it is, LibTorch's
// c10::Error without its C++ backtrace (its what() is pages of stack frames), anything else
// by its what(). The CLI prints it, the app shows it.
std::string error_message(const std::exception& e);

}  // namespace protext
