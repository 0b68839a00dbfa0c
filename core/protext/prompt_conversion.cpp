#include "core/protext/prompt_conversion.h"

#include <filesystem>
#include <fstream>
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
  // A torch.save file of any age (zip, or the pre-1.6 pickle that starts with 0x80) and an
  // empty file not named .safetensors go to the checkpoint reader, whose messages name them.
  std::ifstream probe(in, std::ios::binary);
  const int first = probe ? probe.get() : EOF;
  std::error_code error;
  const bool empty = std::filesystem::is_regular_file(in, error) && std::filesystem::file_size(in, error) == 0;
  if (is_zip_archive(in) || first == 0x80 || (empty && !ends_with(in, ".safetensors"))) {
    tensors = read_dassl_prompts(in);
  } else {
    for (auto& [name, tensor] : read_safetensors(in, &metadata))
      if (name.rfind("optimizer.", 0) != 0) tensors[name] = tensor;  // the trainer's state stays behind
  }
  const auto ctx = tensors.find("prompt_learner.ctx");
  if (ctx == tensors.end()) throw Error(in, "no 'prompt_learner.ctx' tensor: not a ProText prompt file");
  // What the readers on both sides accept, checked before writing: a file this writes is
  // always one they read back.
  const auto shape = ctx->second.sizes().vec();
  if (shape.size() != 2 || shape[0] < 1 || shape[1] < 1)
    throw Error(in, "'prompt_learner.ctx' has shape " + c10::str(ctx->second.sizes()) +
                        ", expected [n_ctx, width] with both at least 1");
  for (const auto& [name, tensor] : tensors)
    if (name.find("VPT_shallow") != std::string::npos && tensor.sizes().vec() != shape)
      throw Error(in, "'" + name + "' has shape " + c10::str(tensor.sizes()) + ", expected " +
                          c10::str(ctx->second.sizes()) + " as 'prompt_learner.ctx'");
  const bool to_safetensors = ends_with(out, ".safetensors");
  if (to_safetensors) save_safetensors(out, tensors, metadata);
  else write_dassl_prompts(out, tensors, epoch);
  return {to_safetensors ? "safetensors" : "dassl", tensors.size()};
}

}  // namespace protext
