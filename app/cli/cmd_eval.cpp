// protext eval --model PATH --images DIR --out report.json: top-1 / top-5, per-class
// accuracy and confusion of each prompt method on a labelled image folder.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/model_options.h"
#include "core/protext/data.h"
#include "core/protext/evaluate.h"
#include "core/protext/prompts.h"
#include "core/zeroshot/class_list.h"
#include "core/zeroshot/classifier.h"

namespace protext::cli {
namespace {

std::atomic<bool> never_cancelled{false};

std::map<std::string, torch::Tensor> build_classifiers(const Args& args, ClipModel& model,
                                                       const std::vector<std::string>& classes) {
  const std::string text_template = args.get("template", kDefaultTemplate);
  std::map<std::string, torch::Tensor> methods;
  methods[method_name(Method::Template)] = template_classifier(model, classes, text_template);
  methods[method_name(Method::Ensemble)] =
      ensemble_classifier(model, classes, read_templates(args.get("templates", default_template_set_path())));
  if (args.has("descriptions")) {
    const auto descriptions = read_cupl_json(args.get("descriptions"));
    std::vector<std::string> missing;
    for (const auto& c : classes)
      if (!descriptions.find(c)) missing.push_back("'" + c + "'");
    if (missing.empty()) {
      methods[method_name(Method::Descriptions)] = description_classifier(model, classes, descriptions);
    } else {
      std::string list;
      for (size_t i = 0; i < missing.size() && i < 5; ++i) list += (i ? ", " : "") + missing[i];
      if (missing.size() > 5) list += " and " + std::to_string(missing.size() - 5) + " more";
      std::cerr << "warning: " << descriptions.source << ": no descriptions for " << list
                << "; the descriptions method is skipped\n";
    }
  }
  if (args.has("prompts")) {
    const auto prompts = load_prompts(args.get("prompts"), model);
    if (!prompts.warning.empty()) std::cerr << "warning: " << prompts.warning << '\n';
    std::string protext_template = kDefaultTemplate;
    if (args.has("template"))
      protext_template = text_template;
    else if (prompts.metadata.contains("template") && prompts.metadata["template"].is_string())
      protext_template = prompts.metadata["template"].get<std::string>();
    methods[method_name(Method::ProText)] = protext_classifier(model, prompts.learner, classes, protext_template);
  }
  return methods;
}

int run(const Args& args) {
  const std::string out = args.require("out");
  const std::string split = args.get("split", "all");
  std::vector<std::string> class_override;
  if (args.has("classes")) class_override = read_class_list(args.get("classes"));
  const ImageFolder folder = read_image_folder(args.require("images"), class_override);
  split_classes(static_cast<int64_t>(folder.classes.size()), split);  // refuse a bad --split before loading
  for (const auto& f : folder.ignored_folders) std::cerr << "warning: " << f << ": not in --classes, left out\n";

  auto model = open_model(args);
  const auto classifiers = build_classifiers(args, *model, folder.classes);
  const auto report = evaluate(
      *model, folder, classifiers, split,
      [](int64_t done, int64_t total) {
        std::fprintf(stderr, "\rimages %lld/%lld", static_cast<long long>(done), static_cast<long long>(total));
        if (done == total) std::fprintf(stderr, "\n");
      },
      never_cancelled, args.get("cache-dir", default_cache_dir()));
  for (const auto& s : report.skipped) std::cerr << "skipped: " << s.error << '\n';
  write_report(report, out);

  nlohmann::ordered_json summary = nlohmann::ordered_json::object();
  for (const auto& [name, m] : report.methods) summary[name] = m.top1;
  print_json_line(summary);
  return 0;
}

std::vector<Option> options() {
  auto o = model_options();
  o.insert(o.end(), {
      {"images", "DIR", "one sub-folder of images per class (folder name = class name, '_' read as ' ')"},
      {"classes", "FILE", "class order and names; each must match a folder"},
      {"templates", "FILE", "template set for the ensemble (default: CLIP's 80 ImageNet prompts)"},
      {"descriptions", "FILE", "CuPL JSON {\"class\": [\"description\", ...]} for the descriptions method"},
      {"prompts", "FILE", "ProText prompt checkpoint: adds the protext method"},
      {"template", "T", "the single template, and ProText's (default: the checkpoint's, else \"a photo of a {}.\")"},
      {"split", "S", "all (default), base (first ceil(n/2) classes) or novel (the rest)"},
      {"cache-dir", "DIR", "where image embeddings are cached (default $PROTEXT_CACHE or ~/.cache/protext)"},
      {"out", "FILE", "report.json; <stem>-<method>-confusion.csv and -per-class.csv go beside it"}});
  return o;
}

const Command command{"eval", "Evaluate each prompt method on a labelled image folder.", "", options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
