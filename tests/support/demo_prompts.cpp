#include "support/demo_prompts.h"

#include <atomic>

#include "core/protext/trainer.h"
#include "core/runtime/resources.h"
#include "core/zeroshot/descriptions.h"

namespace protext::test {

std::string train_demo_prompts(const std::shared_ptr<ClipModel>& model, const std::string& path) {
  static const std::atomic<bool> never{false};
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
  train(job, {}, never);
  return path;
}

}  // namespace protext::test
