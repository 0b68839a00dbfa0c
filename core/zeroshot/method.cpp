#include "core/zeroshot/method.h"

namespace protext {

const std::vector<Method>& all_methods() {
  static const std::vector<Method> methods{Method::Template, Method::Ensemble, Method::Descriptions, Method::ProText};
  return methods;
}

std::string method_name(Method method) {
  switch (method) {
    case Method::Template: return "template";
    case Method::Ensemble: return "ensemble";
    case Method::Descriptions: return "descriptions";
    case Method::ProText: return "protext";
  }
  return "unknown";
}

std::optional<Method> method_from_name(const std::string& name) {
  for (Method m : all_methods())
    if (method_name(m) == name) return m;
  return std::nullopt;
}

}  // namespace protext
