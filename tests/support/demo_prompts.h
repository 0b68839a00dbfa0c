#pragma once
#include <memory>
#include <string>

#include "core/clip/clip_model.h"

namespace protext::test {

// ProText prompts for the embedded model's demo classes from a short run (3 epochs on
// resources/demo/descriptions.json, a few seconds), written to `path`; returns `path`.
std::string train_demo_prompts(const std::shared_ptr<ClipModel>& model, const std::string& path);

}  // namespace protext::test
