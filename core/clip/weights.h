#pragma once
#include <string>

#include "core/clip/config.h"
#include "core/clip/model.h"
#include "core/clip/tensor_file.h"

namespace protext {

// The three ways CLIP weights arrive, turned into one tensor map with OpenAI's names.
enum class WeightFormat { OpenAiTorchScript, Safetensors, HuggingFaceFolder };
std::string format_name(WeightFormat format);  // "openai-torchscript", "safetensors", "hf-folder"

struct ClipWeights {
  WeightFormat format = WeightFormat::Safetensors;
  TensorMap tensors;  // OpenAI names, stored dtype, CPU
  ClipConfig config;
};

// path: an OpenAI TorchScript .pt archive, a safetensors file (OpenAI names), or a folder
// holding config.json + model.safetensors (Hugging Face names, or OpenAI names).
ClipWeights read_clip_weights(const std::string& path);

// OpenAI's build_model rules: widths from shapes, layers by counting blocks,
// heads = width / 64, image size = patch × grid. Refuses ResNet image towers.
ClipConfig infer_clip_config(const TensorMap& tensors, const std::string& source);

// Hugging Face config.json (CLIPConfig: text_config, vision_config, projection_dim).
ClipConfig read_hf_config(const std::string& config_json_path);

// Hugging Face tensor names → OpenAI names (q/k/v fused, projections transposed).
TensorMap hf_to_openai(const TensorMap& hf, const ClipConfig& config, const std::string& source);

// Copies tensors into the model by name (in the model's dtype). Any missing, unexpected
// or mis-shaped tensor is an error that names them all.
void copy_into(Clip& model, const TensorMap& tensors, const std::string& source);

}  // namespace protext
