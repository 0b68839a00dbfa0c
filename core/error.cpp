#include "core/error.h"

#include <c10/util/Exception.h>

namespace protext {

std::string error_message(const std::exception& e) {
  if (const auto* torch_error = dynamic_cast<const c10::Error*>(&e)) {
    std::string message = torch_error->what_without_backtrace();
    // LibTorch appends the failing source line after a newline; the first line says it.
    const auto end = message.find('\n');
    if (end != std::string::npos) message.resize(end);
    return "LibTorch: " + message;
  }
  return e.what();
}

}  // namespace protext
