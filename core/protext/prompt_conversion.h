#pragma once
#include <string>

namespace protext {

struct ConvertedPrompts {
  std::string format;  // "safetensors" or "dassl"
  size_t tensors = 0;
};

// Copies a prompt file into the other format, chosen by `out`'s extension: *.safetensors,
// or anything else for the authors' Dassl checkpoint (torch.save; e.g. model.pth.tar-10).
// The trainer's optimiser state stays behind. `epoch` is what a Dassl file records.
ConvertedPrompts convert_prompts(const std::string& in, const std::string& out, int epoch = 0);

}  // namespace protext
