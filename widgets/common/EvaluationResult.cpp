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
  // The pairs of the methods shown, as core orders them (display order, as the app's).
  for (const PairedComparison& p : report->paired) {
    PairScore pair;
    pair.a = QString::fromStdString(p.a);
    pair.b = QString::fromStdString(p.b);
    if (!order.contains(pair.a) || !order.contains(pair.b)) continue;
    pair.bothRight = static_cast<int>(p.counts.both_right);
    pair.onlyA = static_cast<int>(p.counts.only_a);
    pair.onlyB = static_cast<int>(p.counts.only_b);
    pair.bothWrong = static_cast<int>(p.counts.both_wrong);
    pair.mcnemarP = p.counts.mcnemar_p;
    for (size_t c = 0; c < p.fixes.size(); ++c) {
      pair.fixes << static_cast<int>(p.fixes[c]);
      pair.breaks << static_cast<int>(p.breaks[c]);
    }
    r.pairs << pair;
  }
  r.report = std::move(report);
  return r;
}

}  // namespace protext
