#pragma once
#include <QAbstractTableModel>

#include "widgets/common/EvaluationResult.h"

namespace protext {

// The evaluation's numbers as a table: either one row per method (the summary) or one row
// per class with a column of top-1 accuracy per method. Display text is formatted ("70.22%");
// SortRole holds the raw number so a proxy sorts numerically.
class EvaluationTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum class Table { Summary, PerClass };
  enum SummaryColumn { MethodColumn, Top1Column, Top1IntervalColumn, Top5Column, BaseColumn, NovelColumn,
                       HarmonicColumn, SummaryColumnCount };
  enum PerClassColumn { ClassColumn, ClassImagesColumn, FirstMethodColumn };
  static constexpr int SortRole = Qt::UserRole;

  explicit EvaluationTableModel(Table table = Table::Summary, QObject* parent = nullptr);

  Table table() const { return table_; }
  void setResult(const EvaluationResult& result);
  void clear();

  // "70.22%"; an empty string for a number that was not measured (negative or NaN).
  static QString percent(double fraction);
  // "65.1–74.9%"; empty when either end was not measured.
  static QString percentRange(double low, double high);

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QVariant summaryData(int row, int column, int role) const;
  QVariant perClassData(int row, int column, int role) const;
  double summaryValue(int row, int column) const;
  int classImages(int row) const;

  Table table_;
  EvaluationResult result_;
};

}  // namespace protext
