#pragma once
#include <QCoreApplication>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include "widgets/common/EvaluationResult.h"

namespace protext {

// The images behind one number of an evaluation: what a click on a confusion cell, a
// per-class row or a paired-comparison cell opens in the image grid. Read from the
// report's per-image predictions, so the list holds exactly the images the number counts.
struct DrillDown {
  QString title;      // what the images are, for the grid's filter ("Template: cat → dog")
  QStringList paths;  // absolute, in the report's image order
};

enum class PairOutcome { BothRight, OnlyA, OnlyB, BothWrong };

class DrillDowns {
  Q_DECLARE_TR_FUNCTIONS(DrillDowns)

 public:
  // Images of class `trueClass` that `method` (an index into result.methods) called `predicted`.
  static DrillDown confusionCell(const EvaluationResult& result, int method, int trueClass, int predicted);
  // Every image of one class.
  static DrillDown ofClass(const EvaluationResult& result, int trueClass);
  // The images of one cell of pair `pair`'s 2×2 table; trueClass ≥ 0 keeps one class only
  // (OnlyB: the pair's "fixes" of that class, OnlyA: its "breaks").
  static DrillDown pairCell(const EvaluationResult& result, int pair, PairOutcome outcome, int trueClass = -1);
};

}  // namespace protext

Q_DECLARE_METATYPE(protext::DrillDown)
