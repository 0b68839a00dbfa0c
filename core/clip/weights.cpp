#include "core/clip/weights.h"

#include <torch/torch.h>

#include <cctype>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "core/error.h"
#include "core/protext/torch_save.h"
#include "core/runtime/content_hash.h"

namespace protext {
namespace fs = std::filesystem;
namespace {

// Entries OpenAI's archives carry beside the weights; build_model drops them too.
const std::set<std::string> kOpenAiScalars = {"input_resolution", "context_length", "vocab_size"};

// A safetensors file starts with its header's length (8 bytes, little-endian) and the
// header's opening brace. Anything else gets a message in a user's words rather than the
// reader's complaint about a header length of 8675433094835085347 bytes.
bool starts_like_safetensors(const std::string& path, std::uintmax_t size) {
  std::ifstream in(path, std::ios::binary);
  unsigned char head[9] = {};
  if (!in.read(reinterpret_cast<char*>(head), sizeof head)) return false;
  std::uint64_t length = 0;
  for (int i = 7; i >= 0; --i) length = (length << 8) | head[i];
  return head[8] == '{' && length >= 2 && length <= size - 8;
}

// The file's first bytes as a person would recognise them: text as text, else in hex.
std::string first_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char head[16] = {};
  in.read(head, sizeof head);
  const auto n = static_cast<size_t>(in.gcount());
  bool text = n > 0;
  for (size_t i = 0; i < n; ++i) text = text && (std::isprint(static_cast<unsigned char>(head[i])) || head[i] == '\n');
  if (text) {
    std::string shown(head, n);
    for (char& c : shown) c = c == '\n' ? ' ' : c;
    return "\"" + shown + (n == sizeof head ? "…" : "") + "\"";
  }
  static const char* digits = "0123456789abcdef";
  std::string hex;
  for (size_t i = 0; i < n && i < 8; ++i) {
    const auto byte = static_cast<unsigned char>(head[i]);
    hex += std::string(i ? " " : "") + digits[byte >> 4] + digits[byte & 15];
  }
  return "the bytes " + hex;
}

std::string shape_text(torch::IntArrayRef shape) {
  std::ostringstream out;
  out << '[';
  for (size_t i = 0; i < shape.size(); ++i) out << (i ? ", " : "") << shape[i];
  out << ']';
  return out.str();
}

const torch::Tensor& need(const TensorMap& tensors, const std::string& name, const std::string& source) {
  auto it = tensors.find(name);
  if (it == tensors.end()) throw Error(source, "tensor '" + name + "' is missing");
  return it->second;
}

int64_t count_blocks(const TensorMap& tensors, const std::string& prefix, const std::string& source) {
  std::set<int64_t> seen;
  for (const auto& [name, tensor] : tensors) {
    if (name.compare(0, prefix.size(), prefix) != 0) continue;
    const auto dot = name.find('.', prefix.size());
    const std::string index = name.substr(prefix.size(), dot - prefix.size());
    if (index.empty() || !std::all_of(index.begin(), index.end(), ::isdigit)) continue;
    if (index.size() > 4) throw Error(source, "tensor '" + name + "' has block index " + index + " (at most 9999 blocks)");
    seen.insert(std::stoll(index));
  }
  return static_cast<int64_t>(seen.size());
}

int64_t heads_for(int64_t width) { return std::max<int64_t>(1, width / 64); }

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// OpenAI's .pt files are TorchScript archives. torch::jit::load would run the archive's
// code (a module's __setstate__ can write any file), so the weights are taken from
// data.pkl's object tree instead, with the same restricted reader as Dassl checkpoints:
// each module is an inert object whose attributes name its submodules and tensors, and a
// tensor's name is the path of attribute names to it, as in the module's state_dict.
TensorMap read_torchscript(const std::string& path) {
  const TorchSaveArchive archive(path);
  const PickleRef& root = archive.root();
  if (root->kind != PickleValue::Kind::Object || root->text.rfind("__torch__.", 0) != 0)
    throw Error(path, "a zip archive, but not a TorchScript module (its data.pkl holds a " + root->describe() +
                          "); OpenAI's CLIP .pt files are TorchScript archives");
  constexpr size_t kMaxDepth = 64;  // CLIP's modules nest five deep
  TensorMap tensors;
  std::set<const PickleValue*> visited;  // a module reached twice (or a cycle) is read once
  struct Pending {
    std::string prefix;
    const PickleValue* module;
    size_t depth;
  };
  std::vector<Pending> pending{{"", root.get(), 0}};
  while (!pending.empty()) {
    const auto [prefix, module, depth] = pending.back();
    pending.pop_back();
    if (!visited.insert(module).second) continue;
    if (depth >= kMaxDepth)
      throw Error(path, "modules nest deeper than " + std::to_string(kMaxDepth) + " levels at '" + prefix + "'");
    for (const auto& [key, value] : module->entries) {
      if (key->kind != PickleValue::Kind::String) continue;
      const std::string name = prefix + key->text;
      if (value->kind == PickleValue::Kind::Tensor) {
        tensors[name] = archive.tensor(*value, "tensor '" + name + "'");
      } else if (value->kind == PickleValue::Kind::Object && value->text.rfind("__torch__.", 0) == 0) {
        pending.push_back({name + ".", value.get(), depth + 1});
      }
    }
  }
  for (const auto& name : kOpenAiScalars) tensors.erase(name);
  return tensors;
}

nlohmann::json read_json_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw Error(path, "cannot open");
  try {
    return nlohmann::json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw Error(path, std::string("not valid JSON (") + e.what() + ")");
  }
}

}  // namespace

std::string format_name(WeightFormat format) {
  switch (format) {
    case WeightFormat::OpenAiTorchScript: return "openai-torchscript";
    case WeightFormat::Safetensors: return "safetensors";
    case WeightFormat::HuggingFaceFolder: return "hf-folder";
  }
  return "unknown";
}

ClipConfig infer_clip_config(const TensorMap& t, const std::string& source) {
  for (const auto& [name, tensor] : t)
    if (starts_with(name, "visual.layer1.") || starts_with(name, "visual.attnpool."))
      throw Error(source, "ResNet image towers (RN50, RN101, ...) are not supported yet; use a ViT CLIP");
  ClipConfig c;
  const auto& conv1 = need(t, "visual.conv1.weight", source);
  if (conv1.dim() != 4 || conv1.size(1) != 3 || conv1.size(2) != conv1.size(3))
    throw Error(source, "tensor 'visual.conv1.weight' has shape " + shape_text(conv1.sizes()) +
                            ", expected [width, 3, patch, patch]");
  c.vision.width = conv1.size(0);
  c.vision.patch_size = conv1.size(3);
  c.vision.layers = count_blocks(t, "visual.transformer.resblocks.", source);
  c.vision.heads = heads_for(c.vision.width);
  c.vision.mlp_width = need(t, "visual.transformer.resblocks.0.mlp.c_fc.weight", source).size(0);
  const int64_t tokens = need(t, "visual.positional_embedding", source).size(0);
  const auto grid = static_cast<int64_t>(std::llround(std::sqrt(static_cast<double>(tokens - 1))));
  if (grid * grid + 1 != tokens)
    throw Error(source, "tensor 'visual.positional_embedding' has " + std::to_string(tokens) +
                            " positions, not a square grid plus the class token");
  c.vision.image_size = c.vision.patch_size * grid;

  c.embed_dim = need(t, "text_projection", source).size(1);
  c.text.width = need(t, "ln_final.weight", source).size(0);
  c.text.layers = count_blocks(t, "transformer.resblocks.", source);
  c.text.heads = heads_for(c.text.width);
  c.text.mlp_width = need(t, "transformer.resblocks.0.mlp.c_fc.weight", source).size(0);
  c.text.context_length = need(t, "positional_embedding", source).size(0);
  c.text.vocab_size = need(t, "token_embedding.weight", source).size(0);
  return c;
}

ClipConfig read_hf_config(const std::string& path) {
  const nlohmann::json j = read_json_file(path);
  if (!j.is_object()) throw Error(path, "expected a JSON object");
  auto section = [&](const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_object() ? *it : nlohmann::json::object();
  };
  const auto text = section("text_config"), vision = section("vision_config");
  auto get = [&](const nlohmann::json& s, const char* key, int64_t fallback) -> int64_t {
    auto it = s.find(key);
    if (it == s.end() || it->is_null()) return fallback;
    if (!it->is_number_integer()) throw Error(path, std::string("'") + key + "' must be an integer");
    return it->get<int64_t>();
  };
  // Missing keys take Hugging Face's CLIPConfig defaults.
  ClipConfig c;
  c.embed_dim = get(j, "projection_dim", 512);
  c.text.width = get(text, "hidden_size", 512);
  c.text.mlp_width = get(text, "intermediate_size", 2048);
  c.text.layers = get(text, "num_hidden_layers", 12);
  c.text.heads = get(text, "num_attention_heads", 8);
  c.text.context_length = get(text, "max_position_embeddings", 77);
  c.text.vocab_size = get(text, "vocab_size", 49408);
  c.vision.width = get(vision, "hidden_size", 768);
  c.vision.mlp_width = get(vision, "intermediate_size", 3072);
  c.vision.layers = get(vision, "num_hidden_layers", 12);
  c.vision.heads = get(vision, "num_attention_heads", 12);
  c.vision.patch_size = get(vision, "patch_size", 32);
  c.vision.image_size = get(vision, "image_size", 224);
  const std::string text_act = text.value("hidden_act", "quick_gelu");
  const std::string vision_act = vision.value("hidden_act", "quick_gelu");
  if (text_act != vision_act)
    throw Error(path, "text and vision towers use different activations (" + text_act + ", " + vision_act + ")");
  if (text_act == "quick_gelu") c.activation = Activation::QuickGelu;
  else if (text_act == "gelu") c.activation = Activation::Gelu;
  else throw Error(path, "unsupported hidden_act '" + text_act + "' (quick_gelu or gelu)");
  // Sizes are bounded before anything is allocated from them: a config.json asking for two
  // billion layers is refused here, not after gigabytes of empty model. The bounds are
  // several times the largest CLIPs published (ViT-bigG: width 1664, 48 layers).
  struct Bound {
    const char* key;
    int64_t value, low, high;
  };
  for (const Bound& b : {Bound{"projection_dim", c.embed_dim, 1, 16384},
                         Bound{"text_config.hidden_size", c.text.width, 1, 16384},
                         Bound{"text_config.intermediate_size", c.text.mlp_width, 1, 65536},
                         Bound{"text_config.num_hidden_layers", c.text.layers, 1, 256},
                         Bound{"text_config.num_attention_heads", c.text.heads, 1, 256},
                         Bound{"text_config.max_position_embeddings", c.text.context_length, 2, 4096},
                         Bound{"text_config.vocab_size", c.text.vocab_size, 2, 1 << 20},
                         Bound{"vision_config.hidden_size", c.vision.width, 1, 16384},
                         Bound{"vision_config.intermediate_size", c.vision.mlp_width, 1, 65536},
                         Bound{"vision_config.num_hidden_layers", c.vision.layers, 1, 256},
                         Bound{"vision_config.num_attention_heads", c.vision.heads, 1, 256},
                         Bound{"vision_config.patch_size", c.vision.patch_size, 1, 1024},
                         Bound{"vision_config.image_size", c.vision.image_size, 1, 4096}})
    if (b.value < b.low || b.value > b.high)
      throw Error(path, std::string("'") + b.key + "' is " + std::to_string(b.value) + "; expected " +
                            std::to_string(b.low) + ".." + std::to_string(b.high));
  for (auto [name, width, heads] : {std::tuple{"text", c.text.width, c.text.heads},
                                    std::tuple{"vision", c.vision.width, c.vision.heads}})
    if (heads <= 0 || width % heads != 0)
      throw Error(path, std::string(name) + " hidden_size " + std::to_string(width) +
                            " is not divisible by num_attention_heads " + std::to_string(heads));
  if (c.vision.patch_size <= 0 || c.vision.image_size % c.vision.patch_size != 0)
    throw Error(path, "image_size must be a multiple of patch_size");
  return c;
}

TensorMap hf_to_openai(const TensorMap& hf, const ClipConfig& config, const std::string& source) {
  TensorMap out;
  std::set<std::string> used;
  auto take = [&](const std::string& name) -> const torch::Tensor& {
    used.insert(name);
    return need(hf, name, source);
  };
  auto tower = [&](const std::string& from, const std::string& to, int64_t layers) {
    for (int64_t i = 0; i < layers; ++i) {
      const std::string f = from + "encoder.layers." + std::to_string(i) + ".";
      const std::string o = to + "transformer.resblocks." + std::to_string(i) + ".";
      out[o + "attn.in_proj_weight"] = torch::cat(
          {take(f + "self_attn.q_proj.weight"), take(f + "self_attn.k_proj.weight"), take(f + "self_attn.v_proj.weight")});
      out[o + "attn.in_proj_bias"] = torch::cat(
          {take(f + "self_attn.q_proj.bias"), take(f + "self_attn.k_proj.bias"), take(f + "self_attn.v_proj.bias")});
      for (const char* p : {"weight", "bias"}) {
        out[o + "attn.out_proj." + p] = take(f + "self_attn.out_proj." + p);
        out[o + "ln_1." + p] = take(f + "layer_norm1." + p);
        out[o + "ln_2." + p] = take(f + "layer_norm2." + p);
        out[o + "mlp.c_fc." + p] = take(f + "mlp.fc1." + p);
        out[o + "mlp.c_proj." + p] = take(f + "mlp.fc2." + p);
      }
    }
  };
  tower("text_model.", "", config.text.layers);
  tower("vision_model.", "visual.", config.vision.layers);
  out["token_embedding.weight"] = take("text_model.embeddings.token_embedding.weight");
  out["positional_embedding"] = take("text_model.embeddings.position_embedding.weight");
  out["text_projection"] = take("text_projection.weight").t().contiguous();
  out["visual.class_embedding"] = take("vision_model.embeddings.class_embedding");
  out["visual.conv1.weight"] = take("vision_model.embeddings.patch_embedding.weight");
  out["visual.positional_embedding"] = take("vision_model.embeddings.position_embedding.weight");
  out["visual.proj"] = take("visual_projection.weight").t().contiguous();
  out["logit_scale"] = take("logit_scale");
  for (const char* p : {"weight", "bias"}) {
    out[std::string("ln_final.") + p] = take(std::string("text_model.final_layer_norm.") + p);
    out[std::string("visual.ln_pre.") + p] = take(std::string("vision_model.pre_layrnorm.") + p);
    out[std::string("visual.ln_post.") + p] = take(std::string("vision_model.post_layernorm.") + p);
  }
  std::vector<std::string> unexpected;
  for (const auto& [name, tensor] : hf)
    if (!used.count(name) && name.find("position_ids") == std::string::npos) unexpected.push_back(name);
  if (!unexpected.empty()) {
    std::string list;
    for (size_t i = 0; i < unexpected.size() && i < 5; ++i) list += (i ? ", '" : "'") + unexpected[i] + "'";
    if (unexpected.size() > 5) list += " and " + std::to_string(unexpected.size() - 5) + " more";
    throw Error(source, "unexpected tensors for a CLIP model: " + list);
  }
  return out;
}

ClipWeights read_clip_weights(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) throw Error(path, "no such file or folder");
  ClipWeights w;
  if (fs::is_directory(path, ec)) {
    const std::string config = (fs::path(path) / "config.json").string();
    const std::string weights = (fs::path(path) / "model.safetensors").string();
    if (!fs::exists(config)) throw Error(path, "folder has no config.json (expected a Hugging Face CLIP folder)");
    if (!fs::exists(weights)) throw Error(path, "folder has no model.safetensors");
    w.format = WeightFormat::HuggingFaceFolder;
    w.config = read_hf_config(config);
    TensorMap tensors = read_safetensors(weights);
    // A folder may also hold OpenAI-named tensors (the embedded mini model does).
    w.tensors = tensors.count("visual.conv1.weight") ? std::move(tensors)
                                                     : hf_to_openai(tensors, w.config, weights);
    return w;
  }
  if (fs::file_size(path, ec) == 0) throw Error(path, "file is empty");
  if (is_zip_archive(path)) {
    w.format = WeightFormat::OpenAiTorchScript;
    w.tensors = read_torchscript(path);
  } else {
    if (!starts_like_safetensors(path, fs::file_size(path, ec)))
      throw Error(path, "not a CLIP checkpoint: expected an OpenAI .pt archive (a zip file) or a .safetensors "
                        "file, but it begins with " + first_bytes(path));
    w.format = WeightFormat::Safetensors;
    w.tensors = read_safetensors(path);
    for (const auto& name : kOpenAiScalars) w.tensors.erase(name);
  }
  w.config = infer_clip_config(w.tensors, path);
  return w;
}

void copy_into(Clip& model, const TensorMap& tensors, const std::string& source) {
  std::vector<std::string> missing, mismatched, unexpected;
  auto params = model->named_parameters(/*recurse=*/true);
  for (const auto& item : params) {
    auto it = tensors.find(item.key());
    if (it == tensors.end()) missing.push_back("'" + item.key() + "'");
    else if (!it->second.sizes().equals(item.value().sizes()))
      mismatched.push_back("'" + item.key() + "' has shape " + shape_text(it->second.sizes()) +
                           ", expected " + shape_text(item.value().sizes()));
  }
  for (const auto& [name, tensor] : tensors)
    if (!params.contains(name)) unexpected.push_back("'" + name + "'");
  std::string problems;
  auto add = [&](const std::vector<std::string>& list, const std::string& label) {
    if (list.empty()) return;
    if (!problems.empty()) problems += "; ";
    problems += label;
    for (size_t i = 0; i < list.size() && i < 5; ++i) problems += (i ? ", " : " ") + list[i];
    if (list.size() > 5) problems += " and " + std::to_string(list.size() - 5) + " more";
  };
  add(mismatched, "tensor");
  add(missing, "missing tensors");
  add(unexpected, "unexpected tensors");
  if (!problems.empty()) throw Error(source, problems);
  torch::NoGradGuard no_grad;
  for (auto& item : params) {
    auto& param = item.value();
    param.copy_(tensors.at(item.key()).to(param.dtype()));
  }
}

}  // namespace protext
