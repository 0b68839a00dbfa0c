#include "widgets/common/Prediction.h"

#include <algorithm>

#include "core/zeroshot/probabilities.h"

namespace protext {

QVector<double> classProbabilities(const ClassifierSet& set, const QString& method, const QVector<float>& embedding) {
  const auto it = set.weights.find(method);
  const int n = static_cast<int>(set.classes.size());
  if (it == set.weights.end() || set.dim != embedding.size() || it->size() != n * set.dim) return {};
  const auto p = class_probabilities(it->constData(), static_cast<size_t>(n), static_cast<size_t>(set.dim),
                                     embedding.constData(), set.logitMultiplier);
  return QVector<double>(p.begin(), p.end());
}

QVector<MethodPrediction> predictTopK(const ClassifierSet& set, const QVector<float>& embedding, int k) {
  QVector<MethodPrediction> out;
  for (const QString& method : set.methods) {
    const QVector<double> p = classProbabilities(set, method, embedding);
    if (p.isEmpty()) continue;
    MethodPrediction m;
    m.method = method;
    for (const auto& r : most_probable(std::vector<double>(p.begin(), p.end()), k)) {
      m.labels << set.classes[r.index];
      m.probabilities << r.prob;
    }
    out << m;
  }
  return out;
}

ImageVerdict judgeImage(const ClassifierSet& set, const QVector<float>& embedding, const QString& trueClass) {
  ImageVerdict verdict;
  const QVector<MethodPrediction> top = predictTopK(set, embedding, 1);
  if (top.isEmpty()) return verdict;
  verdict.judged = true;
  int right = 0;
  verdict.confidence = 1;
  const bool known = !trueClass.isEmpty() && set.classes.contains(trueClass);
  for (const MethodPrediction& m : top) {
    right += m.labels.front() == trueClass ? 1 : 0;
    if (known && m.labels.front() != trueClass) verdict.wrongBy << m.method;
    verdict.disagree = verdict.disagree || m.labels.front() != top.front().labels.front();
    verdict.confidence = std::min(verdict.confidence, m.probabilities.front());
  }
  if (known)
    verdict.kind = right == top.size() ? ImageVerdict::AllRight : right == 0 ? ImageVerdict::AllWrong : ImageVerdict::SomeWrong;
  return verdict;
}

QVector<MethodPrediction> predictTopKWithNotes(const ClassifierSet& set, const QVector<float>& embedding, int k) {
  const QVector<MethodPrediction> built = predictTopK(set, embedding, k);
  QVector<MethodPrediction> out;
  const QStringList order{QStringLiteral("template"), QStringLiteral("ensemble"), QStringLiteral("descriptions"),
                          QStringLiteral("protext")};
  for (const QString& method : order) {
    for (const MethodPrediction& m : built)
      if (m.method == method) out << m;
    if (set.unavailable.contains(method)) out << MethodPrediction{method, {}, {}, set.unavailable.value(method)};
  }
  for (const MethodPrediction& m : built)
    if (!order.contains(m.method)) out << m;
  return out;
}

}  // namespace protext
