#include "core/protext/prompt_conversion.h"

#include <map>

#include "core/clip/tensor_file.h"
#include "core/error.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/runtime/content_hash.h"

namespace protext {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

ConvertedPrompts convert_prompts(const std::string& in, const std::string& out, int epoch) {
  std::map<std::string, torch::Tensor> tensors;
  std::map<std::string, std::string> metadata;
  if (is_zip_archive(in)) {
    tensors = read_dassl_prompts(in);
  } else {
    for (auto& [name, tensor] : read_safetensors(in, &metadata))
      if (name.rfind("optimizer.", 0) != 0) tensors[name] = tensor;  // the trainer's state stays behind
  }
  if (!tensors.count("prompt_learner.ctx")) throw Error(in, "no 'prompt_learner.ctx' tensor: not a ProText prompt file");
  const bool to_safetensors = ends_with(out, ".safetensors");
  if (to_safetensors) save_safetensors(out, tensors, metadata);
  else write_dassl_prompts(out, tensors, epoch);
  return {to_safetensors ? "safetensors" : "dassl", tensors.size()};
}

}  // namespace protext
