#pragma once
#include <QWidget>

#include "widgets/common/EvaluationResult.h"

class QComboBox;
class QCustomPlot;
class QLabel;

namespace protext {

// Whether a method's confidence can be read as a probability of being right: a
// reliability diagram (accuracy against mean confidence in 15 equal-width bins, beside
// the diagonal of perfect calibration) for one method, and every method's ECE.
class CalibrationView : public QWidget {
  Q_OBJECT
 public:
  explicit CalibrationView(QWidget* parent = nullptr);

  void setResult(const EvaluationResult& result);
  QCustomPlot* plot() const { return plot_; }
  QComboBox* methodBox() const { return method_box_; }
  QLabel* summaryLabel() const { return summary_; }

 private:
  void fillPlot();

  EvaluationResult result_;
  QComboBox* method_box_;
  QLabel* summary_;
  QCustomPlot* plot_;
};

}  // namespace protext
