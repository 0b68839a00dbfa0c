// protext eval --model PATH --images DIR --out report.json: top-1 / top-5, per-class
// accuracy and confusion of each prompt method on a labelled image folder, paired
// comparisons, bootstrap intervals and calibration; --predictions: every image's top 5.
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/cli/class_files.h"
#include "app/cli/folder_progress.h"
#include "app/cli/method_options.h"
#include "app/cli/model_options.h"
#include "core/protext/data.h"
#include "core/protext/evaluate.h"
#include "core/runtime/atomic_file.h"
#include "core/zeroshot/class_list.h"

namespace protext::cli {
namespace {

int run(const Args& args) {
  const std::string out = args.require("out");
  check_writable(out);
  const std::string predictions = args.get("predictions", "");
  if (!predictions.empty()) check_writable(predictions);
  ScoringOptions scoring;
  scoring.bootstrap = args.get_int("bootstrap", 1000);
  if (scoring.bootstrap < 1 || scoring.bootstrap > 1000000)
    throw Error("--bootstrap", "must be between 1 and 1000000");
  const long long seed = args.get_int("seed", 0);
  if (seed < 0) throw Error("--seed", "must not be negative");
  scoring.seed = static_cast<uint64_t>(seed);
  const std::string split = args.get("split", "all");
  std::vector<std::string> class_override;
  if (args.has("classes")) class_override = class_list_from(args.get("classes"));
  const ImageFolder folder = read_image_folder(args.require("images"), class_override);
  split_classes(static_cast<int64_t>(folder.classes.size()), split);  // refuse a bad --split before loading
  for (const auto& f : folder.ignored_folders) std::cerr << "warning: " << f << ": not in --classes, left out\n";

  auto model = open_model_with_text_cache(args);
  const MethodSet methods = build_methods(args, *model, folder.classes);
  scoring.logit_multiplier = methods.logit_multiplier;
  const auto report = evaluate(
      *model, folder, methods.by_name(), split, scoring,
      print_image_progress, never_cancelled(), cache_dir(args));
  print_skipped(report.skipped);
  write_report(report, out);
  if (!predictions.empty()) write_predictions(report, predictions);

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
      {"split", "S", "all (default), base (first ceil(n/2) classes) or novel (the rest)"},
      {"out", "FILE", "report.json; <stem>-<method>-confusion.csv and -per-class.csv go beside it"},
      {"predictions", "FILE", "also write each image's top 5 per method, one JSON line per image"},
      {"bootstrap", "N", "resamples for the 95% intervals (default 1000)"},
      {"seed", "S", "seed of the resamples (default 0)"}});
  for (auto& option : method_options()) o.push_back(option);
  for (auto& option : cache_options()) o.push_back(option);
  return o;
}

const Command command{"eval", "Evaluate each prompt method on a labelled image folder.", "", options(), run};
const CommandRegistration registration{command};

}  // namespace
}  // namespace protext::cli
