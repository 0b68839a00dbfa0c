// protext convert-prompts --prompts IN --out OUT: between protext's safetensors prompt
// files and the ProText authors' Dassl checkpoints (torch.save), either way.
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/protext/prompt_conversion.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const std::string in = args.require("prompts"), out = args.require("out");
  const ConvertedPrompts done = convert_prompts(in, out, args.get_int("epoch", 0));
  print_json_line({{"prompts", in}, {"out", out}, {"format", done.format}, {"tensors", done.tensors}});
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
