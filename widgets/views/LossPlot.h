#pragma once
#include <QWidget>

class QCheckBox;
class QLabel;
class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPGraph;

namespace protext {

// Live training curves: the loss of every step and each epoch's mean above, the learning
// rate below, both over the same step axis. Fed point by point from the training worker's
// queued progress signals, so adding a point costs O(1) and repaints at most once per frame.
class LossPlot : public QWidget {
  Q_OBJECT
 public:
  explicit LossPlot(QWidget* parent = nullptr);

  int stepPointCount() const;
  int epochPointCount() const;
  bool logScale() const { return log_scale_; }

  QCustomPlot* plot() const { return plot_; }
  QCPAxis* lossAxis() const;
  QCPAxis* rateAxis() const;
  QCPAxis* stepAxis() const;  // the bottom rect's x axis; the top rect follows it
  QCPGraph* stepGraph() const { return step_graph_; }
  QCPGraph* epochGraph() const { return epoch_graph_; }
  QCPGraph* rateGraph() const { return rate_graph_; }

 public slots:
  void addStep(int step, double loss, double lr);
  void addEpoch(int epoch, int lastStep, double meanLoss);
  void clear();
  void setLogScale(bool on);

 signals:
  void logScaleChanged(bool on);

 private:
  void rescaleLoss();
  void rescaleSteps();
  void updateSummary();

  QCustomPlot* plot_ = nullptr;
  QCPAxisRect* loss_rect_ = nullptr;
  QCPAxisRect* rate_rect_ = nullptr;
  QCPGraph* step_graph_ = nullptr;
  QCPGraph* epoch_graph_ = nullptr;
  QCPGraph* rate_graph_ = nullptr;
  QCheckBox* log_box_ = nullptr;
  QLabel* summary_ = nullptr;
  bool log_scale_ = false;

  // Running extremes, so a new point never costs a scan of the data.
  int last_step_ = 0;
  double loss_min_ = 0, loss_max_ = 0, loss_min_positive_ = 0;
  double rate_max_ = 0;
  bool has_loss_ = false;
  double last_loss_ = 0, last_rate_ = 0;
  int last_epoch_ = -1;
  double last_epoch_mean_ = 0;
};

}  // namespace protext
