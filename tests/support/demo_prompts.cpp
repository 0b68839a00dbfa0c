#include "support/demo_prompts.h"

#include <atomic>

#include "core/protext/prompts.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/descriptions.h"
#include "core/zeroshot/templates.h"

namespace protext::test {

TrainJob demo_train_job(const std::shared_ptr<ClipModel>& model, const std::string& path) {
  TrainJob job;
  job.clip = model;
  job.descriptions = read_cupl_json(resource_path("demo/descriptions.json"));
  job.config = preset_config("cross-dataset");
  job.config.epochs = 3;
  job.config.batch_size = 64;
  job.config.schedule = "constant";  // the reference schedule spends its first epoch warming up
  job.config.lr = 0.01;
  job.config.prompts.depth = model->config().text.layers;
  job.out_path = path;
  return job;
}

std::string train_demo_prompts(const std::shared_ptr<ClipModel>& model, const std::string& path) {
  static const std::atomic<bool> never{false};
  train(demo_train_job(model, path), {}, never);
  return path;
}

MethodInputs demo_method_inputs(ClipModel& model, const std::string& prompts) {
  MethodInputs inputs;
  inputs.classes = read_class_list(resource_path("demo/classes.txt"));
  inputs.ensemble_templates = read_templates(default_template_set_path());
  inputs.descriptions = read_cupl_json(resource_path("demo/descriptions.json"));
  inputs.prompts = load_prompts(prompts, model).learner;
  return inputs;
}

}  // namespace protext::test
