#pragma once
#include <cstdint>
#include <string>

namespace protext {

// A CLIP architecture. OpenAI checkpoints carry no config: it is read off the tensor
// shapes (infer_clip_config); Hugging Face folders give it in config.json.
struct VisionConfig {
  int64_t width = 768;
  int64_t layers = 12;
  int64_t heads = 12;
  int64_t mlp_width = 3072;
  int64_t patch_size = 16;
  int64_t image_size = 224;
};

struct TextConfig {
  int64_t width = 512;
  int64_t layers = 12;
  int64_t heads = 8;
  int64_t mlp_width = 2048;
  int64_t context_length = 77;
  int64_t vocab_size = 49408;
};

enum class Activation { QuickGelu, Gelu };

struct ClipConfig {
  int64_t embed_dim = 512;
  VisionConfig vision;
  TextConfig text;
  Activation activation = Activation::QuickGelu;
};

std::string activation_name(Activation activation);

}  // namespace protext
