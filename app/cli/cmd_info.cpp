// protext info --model PATH: the architecture read from the weights.
#include <ATen/Parallel.h>

#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/clip/fingerprint.h"
#include "core/clip/weights.h"
#include "core/runtime/omp_waits.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const std::string path = model_path(args);
  const ClipWeights w = read_clip_weights(path);
  int64_t parameters = 0;
  for (const auto& [name, tensor] : w.tensors) parameters += tensor.numel();
  const auto& c = w.config;
  print_json_line({{"model", path},
                   {"format", format_name(w.format)},
                   {"embed_dim", c.embed_dim},
                   {"activation", activation_name(c.activation)},
                   {"parameters", parameters},
                   {"fingerprint", weights_fingerprint(w.tensors)},
                   {"vision",
                    {{"width", c.vision.width}, {"layers", c.vision.layers}, {"heads", c.vision.heads},
                     {"patch_size", c.vision.patch_size}, {"image_size", c.vision.image_size}}},
                   {"text",
                    {{"width", c.text.width}, {"layers", c.text.layers}, {"heads", c.text.heads},
                     {"context_length", c.text.context_length}, {"vocab_size", c.text.vocab_size}}},
                   // What the process runs with, for reports from the field (issue 10).
                   {"runtime", {{"threads", at::get_num_threads()}, {"omp_wait_policy", omp_wait_policy()}}}});
  return 0;
}

const Command command{"info", "Print a model's format and architecture as one JSON object.", "",
                      {{"model", "PATH", "CLIP weights: OpenAI .pt, safetensors, or a Hugging Face folder (default: the embedded mini model)"}},
                      run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
