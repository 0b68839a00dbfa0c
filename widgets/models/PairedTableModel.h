#pragma once
#include <QAbstractTableModel>

#include "widgets/common/DrillDown.h"
#include "widgets/common/EvaluationResult.h"

namespace protext {

// Paired comparisons as tables. Pairs: one row per pair of methods with its 2×2 counts and
// McNemar's p. Classes: for one pair, per class, the images b fixes and breaks relative
// to a. SortRole holds raw numbers; outcomeAt() says which images a cell counts.
class PairedTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum class Table { Pairs, Classes };
  enum PairColumn { PairColumnName, BothRightColumn, OnlyAColumn, OnlyBColumn, BothWrongColumn, PValueColumn,
                    PairColumnCount };
  enum ClassColumn { ClassNameColumn, FixesColumn, BreaksColumn, NetColumn, ClassColumnCount };
  static constexpr int SortRole = Qt::UserRole;

  explicit PairedTableModel(Table table, QObject* parent = nullptr);

  void setResult(const EvaluationResult& result);
  // The pair the Classes table shows.
  void setPair(int pair);
  int pair() const { return pair_; }

  // The images behind a cell, or false for a cell that counts none (a name, the p-value).
  bool outcomeAt(const QModelIndex& index, PairOutcome* outcome, int* pair, int* trueClass) const;

  // "0.0312", "< 0.0001" for the smallest, "1" when equal.
  static QString pValue(double p);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QVariant pairData(const PairScore& p, int column, int role) const;
  QVariant classData(int row, int column, int role) const;

  Table table_;
  EvaluationResult result_;
  int pair_ = 0;
};

}  // namespace protext
