// protext classify --model PATH --classes FILE IMAGE...: zero-shot predictions of each
// classifier (one template, the template ensemble, CuPL descriptions and ProText prompts
// when given). With --folder DIR --out FILE: a whole unlabelled folder, cached, into a
// .csv or .jsonl file.
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/folder_progress.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/protext/classify_folder.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/probabilities.h"

namespace protext::cli {
namespace {

int classify_whole_folder(const Args& args, const std::vector<std::string>& classes, int k) {
  if (!args.positionals().empty()) throw Error("protext classify", "give images or --folder, not both");
  const std::string out = args.require("out");
  check_predictions_path(out);
  const ImageFolder folder = read_unlabelled_folder(args.require("folder"));
  auto model = open_model_with_text_cache(args);
  const MethodSet methods = build_methods(args, *model, classes);
  const auto predictions = classify_folder(
      *model, folder, methods, k,
      print_image_progress, never_cancelled(), cache_dir(args));
  print_skipped(predictions.skipped);
  write_folder_predictions(predictions, out);
  print_json_line({{"images", predictions.paths.size()}, {"skipped", predictions.skipped.size()}, {"out", out}});
  return 0;
}

int run(const Args& args) {
  if (args.positionals().empty() && !args.has("folder"))
    throw Error("protext classify", "no image given (or --folder DIR)");
  // The class list is read, and its warnings printed, before any other option is checked.
  const auto classes = class_list_from(args.require("classes"));
  const int k = args.get_int("top-k", 5);
  if (k < 1) throw Error("protext classify", "--top-k must be at least 1");
  if (args.has("folder")) return classify_whole_folder(args, classes, k);

  auto model = open_model_with_text_cache(args);
  const MethodSet methods = build_methods(args, *model, classes);

  ImageBatches batches(args.positionals(), static_cast<int>(model->config().vision.image_size));
  std::vector<std::string> paths;
  torch::Tensor pixels;
  while (batches.next(paths, pixels)) {
    const auto features = model->encode_images(pixels).to(torch::kCPU, torch::kFloat32).contiguous();
    for (size_t i = 0; i < paths.size(); ++i) {
      nlohmann::ordered_json out = {{"image", paths[i]}, {"methods", nlohmann::ordered_json::object()}};
      for (const auto& m : methods.methods) {
        // The same torch-free arithmetic the app's charts use.
        const auto p = class_probabilities(m.weights.data_ptr<float>(), classes.size(),
                                           static_cast<size_t>(m.weights.size(1)),
                                           features[static_cast<int64_t>(i)].data_ptr<float>(), methods.logit_multiplier);
        nlohmann::ordered_json ranked = nlohmann::ordered_json::array();
        for (const auto& r : most_probable(p, k)) ranked.push_back({{"class", classes[r.index]}, {"prob", r.prob}});
        out["methods"][method_name(m.method)] = ranked;
      }
      print_json_line(out);
    }
  }
  return batches.failures() == 0 ? 0 : 1;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"classes", "FILE", "class names, one per line (.txt) or a JSON array"});
  for (auto& option : method_options()) o.push_back(option);
  for (auto& option : cache_options()) o.push_back(option);
  o.push_back({"top-k", "K", "how many classes to list per method (default 5)"});
  o.push_back({"folder", "DIR", "classify every image in DIR and its sub-folders instead of IMAGE..."});
  o.push_back({"out", "FILE", "with --folder: predictions.csv (best class per method) or .jsonl (top K)"});
  return o;
}

const Command command{"classify", "Zero-shot classify images with each prompt method (JSON Lines).", "[IMAGE...]",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
