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
  double top1Low = -1, top1High = -1;          // 95% bootstrap interval of top1
  double harmonicLow = -1, harmonicHigh = -1;  // and of harmonicMean
  double ece = -1;                     // expected calibration error, 15 bins
};

// Method b against method a on the same images (core's PairedComparison).
struct PairScore {
  QString a, b;  // method ids
  int bothRight = 0, onlyA = 0, onlyB = 0, bothWrong = 0;
  double mcnemarP = 1;
  QVector<int> fixes, breaks;  // per class: a's errors b gets right, and the reverse
};

struct EvaluationResult {
  QStringList classes;
  QVector<MethodScore> methods;
  QVector<PairScore> pairs;  // every pair of `methods`, in their order
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
         a.baseTop1 == b.baseTop1 && a.novelTop1 == b.novelTop1 && a.harmonicMean == b.harmonicMean &&
         detail::sameNumber(a.top1Low, b.top1Low) && detail::sameNumber(a.top1High, b.top1High) &&
         detail::sameNumber(a.ece, b.ece);
}
inline bool operator!=(const MethodScore& a, const MethodScore& b) { return !(a == b); }

inline bool operator==(const PairScore& a, const PairScore& b) {
  return a.a == b.a && a.b == b.b && a.bothRight == b.bothRight && a.onlyA == b.onlyA && a.onlyB == b.onlyB &&
         a.bothWrong == b.bothWrong && a.mcnemarP == b.mcnemarP && a.fixes == b.fixes && a.breaks == b.breaks;
}

inline bool operator==(const EvaluationResult& a, const EvaluationResult& b) {
  return a.classes == b.classes && a.methods == b.methods && a.pairs == b.pairs && a.imageCount == b.imageCount &&
         a.skippedFiles == b.skippedFiles;
}
inline bool operator!=(const EvaluationResult& a, const EvaluationResult& b) { return !(a == b); }

}  // namespace protext

Q_DECLARE_METATYPE(protext::EvaluationResult)
