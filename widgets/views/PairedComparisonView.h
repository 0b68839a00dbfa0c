#pragma once
#include <QWidget>

#include "widgets/common/DrillDown.h"
#include "widgets/common/EvaluationResult.h"

class QLabel;
class QTableView;

namespace protext {

class PairedTableModel;

// Whether one method beats another for real: each pair's 2×2 table of right and wrong with
// McNemar's p, and for the selected pair, per class, what B fixes and breaks relative to
// A. A click on a count opens its images (drillDownRequested).
class PairedComparisonView : public QWidget {
  Q_OBJECT
 public:
  explicit PairedComparisonView(QWidget* parent = nullptr);

  void setResult(const EvaluationResult& result);
  PairedTableModel* pairModel() const { return pairs_; }
  PairedTableModel* classModel() const { return classes_; }
  QTableView* pairTable() const { return pair_table_; }
  QTableView* classTable() const { return class_table_; }
  // Selects a pair for the per-class table.
  void showPair(int pair);

 signals:
  void drillDownRequested(const protext::DrillDown& drill);

 private:
  void openCell(const QModelIndex& index, const PairedTableModel* model);

  EvaluationResult result_;
  PairedTableModel* pairs_;
  PairedTableModel* classes_;
  QTableView* pair_table_;
  QTableView* class_table_;
  QLabel* class_title_;
};

}  // namespace protext
