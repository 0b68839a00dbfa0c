#pragma once
#include <map>
#include <string>

#include <torch/types.h>

namespace protext {

// The checkpoints the ProText authors released: Dassl `torch.save` files (zip archives,
// e.g. "prompt_learner/model.pth.tar-10") holding a dict whose "state_dict" maps the
// official names (prompt_learner.ctx, text_encoder.transformer.resblocks.{i}.VPT_shallow)
// to tensors, possibly beside the whole model's other weights (ignored here), plus
// "epoch" and optimiser state.

// The prompt tensors by official name, fp32 on the CPU. Errors name the file and what is
// wrong (not a torch.save archive, no "state_dict", no prompt_learner.ctx, ...).
std::map<std::string, torch::Tensor> read_dassl_prompts(const std::string& path);

// Writes the same form: {"state_dict": {name: tensor}, "epoch": epoch,
// "optimizer": None, "scheduler": None}, loadable with Python's torch.load.
void write_dassl_prompts(const std::string& path, const std::map<std::string, torch::Tensor>& tensors, int epoch);

}  // namespace protext
