#include "core/protext/evaluate.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/error.h"
#include "core/protext/report_statistics.h"
#include "core/zeroshot/classifier.h"


namespace protext {
namespace {

double ratio(int64_t part, int64_t whole) {
  return whole == 0 ? std::numeric_limits<double>::quiet_NaN() : static_cast<double>(part) / static_cast<double>(whole);
}

// Rows of `images` whose label lies in `range`, relabelled from 0.
ImageFeatures restrict_to(const ImageFeatures& images, ClassRange range) {
  ImageFeatures out;
  std::vector<int64_t> rows;
  for (size_t i = 0; i < images.labels.size(); ++i)
    if (images.labels[i] >= range.begin && images.labels[i] < range.end) {
      rows.push_back(static_cast<int64_t>(i));
      out.labels.push_back(images.labels[i] - range.begin);
      out.paths.push_back(images.paths[i]);
    }
  out.features = images.features.index_select(0, torch::tensor(rows, torch::kInt64));
  return out;
}

}  // namespace

MethodResult score_method(const torch::Tensor& features, const std::vector<int64_t>& labels,
                          const torch::Tensor& weights, double logit_multiplier) {
  const int64_t n = features.size(0), c = weights.size(0);
  if (static_cast<int64_t>(labels.size()) != n) throw Error("score", "labels and features differ in count");
  MethodResult r;
  r.class_images.assign(static_cast<size_t>(c), 0);
  r.confusion.assign(static_cast<size_t>(c), std::vector<int64_t>(static_cast<size_t>(c), 0));
  if (n == 0) {
    r.per_class.assign(static_cast<size_t>(c), std::numeric_limits<double>::quiet_NaN());
    r.top1 = r.top5 = std::numeric_limits<double>::quiet_NaN();
    return r;
  }
  // The probabilities classify prints: a prediction's rank and its confidence come from
  // one computation.
  r.top = most_probable_classes(features, weights, logit_multiplier, 5);
  r.right.reserve(static_cast<size_t>(n));
  int64_t hit1 = 0, hit5 = 0;
  std::vector<int64_t> correct(static_cast<size_t>(c), 0);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t truth = labels[static_cast<size_t>(i)];
    if (truth < 0 || truth >= c) throw Error("score", "label " + std::to_string(truth) + " outside the classifier");
    const auto& ranked = r.top[static_cast<size_t>(i)];
    const int64_t pred = ranked.front().index;
    ++r.class_images[static_cast<size_t>(truth)];
    ++r.confusion[static_cast<size_t>(truth)][static_cast<size_t>(pred)];
    r.right.push_back(pred == truth ? 1 : 0);
    if (pred == truth) {
      ++hit1;
      ++correct[static_cast<size_t>(truth)];
    }
    if (std::any_of(ranked.begin(), ranked.end(), [truth](const RankedClass& rc) { return rc.index == truth; }))
      ++hit5;
  }
  r.top1 = ratio(hit1, n);
  r.top5 = ratio(hit5, n);
  for (int64_t j = 0; j < c; ++j)
    r.per_class.push_back(ratio(correct[static_cast<size_t>(j)], r.class_images[static_cast<size_t>(j)]));
  return r;
}

EvalReport score(const ImageFeatures& images, const std::vector<std::string>& classes,
                 const std::map<std::string, torch::Tensor>& classifiers, const std::string& split,
                 const ScoringOptions& options) {
  const auto n_classes = static_cast<int64_t>(classes.size());
  for (const auto& [name, w] : classifiers)
    if (w.dim() != 2 || w.size(0) != n_classes || w.size(1) != images.features.size(1))
      throw Error("classifier '" + name + "'", "weights must be [" + std::to_string(n_classes) + ", " +
                                                   std::to_string(images.features.size(1)) + "]");
  if (images.labels.empty()) throw Error("evaluate", "no image could be read, nothing to evaluate");
  EvalReport report;
  report.split = split;
  report.options = options;
  report.skipped = images.skipped;
  report.from_cache = images.from_cache;
  const ClassRange range = split_classes(n_classes, split);
  report.classes.assign(classes.begin() + range.begin, classes.begin() + range.end);
  const ImageFeatures chosen = restrict_to(images, range);
  report.n_images = static_cast<int64_t>(chosen.labels.size());
  if (report.n_images == 0) throw Error("evaluate", "no readable image in the " + split + " classes");
  report.image_paths = chosen.paths;
  report.image_labels = chosen.labels;
  const double m = options.logit_multiplier;
  for (const auto& [name, w] : classifiers)
    report.methods[name] = score_method(chosen.features, chosen.labels, w.slice(0, range.begin, range.end), m);

  Outcomes base_right, novel_right;
  if (split == "all" && n_classes >= 2) {
    const ClassRange base = split_classes(n_classes, "base"), novel = split_classes(n_classes, "novel");
    const ImageFeatures base_images = restrict_to(images, base), novel_images = restrict_to(images, novel);
    for (const auto& [name, w] : classifiers) {
      MethodResult on_base = score_method(base_images.features, base_images.labels, w.slice(0, base.begin, base.end), m);
      MethodResult on_novel =
          score_method(novel_images.features, novel_images.labels, w.slice(0, novel.begin, novel.end), m);
      BaseNovelResult b;
      b.base_top1 = on_base.top1;
      b.novel_top1 = on_novel.top1;
      base_right[name] = std::move(on_base.right);
      novel_right[name] = std::move(on_novel.right);
      b.harmonic_mean = std::isnan(b.base_top1) || std::isnan(b.novel_top1)
                            ? std::numeric_limits<double>::quiet_NaN()
                            : harmonic_mean(b.base_top1, b.novel_top1);
      report.base_novel[name] = b;
    }
  }
  add_statistics(report, base_right, novel_right);
  return report;
}

EvalReport evaluate(ClipModel& clip, const ImageFolder& folder, const std::map<std::string, torch::Tensor>& classifiers,
                    const std::string& split, const ScoringOptions& options,
                    const std::function<void(int64_t, int64_t)>& progress, const std::atomic<bool>& cancel,
                    const std::string& cache_dir) {
  split_classes(static_cast<int64_t>(folder.classes.size()), split);  // a bad split fails before encoding
  FolderEncoding how;
  how.cache_dir = cache_dir;
  ImageFeatures images = encode_image_folder(clip, folder, how, progress, cancel);
  if (images.cancelled) {
    EvalReport report;
    report.split = split;
    report.cancelled = true;
    return report;
  }
  // Files skipped by name come first, then those that failed to decode.
  std::vector<SkippedImage> skipped = folder.skipped;
  skipped.insert(skipped.end(), images.skipped.begin(), images.skipped.end());
  images.skipped = std::move(skipped);
  return score(images, folder.classes, classifiers, split, options);
}

}  // namespace protext
