#pragma once
#include <QJsonObject>
#include <QString>
#include <QWidget>

#include "widgets/EvaluationResult.h"

class QAction;
class QComboBox;
class QCPColorMap;
class QCPColorScale;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QPushButton;
class QStackedWidget;
class QTableView;

namespace protext {

class EvaluationTableModel;

// The outcome of evaluating a labelled image folder: a summary table and top-1 bar chart
// per method, top-1 per class, and the confusion matrix of one method at a time; exports
// the lot as CSV or JSON.
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
  int confusionMethod() const;
  QString lastError() const { return last_error_; }

  // The JSON shape of the CLI's report.json (`protext eval`), plus "correct"/"total" per
  // method and "method_order", so either program reads the other's reports.
  static QJsonObject toJson(const EvaluationResult& result);
  static EvaluationResult fromJson(const QJsonObject& json);
  static QString summaryCsv(const EvaluationResult& result);
  static QString perClassCsv(const EvaluationResult& result);
  static QString confusionCsv(const EvaluationResult& result, int method);

 public slots:
  void setResult(const protext::EvaluationResult& result);
  void clear();
  void showConfusionFor(int method);
  // A directory receives summary.csv, per-class.csv and confusion-<method>.csv; any other
  // path one file with the three sections one after another. Each file is written
  // atomically. On failure lastError() says why.
  bool exportCsv(const QString& path);
  bool exportJson(const QString& path);

 signals:
  void exported(const QStringList& paths);

 private slots:
  void chooseCsvFile();
  void chooseJsonFile();

 private:
  void fillAccuracyChart();
  void fillConfusion();
  void updateHeader();
  void showCellToolTip(QMouseEvent* event);
  bool writeFile(const QString& path, const QByteArray& bytes);

  EvaluationResult result_;
  QString last_error_;
  QStackedWidget* stack_ = nullptr;
  QLabel* header_ = nullptr;
  QPushButton* export_csv_ = nullptr;
  QPushButton* export_json_ = nullptr;
  EvaluationTableModel* summary_model_ = nullptr;
  EvaluationTableModel* per_class_model_ = nullptr;
  QTableView* summary_table_ = nullptr;
  QTableView* per_class_table_ = nullptr;
  QCustomPlot* accuracy_plot_ = nullptr;
  QCustomPlot* confusion_plot_ = nullptr;
  QCPColorMap* confusion_map_ = nullptr;
  QCPColorScale* color_scale_ = nullptr;
  QComboBox* method_box_ = nullptr;
};

}  // namespace protext
