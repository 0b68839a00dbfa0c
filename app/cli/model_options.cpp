#include "app/cli/model_options.h"

#include <iostream>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/runtime/cache_dir.h"
#include "core/runtime/resources.h"
#ifdef PROTEXT_WITH_IMAGES
#include "core/image/preprocess.h"
#endif

namespace protext::cli {

std::string model_path(const Args& args) { return args.get("model", embedded_model_path()); }

std::vector<Option> model_options(bool with_device) {
  std::vector<Option> options{
      {"model", "PATH", "CLIP weights: OpenAI .pt, safetensors, or a Hugging Face folder (default: the embedded mini model)"},
      {"vocab", "FILE", "tokenizer (bpe_simple_vocab_16e6.txt.gz, vocab.json+merges.txt folder, .model)"}};
  if (with_device) {
    options.push_back({"device", "DEV", "cpu (default), cuda or cuda:N"});
    options.push_back({"precision", "P", "fp32 (default), bf16, or fp16 on CUDA"});
  }
  return options;
}

std::shared_ptr<ClipModel> open_model(const Args& args, bool need_tokenizer) {
  LoadOptions options;
  options.device = args.get("device", "cpu");
  options.precision = args.get("precision", "fp32");
  options.vocab = args.get("vocab");
  options.need_tokenizer = need_tokenizer;
  return ClipModel::open(model_path(args), options);
}

std::vector<Option> cache_options() {
  return {{"cache-dir", "DIR", "where embeddings are kept between runs (default $PROTEXT_CACHE or ~/.cache/protext)"},
          {"no-cache", "", "neither read nor write the cache: encode everything"}};
}

std::string cache_dir(const Args& args) {
  if (args.has("no-cache")) return "";
  return args.get("cache-dir", default_cache_dir());
}

std::shared_ptr<ClipModel> open_model_with_text_cache(const Args& args) {
  auto model = open_model(args);
  TextCacheOptions cache;
  // The whole of a run's texts stays in memory: a run encodes each distinct text once.
  cache.memory_bytes = size_t{1} << 30;
  cache.disk_root = embedding_cache_root(cache_dir(args));
  model->cache_text_embeddings(cache);
  return model;
}

std::vector<std::string> text_inputs(const Args& args, const std::string& command) {
  std::vector<std::string> texts = args.positionals();
  if (texts.empty())
    for (std::string line; std::getline(std::cin, line);) texts.push_back(line);
  if (texts.empty()) throw Error("protext " + command, "no text given (pass TEXT... or lines on stdin)");
  for (size_t i = 0; i < texts.size(); ++i)
    if (texts[i].find_first_not_of(" \t\r\n") == std::string::npos)
      throw Error("protext " + command, "text " + std::to_string(i + 1) + " is empty");
  return texts;
}

void print_json_line(const nlohmann::ordered_json& object) {
  std::cout << object.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace) << '\n' << std::flush;
}

std::vector<float> tensor_row(const torch::Tensor& t, int64_t i) {
  auto r = t[i].to(torch::kFloat32).contiguous();
  return std::vector<float>(r.data_ptr<float>(), r.data_ptr<float>() + r.numel());
}

#ifdef PROTEXT_WITH_IMAGES
ImageBatches::ImageBatches(std::vector<std::string> paths, int image_size, int chunk)
    : paths_(std::move(paths)), image_size_(image_size), chunk_(chunk) {}

bool ImageBatches::next(std::vector<std::string>& paths, torch::Tensor& pixels) {
  paths.clear();
  std::vector<torch::Tensor> images;
  while (position_ < paths_.size() && static_cast<int>(images.size()) < chunk_) {
    const std::string& path = paths_[position_++];
    try {
      images.push_back(preprocess_image(path, image_size_));
      paths.push_back(path);
    } catch (const Error& e) {
      std::cerr << e.what() << '\n';
      ++failures_;
    }
  }
  if (images.empty()) return false;
  pixels = torch::stack(images);
  return true;
}
#endif

}  // namespace protext::cli
