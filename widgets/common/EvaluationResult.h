#pragma once
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVector>
#include <cmath>
#include <memory>

#include "core/protext/eval_report.h"

namespace protext {

// One classifier scored on a labelled image folder, as plain Qt values for the widgets.
// Accuracies are fractions in [0, 1] (as the core reports them); -1 means "not measured"
// for the base-to-novel numbers, NaN a class without images in perClassAccuracy.
struct MethodScore {
  QString method;  // core's method id
  double top1 = 0, top5 = 0;
  int correct = 0, total = 0;
  QVector<double> perClassAccuracy;
  QVector<QVector<int>> confusion;  // [true][pred]
  double baseTop1 = -1, novelTop1 = -1, harmonicMean = -1;
};

struct EvaluationResult {
  QStringList classes;
  QVector<MethodScore> methods;
  int imageCount = 0;
  QStringList skippedFiles;
  // The core's report these values were read from: exports write it as `protext eval` does.
  std::shared_ptr<const EvalReport> report;
};

// The widgets' view of a core report; methods in `order` (ids), those the report holds.
EvaluationResult evaluationResult(std::shared_ptr<const EvalReport> report, const QStringList& order);

namespace detail {
inline bool sameNumber(double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); }
}  // namespace detail

inline bool operator==(const MethodScore& a, const MethodScore& b) {
  if (a.perClassAccuracy.size() != b.perClassAccuracy.size()) return false;
  for (int i = 0; i < a.perClassAccuracy.size(); ++i)
    if (!detail::sameNumber(a.perClassAccuracy[i], b.perClassAccuracy[i])) return false;
  return a.method == b.method && detail::sameNumber(a.top1, b.top1) && detail::sameNumber(a.top5, b.top5) &&
         a.correct == b.correct && a.total == b.total && a.confusion == b.confusion &&
         a.baseTop1 == b.baseTop1 && a.novelTop1 == b.novelTop1 && a.harmonicMean == b.harmonicMean;
}
inline bool operator!=(const MethodScore& a, const MethodScore& b) { return !(a == b); }

inline bool operator==(const EvaluationResult& a, const EvaluationResult& b) {
  return a.classes == b.classes && a.methods == b.methods && a.imageCount == b.imageCount &&
         a.skippedFiles == b.skippedFiles;
}
inline bool operator!=(const EvaluationResult& a, const EvaluationResult& b) { return !(a == b); }

}  // namespace protext

Q_DECLARE_METATYPE(protext::EvaluationResult)
