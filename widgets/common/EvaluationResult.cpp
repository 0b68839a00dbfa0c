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
    }
    r.methods << score;
  }
  r.report = std::move(report);
  return r;
}

}  // namespace protext
