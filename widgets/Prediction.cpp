#include "widgets/Prediction.h"

#include <QCoreApplication>
#include <algorithm>
#include <cmath>
#include <numeric>

namespace protext {

QVector<double> classProbabilities(const ClassifierSet& set, const QString& method, const QVector<float>& embedding) {
  const auto it = set.weights.find(method);
  const int n = static_cast<int>(set.classes.size());
  if (it == set.weights.end() || set.dim != embedding.size() || it->size() != n * set.dim) return {};
  QVector<double> logits(n);
  for (int c = 0; c < n; ++c) {
    double dot = 0;
    const float* row = it->constData() + static_cast<qsizetype>(c) * set.dim;
    for (int d = 0; d < set.dim; ++d) dot += static_cast<double>(row[d]) * embedding[d];
    logits[c] = set.logitScale * dot;
  }
  const double top = *std::max_element(logits.begin(), logits.end());
  double sum = 0;
  for (double& v : logits) sum += (v = std::exp(v - top));
  for (double& v : logits) v /= sum;
  return logits;
}

QString methodDisplayName(const QString& method) {
  if (method == "template") return QCoreApplication::translate("protext::Prediction", "Template");
  if (method == "ensemble") return QCoreApplication::translate("protext::Prediction", "Ensemble");
  if (method == "descriptions") return QCoreApplication::translate("protext::Prediction", "Descriptions");
  if (method == "protext") return QStringLiteral("ProText");
  return method;
}

QVector<MethodPrediction> predictTopK(const ClassifierSet& set, const QVector<float>& embedding, int k) {
  QVector<MethodPrediction> out;
  for (const QString& method : set.methods) {
    const QVector<double> p = classProbabilities(set, method, embedding);
    if (p.isEmpty()) continue;
    std::vector<int> order(p.size());
    std::iota(order.begin(), order.end(), 0);
    const int shown = std::min<int>(k, p.size());
    std::partial_sort(order.begin(), order.begin() + shown, order.end(),
                      [&](int a, int b) { return p[a] > p[b] || (p[a] == p[b] && a < b); });
    MethodPrediction m;
    m.method = methodDisplayName(method);
    for (int i = 0; i < shown; ++i) {
      m.labels << set.classes[order[i]];
      m.probabilities << p[order[i]];
    }
    out << m;
  }
  return out;
}

}  // namespace protext
