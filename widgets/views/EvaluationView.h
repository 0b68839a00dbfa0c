#pragma once
#include <QJsonObject>
#include <QString>
#include <QWidget>

#include "widgets/common/DrillDown.h"
#include "widgets/common/EvaluationResult.h"

class QAction;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace protext {

class CalibrationView;
class EvaluationTableModel;
class PairedComparisonView;

// The outcome of evaluating a labelled image folder: a summary table (with bootstrap
// intervals) over pages for the top-1 bar chart and top-1 per class, the confusion matrix of
// one method at a time, the paired comparisons and the reliability diagrams.
// A click on a confusion cell, a per-class row or a paired count asks for its images
// (drillDownRequested); exports the report `protext eval` writes.
class EvaluationView : public QWidget {
  Q_OBJECT
 public:
  explicit EvaluationView(QWidget* parent = nullptr);

  const EvaluationResult& result() const { return result_; }
  EvaluationTableModel* summaryModel() const { return summary_model_; }
  EvaluationTableModel* perClassModel() const { return per_class_model_; }
  QCPColorMap* confusionMap() const { return confusion_map_; }
  QCustomPlot* confusionPlot() const { return confusion_plot_; }
  QCustomPlot* accuracyPlot() const { return accuracy_plot_; }
  QTableView* perClassTable() const { return per_class_table_; }
  PairedComparisonView* pairedView() const { return paired_; }
  CalibrationView* calibrationView() const { return calibration_; }
  QTabWidget* detailTabs() const { return tabs_; }
  int confusionMethod() const;
  // The images of confusion cell (true, predicted) of the shown method, as a click opens them.
  void openConfusionCell(int trueClass, int predicted);
  QString lastError() const { return last_error_; }


 public slots:
  void setResult(const protext::EvaluationResult& result);
  void clear();
  void showConfusionFor(int method);
  // Writes what `protext eval --out path` writes for the same folder: report.json and,
  // beside it, <stem>-<method>-confusion.csv and -per-class.csv, each atomically (core's
  // write_report), and <stem>-predictions.jsonl (as --predictions). On failure
  // lastError() says why.
  bool exportReport(const QString& path);

 signals:
  void exported(const QStringList& paths);
  void drillDownRequested(const protext::DrillDown& drill);

 private slots:
  void chooseReportFile();

 private:
  void fillAccuracyChart();
  void fillConfusion();
  void updateHeader();
  void showCellToolTip(QMouseEvent* event);
  bool cellAt(const QPoint& pos, int* trueClass, int* predicted) const;

  EvaluationResult result_;
  QString last_error_;
  QString export_dir_;  // where the next export is offered: the last one's folder
  QStackedWidget* stack_ = nullptr;
  QLabel* header_ = nullptr;
  QPushButton* export_ = nullptr;
  EvaluationTableModel* summary_model_ = nullptr;
  EvaluationTableModel* per_class_model_ = nullptr;
  QTableView* summary_table_ = nullptr;
  QWidget* results_ = nullptr;  // the summary and the pages below it
  QTableView* per_class_table_ = nullptr;
  QCustomPlot* accuracy_plot_ = nullptr;
  QCustomPlot* confusion_plot_ = nullptr;
  QCPColorMap* confusion_map_ = nullptr;
  QCPColorScale* color_scale_ = nullptr;
  QComboBox* method_box_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  PairedComparisonView* paired_ = nullptr;
  CalibrationView* calibration_ = nullptr;
};

}  // namespace protext
