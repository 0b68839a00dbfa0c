#pragma once
#include <memory>
#include <string>

#include "core/clip/clip_model.h"
#include "core/protext/trainer.h"
#include "core/zeroshot/method_set.h"

namespace protext::test {

// A short ProText run on the embedded model's demo descriptions (3 epochs on
// resources/demo/descriptions.json at a constant learning rate, a few seconds) into `path`.
TrainJob demo_train_job(const std::shared_ptr<ClipModel>& model, const std::string& path);
// Runs it; returns `path`.
std::string train_demo_prompts(const std::shared_ptr<ClipModel>& model, const std::string& path);
// The four methods' inputs for the demo classes: CLIP's 80 templates, the demo
// descriptions and the prompts at `prompts`.
MethodInputs demo_method_inputs(ClipModel& model, const std::string& prompts);

}  // namespace protext::test
