// protext classify --model PATH --classes FILE IMAGE...: zero-shot predictions of each
// classifier (one template, the template ensemble, CuPL descriptions and ProText prompts
// when given).
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/protext/prompts.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  if (args.positionals().empty()) throw Error("protext classify", "no image given");
  const auto classes = read_class_list(args.require("classes"));
  const auto templates = read_templates(args.get("templates", default_template_set_path()));
  std::optional<DescriptionSet> descriptions;
  if (args.has("descriptions")) descriptions = read_cupl_json(args.get("descriptions"));
  const int k = args.get_int("top-k", 5);
  if (k < 1) throw Error("protext classify", "--top-k must be at least 1");

  auto model = open_model(args);
  std::vector<std::pair<std::string, torch::Tensor>> methods{
      {method_name(Method::Template), template_classifier(*model, classes, args.get("template", kDefaultTemplate))},
      {method_name(Method::Ensemble), ensemble_classifier(*model, classes, templates)}};
  if (descriptions)
    methods.emplace_back(method_name(Method::Descriptions), description_classifier(*model, classes, *descriptions));
  if (args.has("prompts")) {
    const auto prompts = load_prompts(args.get("prompts"), *model);
    if (!prompts.warning.empty()) std::cerr << "warning: " << prompts.warning << '\n';
    // An explicit --template wins; otherwise the template the prompts were trained with.
    std::string protext_template = kDefaultTemplate;
    if (args.has("template"))
      protext_template = args.get("template");
    else if (prompts.metadata.contains("template") && prompts.metadata["template"].is_string())
      protext_template = prompts.metadata["template"].get<std::string>();
    methods.emplace_back(method_name(Method::ProText),
                         protext_classifier(*model, prompts.learner, classes, protext_template));
  }

  ImageBatches batches(args.positionals(), static_cast<int>(model->config().vision.image_size));
  std::vector<std::string> paths;
  torch::Tensor pixels;
  while (batches.next(paths, pixels)) {
    const auto features = model->encode_images(pixels);
    std::vector<torch::Tensor> probabilities;
    for (const auto& [name, weights] : methods)
      probabilities.push_back(class_probabilities(features, weights, model->logit_scale()));
    for (size_t i = 0; i < paths.size(); ++i) {
      nlohmann::ordered_json out = {{"image", paths[i]}, {"methods", nlohmann::ordered_json::object()}};
      for (size_t m = 0; m < methods.size(); ++m) {
        nlohmann::ordered_json ranked = nlohmann::ordered_json::array();
        for (const auto& score : top_k(probabilities[m][static_cast<int64_t>(i)], classes, k))
          ranked.push_back({{"class", score.name}, {"prob", score.prob}});
        out["methods"][methods[m].first] = ranked;
      }
      print_json_line(out);
    }
  }
  return batches.failures() == 0 ? 0 : 1;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"classes", "FILE", "class names, one per line (.txt) or a JSON array"});
  o.push_back({"template", "T", "the single template (default \"a photo of a {}.\")"});
  o.push_back({"templates", "FILE", "template set for the ensemble (default: CLIP's 80 ImageNet prompts)"});
  o.push_back({"descriptions", "FILE", "CuPL JSON {\"class\": [\"description\", ...]}"});
  o.push_back({"prompts", "FILE", "ProText prompt checkpoint: adds the protext method"});
  o.push_back({"top-k", "K", "how many classes to list per method (default 5)"});
  return o;
}

const Command command{"classify", "Zero-shot classify images with each prompt method (JSON Lines).", "IMAGE...",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
