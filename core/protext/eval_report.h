#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/protext/calibration.h"
#include "core/protext/paired_stats.h"
#include "core/zeroshot/probabilities.h"

namespace protext {

// The result of evaluating prompt methods on a labelled folder, and its files: torch-free,
// so the app holds the very report `protext eval` writes and exports it byte for byte.

// A file of a labelled folder that was left out, and why.
struct SkippedImage {
  std::string path;
  std::string error;
};
// "path: why", once: a decoder's message may already start with the path.
std::string skipped_message(const SkippedImage& skipped);

// Base-to-novel, as CoOp's subsample_classes does it: of n classes in order, the first
// ceil(n / 2) are base and the rest novel. split: "all", "base" or "novel"; classes
// [begin, end) of the list.
struct ClassRange {
  int64_t begin = 0, end = 0;
};
ClassRange split_classes(int64_t n_classes, const std::string& split);

// 2·b·n / (b + n); 0 when both are 0.
double harmonic_mean(double base, double novel);

// One classifier on one set of images. Accuracies are in [0, 1].
struct MethodResult {
  double top1 = 0, top5 = 0;                     // top-5 is top-min(5, classes)
  std::vector<int64_t> class_images;             // images per class
  std::vector<double> per_class;                 // top-1 per class; NaN for a class without images
  std::vector<std::vector<int64_t>> confusion;   // [true class][predicted class] counts
  // Image by image, in the report's image order: the top-min(5, classes) classes with their
  // probabilities (softmax of the logit multiplier times the cosines), and whether the
  // first is the label.
  std::vector<std::vector<RankedClass>> top;
  std::vector<uint8_t> right;
};

// With split "all" and at least two classes: the base and novel halves, each scored with
// a classifier restricted to its own classes (as the paper reports them).
struct BaseNovelResult {
  double base_top1 = 0, novel_top1 = 0, harmonic_mean = 0;
  Interval harmonic_mean_ci95;
};

// Method b against method a on the same images; "fixes" are a's errors b gets right,
// "breaks" the reverse, counted per true class.
struct PairedComparison {
  std::string a, b;
  PairedCounts counts;
  std::vector<int64_t> fixes, breaks;  // per class
};

// How the report's statistics are drawn.
struct ScoringOptions {
  double logit_multiplier = 100;   // applied to cosines, as classify does
  int64_t bootstrap = 1000;        // resamples for the 95% intervals
  uint64_t seed = 0;               // of the resamples (SplitMix64)
  int calibration_bins = 15;
};

struct EvalReport {
  std::string split = "all";
  int64_t n_images = 0;
  std::vector<std::string> classes;  // the split's classes, in order
  std::vector<std::string> image_paths;  // the scored images, in order
  std::vector<int64_t> image_labels;     // their classes, indices into `classes`
  ScoringOptions options;
  std::map<std::string, MethodResult> methods;
  std::map<std::string, BaseNovelResult> base_novel;
  std::vector<PairedComparison> paired;           // every pair of methods, in method order
  std::map<std::string, Interval> ci95;           // method → bootstrap interval of top-1
  std::map<std::string, Calibration> calibration;  // method → ECE and reliability bins
  std::vector<SkippedImage> skipped;  // files not evaluated, with the reason
  bool from_cache = false;            // the image embeddings came from the cache
  bool cancelled = false;             // nothing was scored
};

// The methods of a report in display order (template, ensemble, descriptions, protext),
// then any other id in alphabetical order.
std::vector<std::string> ordered_methods(const EvalReport& report);

// {"n_images", "split", "classes", "methods": {"<method>": {"top1", "top5", "per_class": {class: acc},
//  "confusion": [[...]], "base2novel"?: {...}}}, "paired": {"A|B": {...}}, "ci95": {method: [lo, hi]},
//  "calibration": {method: {"ece", "bins"}}, "bootstrap": {"resamples", "seed"},
//  "skipped": [{"path", "error"}]}
nlohmann::ordered_json report_json(const EvalReport& report);
// One JSON line per image: {"image", "label", "methods": {method: {"top5": [[class, prob], …],
// "correct"}}}.
std::string predictions_jsonl(const EvalReport& report);
void write_predictions(const EvalReport& report, const std::string& path);
// Rows: true class; columns: predicted class; first row and column the class names.
std::string confusion_csv(const EvalReport& report, const std::string& method);
// class,images,correct,accuracy
std::string per_class_csv(const EvalReport& report, const std::string& method);

// Writes report.json and, beside it, <stem>-<method>-confusion.csv and
// <stem>-<method>-per-class.csv, each atomically. Returns the paths written.
std::vector<std::string> write_report(const EvalReport& report, const std::string& json_path);

}  // namespace protext
