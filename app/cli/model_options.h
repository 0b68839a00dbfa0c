#pragma once
#include <memory>
#include <string>
#include <vector>

#include "app/cli/command.h"
#include "core/clip/clip_model.h"
#include "core/error.h"
#include <nlohmann/json.hpp>

namespace protext::cli {

// --model, --vocab, --device, --precision: shared by every command that runs CLIP.
std::vector<Option> model_options(bool with_device = true);
// --model, or the embedded mini model when none is given.
std::string model_path(const Args& args);
std::shared_ptr<ClipModel> open_model(const Args& args, bool need_tokenizer = true);

// --cache-dir, --no-cache: for the commands that build classifiers or targets (classify,
// eval, train), whose text embeddings are kept between runs.
std::vector<Option> cache_options();
// The cache folder these options name: --cache-dir, or default_cache_dir(); empty with --no-cache.
std::string cache_dir(const Args& args);
// open_model() whose text embeddings go through the memory and disk cache (issue 10).
std::shared_ptr<ClipModel> open_model_with_text_cache(const Args& args);

// Texts from the command line, or one per line from stdin when none are given. Empty
// texts are refused with their position.
std::vector<std::string> text_inputs(const Args& args, const std::string& command);

void print_json_line(const nlohmann::ordered_json& object);

// Row i of a 2-D float tensor, for printing.
std::vector<float> tensor_row(const torch::Tensor& t, int64_t i);

// Preprocessed images in chunks: a file that cannot be read is reported on stderr and
// skipped, so one bad file costs only its own line; failures() counts them.
class ImageBatches {
 public:
  ImageBatches(std::vector<std::string> paths, int image_size, int chunk = 16);
  // The next chunk's readable paths and their [n, 3, size, size] pixels; false at the end.
  bool next(std::vector<std::string>& paths, torch::Tensor& pixels);
  int failures() const { return failures_; }

 private:
  std::vector<std::string> paths_;
  int image_size_, chunk_;
  size_t position_ = 0;
  int failures_ = 0;
};

}  // namespace protext::cli
