#pragma once
#include <string>
#include <vector>

namespace protext {

inline const char* const kDefaultTemplate = "a photo of a {}.";

// The 80 ImageNet prompts published with CLIP, shipped as resources/templates/imagenet80.txt.
std::string default_template_set_path();

// One template per line, each with exactly one "{}" where the class name goes.
std::vector<std::string> read_templates(const std::string& path);
void validate_template(const std::string& text, const std::string& source);

std::string fill_template(const std::string& text, const std::string& class_name);

}  // namespace protext
