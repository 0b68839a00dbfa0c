// protext convert-prompts --prompts IN --out OUT: between protext's safetensors prompt
// files and the ProText authors' Dassl checkpoints (torch.save), either way.
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/clip/tensor_file.h"
#include "core/protext/dassl_checkpoint.h"
#include "core/runtime/content_hash.h"

namespace protext::cli {
namespace {

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

int run(const Args& args) {
  const std::string in = args.require("prompts"), out = args.require("out");
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
  else write_dassl_prompts(out, tensors, args.get_int("epoch", 0));
  print_json_line({{"prompts", in}, {"out", out}, {"format", to_safetensors ? "safetensors" : "dassl"},
                   {"tensors", tensors.size()}});
  return 0;
}

const Command command{"convert-prompts",
                      "Convert prompts between .safetensors and the authors' Dassl checkpoints (by --out's extension).",
                      "",
                      {{"prompts", "FILE", "prompt file: protext .safetensors or a Dassl torch.save checkpoint"},
                       {"out", "FILE", "*.safetensors, or anything else for a Dassl checkpoint (e.g. model.pth.tar-10)"},
                       {"epoch", "N", "epoch recorded in a Dassl checkpoint (default 0)"}},
                      run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
