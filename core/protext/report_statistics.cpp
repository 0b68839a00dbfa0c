#include "core/protext/report_statistics.h"

#include "core/error.h"

namespace protext {

void add_statistics(EvalReport& report, const Outcomes& base_right, const Outcomes& novel_right) {
  const std::vector<std::string> order = ordered_methods(report);
  const ScoringOptions& o = report.options;
  for (const auto& [name, m] : report.methods)
    if (m.right.size() != report.image_labels.size() || m.top.size() != report.image_labels.size())
      throw Error("report", "method '" + name + "' was not scored on the report's images, one by one");
  for (const int64_t label : report.image_labels)
    if (label < 0 || label >= static_cast<int64_t>(report.classes.size()))
      throw Error("report", "an image's class lies outside the report's classes");
  report.paired.clear();
  for (size_t i = 0; i < order.size(); ++i)
    for (size_t j = i + 1; j < order.size(); ++j) {
      const MethodResult& a = report.methods.at(order[i]);
      const MethodResult& b = report.methods.at(order[j]);
      PairedComparison p;
      p.a = order[i];
      p.b = order[j];
      p.counts = paired_counts(a.right, b.right);
      p.fixes.assign(report.classes.size(), 0);
      p.breaks.assign(report.classes.size(), 0);
      for (size_t k = 0; k < a.right.size(); ++k) {
        const auto label = static_cast<size_t>(report.image_labels[k]);
        if (!a.right[k] && b.right[k]) ++p.fixes[label];
        if (a.right[k] && !b.right[k]) ++p.breaks[label];
      }
      report.paired.push_back(std::move(p));
    }
  for (const auto& [name, m] : report.methods) {
    report.ci95[name] = bootstrap_top1(m.right, o.bootstrap, o.seed);
    std::vector<double> confidence;
    confidence.reserve(m.top.size());
    for (const auto& ranked : m.top) confidence.push_back(ranked.front().prob);
    report.calibration[name] = calibration(confidence, m.right, o.calibration_bins);
  }
  for (auto& [name, bn] : report.base_novel) {
    const auto base = base_right.find(name), novel = novel_right.find(name);
    if (base != base_right.end() && novel != novel_right.end())
      bn.harmonic_mean_ci95 = bootstrap_harmonic_mean(base->second, novel->second, o.bootstrap, o.seed);
  }
}

}  // namespace protext
