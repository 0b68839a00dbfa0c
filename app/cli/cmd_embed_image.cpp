// protext embed-image --model PATH IMAGE...: CLIP image embeddings.
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  if (args.positionals().empty()) throw Error("protext embed-image", "no image given");
  auto model = open_model(args, /*need_tokenizer=*/false);
  ImageBatches batches(args.positionals(), static_cast<int>(model->config().vision.image_size));
  std::vector<std::string> paths;
  torch::Tensor pixels;
  while (batches.next(paths, pixels)) {
    const auto embeddings = model->encode_images(pixels, /*normalize=*/!args.has("raw"));
    for (size_t i = 0; i < paths.size(); ++i)
      print_json_line({{"image", paths[i]}, {"embedding", tensor_row(embeddings, static_cast<int64_t>(i))}});
  }
  return batches.failures() == 0 ? 0 : 1;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"raw", "", "print the projection output before L2 normalisation"});
  return o;
}

const Command command{"embed-image", "Print the CLIP embedding of each image (JSON Lines).", "IMAGE...",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
