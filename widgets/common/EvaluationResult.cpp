#include "widgets/common/EvaluationResult.h"

namespace protext {

EvaluationResult evaluationResult(std::shared_ptr<const EvalReport> report, const QStringList& order) {
  EvaluationResult r;
  if (!report) return r;
  for (const auto& c : report->classes) r.classes << QString::fromStdString(c);
  r.imageCount = static_cast<int>(report->n_images);
  for (const auto& s : report->skipped) r.skippedFiles << QString::fromStdString(s.path + ": " + s.error);
  for (const QString& method : order) {
    const auto it = report->methods.find(method.toStdString());
    if (it == report->methods.end()) continue;
    const MethodResult& m = it->second;
    MethodScore score;
    score.method = method;
    score.top1 = m.top1;
    score.top5 = m.top5;
    score.total = static_cast<int>(report->n_images);
    for (double a : m.per_class) score.perClassAccuracy << a;
    for (size_t t = 0; t < m.confusion.size(); ++t) {
      QVector<int> row;
      for (int64_t v : m.confusion[t]) row << static_cast<int>(v);
      score.correct += row.value(static_cast<int>(t));
      score.confusion << row;
    }
    const auto bn = report->base_novel.find(method.toStdString());
    if (bn != report->base_novel.end()) {
      score.baseTop1 = bn->second.base_top1;
      score.novelTop1 = bn->second.novel_top1;
      score.harmonicMean = bn->second.harmonic_mean;
      score.harmonicLow = bn->second.harmonic_mean_ci95.low;
      score.harmonicHigh = bn->second.harmonic_mean_ci95.high;
    }
    const auto ci = report->ci95.find(method.toStdString());
    if (ci != report->ci95.end()) {
      score.top1Low = ci->second.low;
      score.top1High = ci->second.high;
    }
    const auto cal = report->calibration.find(method.toStdString());
    if (cal != report->calibration.end()) score.ece = cal->second.ece;
    r.methods << score;
  }
  // The pairs of the methods shown, a before b in the order shown.
  for (const PairedComparison& p : report->paired) {
    const QString a = QString::fromStdString(p.a), b = QString::fromStdString(p.b);
    const int ia = order.indexOf(a), ib = order.indexOf(b);
    if (ia < 0 || ib < 0) continue;
    PairScore pair;
    pair.a = ia < ib ? a : b;
    pair.b = ia < ib ? b : a;
    const bool swapped = ia > ib;
    pair.bothRight = static_cast<int>(p.counts.both_right);
    pair.bothWrong = static_cast<int>(p.counts.both_wrong);
    pair.onlyA = static_cast<int>(swapped ? p.counts.only_b : p.counts.only_a);
    pair.onlyB = static_cast<int>(swapped ? p.counts.only_a : p.counts.only_b);
    pair.mcnemarP = p.counts.mcnemar_p;
    for (size_t c = 0; c < p.fixes.size(); ++c) {
      pair.fixes << static_cast<int>(swapped ? p.breaks[c] : p.fixes[c]);
      pair.breaks << static_cast<int>(swapped ? p.fixes[c] : p.breaks[c]);
    }
    r.pairs << pair;
  }
  r.report = std::move(report);
  return r;
}

}  // namespace protext
