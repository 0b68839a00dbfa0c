#pragma once
#include <map>
#include <string>

#include <torch/types.h>

namespace protext {

using TensorMap = std::map<std::string, torch::Tensor>;

// safetensors ↔ LibTorch. Reading copies each tensor out of the mapping (in its stored
// dtype, on the CPU); writing stores each tensor's own dtype (F32/F16/BF16).
TensorMap read_safetensors(const std::string& path,
                           std::map<std::string, std::string>* metadata = nullptr);
void save_safetensors(const std::string& path, const TensorMap& tensors,
                      const std::map<std::string, std::string>& metadata = {});

}  // namespace protext
