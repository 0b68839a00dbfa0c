// protext export-classifier --model PATH --classes FILE --method M --out FILE: one method's
// class-by-dimension weights with the class names, logit scale and model fingerprint, for
// use in other code: softmax(logit_scale · weights · embed-image output) is classify's answer.
#include "app/cli/class_files.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier_export.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const std::string name = args.require("method");
  const auto method = method_from_name(name);
  if (!method) throw Error("--method", "unknown method '" + name + "' (template, ensemble, descriptions or protext)");
  const std::string out = args.require("out");
  check_classifier_path(out);
  const auto classes = class_list_from(args.require("classes"));
  auto model = open_model_with_text_cache(args);
  const MethodSet methods = build_methods(args, *model, classes);
  const MethodClassifier* built = methods.find(*method);
  if (!built) {
    std::string why = *method == Method::ProText ? "give the learned prompts with --prompts"
                      : *method == Method::Descriptions ? "give descriptions for every class with --descriptions"
                                                         : "it could not be built";
    throw Error("export-classifier", "no " + name + " classifier: " + why);
  }
  ExportedClassifier classifier;
  classifier.method = name;
  classifier.classes = methods.classes;
  classifier.weights = built->weights;
  classifier.logit_scale = methods.logit_multiplier;
  classifier.model_fingerprint = model->fingerprint();
  nlohmann::ordered_json written = nlohmann::ordered_json::array();
  for (const auto& path : write_classifier(classifier, out)) written.push_back(path);
  print_json_line({{"method", name}, {"classes", classes.size()}, {"dim", built->weights.size(1)},
                   {"logit_scale", classifier.logit_scale}, {"written", written}});
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.push_back({"classes", "FILE", "class names, one per line (.txt) or a JSON array"});
  o.push_back({"method", "M", "template, ensemble, descriptions or protext"});
  o.push_back({"out", "FILE", "weights.safetensors (metadata inside) or weights.npy (metadata in weights.json)"});
  for (auto& option : method_options()) o.push_back(option);
  for (auto& option : cache_options()) o.push_back(option);
  return o;
}

const Command command{"export-classifier",
                      "Write one method's classifier (class x dim weights, logit scale, classes) for other code.", "",
                      options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
