#pragma once
#include <QWidget>

class QCheckBox;
class QLabel;
class QSlider;
class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPGraph;

namespace protext {

// Live training curves: the loss of every step (faint), its smoothed line and each epoch's
// mean above, the learning rate below, both over the same step axis. Fed point by point from
// the training worker's queued progress signals, so adding a point costs O(1) and repaints at
// most once per frame. Earlier runs of the session stay behind the current one in grey, as
// TensorBoard overlays runs; hovering reads out the step under the mouse.
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
  QCPGraph* smoothedGraph() const { return smooth_graph_; }
  // Earlier runs' smoothed curves, oldest first; at most kKeptRuns.
  QList<QCPGraph*> previousRuns() const { return previous_; }
  static constexpr int kKeptRuns = 3;
  // Epochs get a marker each only while there are few enough to tell apart.
  static constexpr int kMaxEpochMarkers = 30;
  double smoothing() const { return smoothing_; }
  // TensorBoard's smoothing: an exponential moving average with weight `smoothing` on the
  // past, divided by (1 - smoothing^n) so the first points are not pulled towards zero.
  static QVector<double> smoothed(const QVector<double>& values, double smoothing);
  // What hovering at `step` shows: the nearest step's loss, smoothed loss, rate and epoch.
  QString readoutAt(double step) const;

 public slots:
  void addStep(int step, double loss, double lr);
  void addEpoch(int epoch, int lastStep, double meanLoss);
  void clear();  // every run, the current and the earlier ones
  // A new run begins: the current curve joins the earlier runs, the graphs start empty.
  void startNewRun();
  void setLogScale(bool on);
  void setSmoothing(double smoothing);  // 0 (raw) … 0.99

 signals:
  void logScaleChanged(bool on);

 private:
  void rescaleLoss();
  void rescaleSteps();
  void updateSummary();
  void recomputeSmoothed();
  void clearCurrent();
  void updateEpochMarkers();
  bool eventFilter(QObject* watched, QEvent* event) override;

  QCustomPlot* plot_ = nullptr;
  QCPAxisRect* loss_rect_ = nullptr;
  QCPAxisRect* rate_rect_ = nullptr;
  QCPGraph* step_graph_ = nullptr;
  QCPGraph* epoch_graph_ = nullptr;
  QCPGraph* rate_graph_ = nullptr;
  QCPGraph* smooth_graph_ = nullptr;
  QList<QCPGraph*> previous_;
  QSlider* smoothing_slider_ = nullptr;
  double smoothing_ = 0.6;
  double ema_ = 0;       // the running average behind the smoothed line
  int ema_count_ = 0;
  int archived_last_step_ = 0;  // earlier runs' extents, so the axes keep them in view
  double archived_min_ = 0, archived_max_ = 0, archived_min_positive_ = 0;
  bool has_archived_ = false;
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
