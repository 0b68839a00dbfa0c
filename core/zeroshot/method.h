#pragma once
#include <optional>
#include <string>
#include <vector>

namespace protext {

// The four ways of building a zero-shot classifier that the tool compares. Their ids
// ("template", "ensemble", "descriptions", "protext") are what travels between core, CLI,
// app and report files; display names and colours are the app's business.
enum class Method { Template, Ensemble, Descriptions, ProText };

std::string method_name(Method method);
std::optional<Method> method_from_name(const std::string& name);
const std::vector<Method>& all_methods();  // in display order

}  // namespace protext
