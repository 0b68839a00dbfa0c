#include "widgets/views/LossPlot.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QSlider>
#include <QToolTip>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>
#include <qcustomplot.h>

namespace protext {

namespace {

const QColor kStepColor(78, 121, 167, 110);  // faint: hundreds of noisy steps
const QColor kEpochColor(31, 64, 110);
const QColor kRateColor(225, 112, 30);
const QColor kSmoothColor(78, 121, 167);
// Earlier runs, newest darkest: grey enough never to be read as the current run.
const QColor kPreviousColors[] = {QColor(150, 150, 150), QColor(180, 180, 180), QColor(205, 205, 205)};

void styleAxis(QCPAxis* axis) {
  axis->setBasePen(QPen(QColor(120, 120, 120)));
  axis->setTickPen(QPen(QColor(120, 120, 120)));
  axis->setSubTickPen(QPen(QColor(160, 160, 160)));
  axis->grid()->setPen(QPen(QColor(225, 225, 225), 0, Qt::SolidLine));
  axis->grid()->setSubGridVisible(false);
}

}  // namespace

LossPlot::LossPlot(QWidget* parent) : QWidget(parent) {
  plot_ = new QCustomPlot(this);
  plot_->setNoAntialiasingOnDrag(true);
  plot_->plotLayout()->setRowSpacing(4);

  loss_rect_ = plot_->axisRect();
  rate_rect_ = new QCPAxisRect(plot_);
  plot_->plotLayout()->addElement(1, 0, rate_rect_);
  // The loss is what the user watches; the rate only explains its bends.
  plot_->plotLayout()->setRowStretchFactor(0, 2.2);
  plot_->plotLayout()->setRowStretchFactor(1, 1);

  // Equal left margins line the two x axes up whatever the tick label widths.
  auto* margins = new QCPMarginGroup(plot_);
  loss_rect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
  rate_rect_->setMarginGroup(QCP::msLeft | QCP::msRight, margins);

  for (QCPAxisRect* rect : {loss_rect_, rate_rect_})
    for (QCPAxis* axis : rect->axes()) styleAxis(axis);

  QCPAxis* loss_x = loss_rect_->axis(QCPAxis::atBottom);
  loss_x->setTickLabels(false);  // the rate plot below carries the step labels
  connect(stepAxis(), qOverload<const QCPRange&>(&QCPAxis::rangeChanged), loss_x,
          qOverload<const QCPRange&>(&QCPAxis::setRange));

  lossAxis()->setLabel(tr("Loss"));
  rateAxis()->setLabel(tr("Learning rate"));
  stepAxis()->setLabel(tr("Step"));
  rateAxis()->setNumberFormat(QStringLiteral("gb"));
  rateAxis()->setNumberPrecision(2);
  rateAxis()->ticker()->setTickCount(3);

  step_graph_ = plot_->addGraph(loss_x, lossAxis());
  step_graph_->setName(tr("Loss per step"));
  step_graph_->setPen(QPen(kStepColor, 1.2));
  step_graph_->setAdaptiveSampling(true);

  smooth_graph_ = plot_->addGraph(loss_x, lossAxis());
  smooth_graph_->setName(tr("Smoothed loss"));
  smooth_graph_->setPen(QPen(kSmoothColor, 1.8));
  smooth_graph_->setAdaptiveSampling(true);

  epoch_graph_ = plot_->addGraph(loss_x, lossAxis());
  epoch_graph_->setName(tr("Epoch mean"));
  epoch_graph_->setPen(QPen(kEpochColor, 2.5));
  epoch_graph_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kEpochColor, 1.5), Qt::white, 7));

  rate_graph_ = plot_->addGraph(stepAxis(), rateAxis());
  rate_graph_->setName(tr("Learning rate"));
  rate_graph_->setPen(QPen(kRateColor, 1.8));
  rate_graph_->removeFromLegend();

  plot_->legend->setVisible(true);
  plot_->legend->setBorderPen(QPen(QColor(200, 200, 200)));
  plot_->legend->setBrush(QColor(255, 255, 255, 220));
  loss_rect_->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);

  log_box_ = new QCheckBox(tr("&Log scale"), this);
  log_box_->setToolTip(tr("Show the loss on a logarithmic scale, which makes late, small improvements "
                          "visible (Alt+L)"));
  connect(log_box_, &QCheckBox::toggled, this, &LossPlot::setLogScale);

  auto* smoothing_label = new QLabel(tr("&Smoothing"), this);
  smoothing_slider_ = new QSlider(Qt::Horizontal, this);
  smoothing_slider_->setObjectName(QStringLiteral("smoothingSlider"));
  smoothing_slider_->setRange(0, 99);
  smoothing_slider_->setValue(int(std::lround(smoothing_ * 100)));
  smoothing_slider_->setMinimumWidth(50);
  smoothing_slider_->setMaximumWidth(140);
  smoothing_slider_->setToolTip(tr("How much the smoothed loss line averages over earlier steps (0: none, "
                                   "0.99: most), as in TensorBoard"));
  smoothing_label->setBuddy(smoothing_slider_);
  connect(smoothing_slider_, &QSlider::valueChanged, this, [this](int value) { setSmoothing(value / 100.0); });

  // Hovering reads out the step under the mouse: the plot's own mouse moves.
  plot_->setMouseTracking(true);
  plot_->installEventFilter(this);

  summary_ = new QLabel(this);
  summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  summary_->setToolTip(tr("The most recent training step"));
  summary_->setWordWrap(true);
  summary_->setMinimumWidth(1);

  // The summary gets a line of its own: beside the checkbox a narrow dock squeezed it into
  // a column of single words.
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 4, 4, 0);
  bar->addWidget(smoothing_label);
  bar->addWidget(smoothing_slider_, 1);
  bar->addSpacing(8);
  bar->addWidget(log_box_);
  summary_->setContentsMargins(4, 0, 4, 0);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(bar);
  layout->addWidget(summary_);
  layout->addWidget(plot_, 1);
  setMinimumSize(220, 180);
  clear();
}

QCPAxis* LossPlot::lossAxis() const { return loss_rect_->axis(QCPAxis::atLeft); }
QCPAxis* LossPlot::rateAxis() const { return rate_rect_->axis(QCPAxis::atLeft); }
QCPAxis* LossPlot::stepAxis() const { return rate_rect_->axis(QCPAxis::atBottom); }

int LossPlot::stepPointCount() const { return step_graph_->dataCount(); }
int LossPlot::epochPointCount() const { return epoch_graph_->dataCount(); }

QVector<double> LossPlot::smoothed(const QVector<double>& values, double smoothing) {
  QVector<double> out;
  out.reserve(values.size());
  double ema = 0;
  int n = 0;
  for (double v : values) {
    if (!std::isfinite(v)) {
      out << v;
      continue;
    }
    ema = smoothing * ema + (1 - smoothing) * v;
    ++n;
    out << (smoothing > 0 ? ema / (1 - std::pow(smoothing, n)) : v);
  }
  return out;
}

void LossPlot::setSmoothing(double smoothing) {
  smoothing = std::clamp(smoothing, 0.0, 0.99);
  const int position = int(std::lround(smoothing * 100));
  if (smoothing_slider_->value() != position) smoothing_slider_->setValue(position);  // re-enters
  if (smoothing == smoothing_) return;
  smoothing_ = smoothing;
  recomputeSmoothed();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::recomputeSmoothed() {
  QVector<double> keys, values;
  for (auto it = step_graph_->data()->constBegin(); it != step_graph_->data()->constEnd(); ++it) {
    keys << it->key;
    values << it->value;
  }
  smooth_graph_->setData(keys, smoothed(values, smoothing_), true);
  ema_ = 0;
  ema_count_ = 0;
  for (double v : values)
    if (std::isfinite(v)) {
      ema_ = smoothing_ * ema_ + (1 - smoothing_) * v;
      ++ema_count_;
    }
}

QString LossPlot::readoutAt(double step) const {
  const auto data = step_graph_->data();
  if (data->isEmpty()) return {};
  auto it = data->findBegin(step, true);  // the point at or left of `step`
  if (it == data->constEnd()) it = data->constEnd() - 1;
  auto next = it + 1;
  if (next != data->constEnd() && std::abs(next->key - step) < std::abs(it->key - step)) it = next;
  const int index = int(it - data->constBegin());
  QString text = tr("Step %1 · loss %2").arg(it->key).arg(it->value, 0, 'f', 4);
  if (smoothing_ > 0 && index < smooth_graph_->dataCount())
    text += tr(" · smoothed %1").arg(smooth_graph_->data()->at(index)->value, 0, 'f', 4);
  if (index < rate_graph_->dataCount() && std::isfinite(rate_graph_->data()->at(index)->value))
    text += tr(" · learning rate %1").arg(QString::number(rate_graph_->data()->at(index)->value, 'g', 3));
  int epoch = 1;
  for (auto e = epoch_graph_->data()->constBegin(); e != epoch_graph_->data()->constEnd(); ++e)
    if (e->key < it->key) ++epoch;
  if (epoch_graph_->dataCount() > 0) text += tr(" · epoch %1").arg(epoch);
  return text;
}

bool LossPlot::eventFilter(QObject* watched, QEvent* event) {
  if (watched == plot_ && event->type() == QEvent::MouseMove) {
    const auto* move = static_cast<QMouseEvent*>(event);
    const QPointF at = move->position();
    const bool inside = loss_rect_->rect().contains(at.toPoint()) || rate_rect_->rect().contains(at.toPoint());
    const QString text = inside ? readoutAt(stepAxis()->pixelToCoord(at.x())) : QString();
    if (text.isEmpty())
      QToolTip::hideText();
    else
      QToolTip::showText(move->globalPosition().toPoint(), text, plot_);
  } else if (watched == plot_ && event->type() == QEvent::Leave) {
    QToolTip::hideText();
  }
  return QWidget::eventFilter(watched, event);
}

void LossPlot::updateEpochMarkers() {
  const bool few = epoch_graph_->dataCount() <= kMaxEpochMarkers;
  epoch_graph_->setScatterStyle(few ? QCPScatterStyle(QCPScatterStyle::ssCircle, QPen(kEpochColor, 1.5), Qt::white, 7)
                                    : QCPScatterStyle(QCPScatterStyle::ssNone));
}

void LossPlot::addStep(int step, double loss, double lr) {
  step_graph_->addData(step, loss);
  rate_graph_->addData(step, lr);
  if (std::isfinite(loss)) {
    ema_ = smoothing_ * ema_ + (1 - smoothing_) * loss;
    ++ema_count_;
    smooth_graph_->addData(step, smoothing_ > 0 ? ema_ / (1 - std::pow(smoothing_, ema_count_)) : loss);
  } else {
    smooth_graph_->addData(step, loss);
  }
  if (std::isfinite(loss)) {
    loss_min_ = has_loss_ ? std::min(loss_min_, loss) : loss;
    loss_max_ = has_loss_ ? std::max(loss_max_, loss) : loss;
    if (loss > 0) loss_min_positive_ = loss_min_positive_ > 0 ? std::min(loss_min_positive_, loss) : loss;
    has_loss_ = true;
  }
  if (std::isfinite(lr)) rate_max_ = std::max(rate_max_, lr);
  last_step_ = std::max(last_step_, step);
  last_loss_ = loss;
  last_rate_ = lr;
  rescaleSteps();
  rescaleLoss();
  updateSummary();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::addEpoch(int epoch, int lastStep, double meanLoss) {
  epoch_graph_->addData(lastStep, meanLoss);
  if (std::isfinite(meanLoss)) {
    loss_min_ = has_loss_ ? std::min(loss_min_, meanLoss) : meanLoss;
    loss_max_ = has_loss_ ? std::max(loss_max_, meanLoss) : meanLoss;
    if (meanLoss > 0)
      loss_min_positive_ = loss_min_positive_ > 0 ? std::min(loss_min_positive_, meanLoss) : meanLoss;
    has_loss_ = true;
  }
  last_step_ = std::max(last_step_, lastStep);
  last_epoch_ = epoch;
  last_epoch_mean_ = meanLoss;
  updateEpochMarkers();
  rescaleSteps();
  rescaleLoss();
  updateSummary();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::startNewRun() {
  if (step_graph_->dataCount() > 0) {
    auto* earlier = plot_->addGraph(step_graph_->keyAxis(), lossAxis());
    // A copy: setData(container) would share the current run's points, which are cleared next.
    earlier->setData(QSharedPointer<QCPGraphDataContainer>::create(*smooth_graph_->data()));
    earlier->setAdaptiveSampling(true);
    previous_ << earlier;
    if (previous_.size() > kKeptRuns) plot_->removeGraph(previous_.takeFirst());
    // Behind the current run's lines, named by age in the legend.
    for (int i = 0; i < previous_.size(); ++i) {
      const int age = int(previous_.size()) - i;  // 1: the run just before this one
      previous_[i]->setPen(QPen(kPreviousColors[age - 1], 1.4));
      previous_[i]->setName(age == 1 ? tr("Previous run") : tr("Run before that (%1)").arg(age));
      previous_[i]->setLayer(QStringLiteral("grid"));
    }
    if (has_loss_) {
      archived_min_ = has_archived_ ? std::min(archived_min_, loss_min_) : loss_min_;
      archived_max_ = has_archived_ ? std::max(archived_max_, loss_max_) : loss_max_;
      if (loss_min_positive_ > 0)
        archived_min_positive_ =
            archived_min_positive_ > 0 ? std::min(archived_min_positive_, loss_min_positive_) : loss_min_positive_;
      has_archived_ = true;
    }
    archived_last_step_ = std::max(archived_last_step_, last_step_);
  }
  clearCurrent();
}

void LossPlot::clear() {
  for (QCPGraph* graph : previous_) plot_->removeGraph(graph);
  previous_.clear();
  has_archived_ = false;
  archived_last_step_ = 0;
  archived_min_ = archived_max_ = archived_min_positive_ = 0;
  clearCurrent();
}

void LossPlot::clearCurrent() {
  smooth_graph_->data()->clear();
  ema_ = 0;
  ema_count_ = 0;
  step_graph_->data()->clear();
  epoch_graph_->data()->clear();
  rate_graph_->data()->clear();
  last_step_ = 0;
  loss_min_ = loss_max_ = loss_min_positive_ = 0;
  rate_max_ = 0;
  has_loss_ = false;
  last_loss_ = last_rate_ = 0;
  last_epoch_ = -1;
  last_epoch_mean_ = 0;
  updateEpochMarkers();
  rescaleSteps();
  rescaleLoss();
  updateSummary();
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

void LossPlot::setLogScale(bool on) {
  if (log_box_->isChecked() != on) log_box_->setChecked(on);  // re-enters through toggled
  if (on == log_scale_) return;
  log_scale_ = on;
  if (on) {
    lossAxis()->setScaleType(QCPAxis::stLogarithmic);
    auto ticker = QSharedPointer<QCPAxisTickerLog>::create();
    ticker->setSubTickCount(8);
    lossAxis()->setTicker(ticker);
    lossAxis()->setNumberFormat(QStringLiteral("gb"));
    lossAxis()->setNumberPrecision(2);
  } else {
    lossAxis()->setScaleType(QCPAxis::stLinear);
    lossAxis()->setTicker(QSharedPointer<QCPAxisTicker>::create());
    lossAxis()->setNumberFormat(QStringLiteral("g"));
    lossAxis()->setNumberPrecision(6);
  }
  rescaleLoss();
  plot_->replot(QCustomPlot::rpQueuedReplot);
  emit logScaleChanged(on);
}

void LossPlot::rescaleSteps() {
  // A little room right of the newest point, so the line does not run into the frame.
  const double upper = std::max(10.0, std::max(last_step_, archived_last_step_) * 1.02 + 1);
  stepAxis()->setRange(0, upper);
  rateAxis()->setRange(0, rate_max_ > 0 ? rate_max_ * 1.12 : 1.0);
}

void LossPlot::rescaleLoss() {
  if (!has_loss_ && !has_archived_) {
    lossAxis()->setRange(log_scale_ ? QCPRange(0.01, 1) : QCPRange(0, 1));
    return;
  }
  // The current run's extremes joined with the earlier runs' still in view.
  double loss_min = has_loss_ ? loss_min_ : archived_min_, loss_max = has_loss_ ? loss_max_ : archived_max_;
  double min_positive = loss_min_positive_;
  if (has_archived_) {
    loss_min = std::min(loss_min, archived_min_);
    loss_max = std::max(loss_max, archived_max_);
    if (archived_min_positive_ > 0)
      min_positive = min_positive > 0 ? std::min(min_positive, archived_min_positive_) : archived_min_positive_;
  }
  if (log_scale_) {
    double lo = min_positive > 0 ? min_positive : 1e-3;
    double hi = std::max(loss_max, lo);
    // At least a factor of 2 in view, so a flat loss is not blown up into noise.
    const double ratio = std::max(hi / lo * 1.3, 2.0);
    const double centre = std::sqrt(lo * hi);
    lossAxis()->setRange(centre / std::sqrt(ratio), centre * std::sqrt(ratio));
    return;
  }
  double span = loss_max - loss_min;
  if (span <= 0) span = std::max(std::abs(loss_max) * 0.1, 1e-3);
  double lo = loss_min - 0.06 * span;
  if (loss_min >= 0) lo = std::max(0.0, lo);  // a loss is never negative; do not suggest it
  lossAxis()->setRange(lo, loss_max + 0.08 * span);
}

void LossPlot::updateSummary() {
  if (step_graph_->dataCount() == 0 && epoch_graph_->dataCount() == 0) {
    summary_->setText(tr("No training steps yet"));
    return;
  }
  QString text = tr("Step %1 · loss %2 · learning rate %3")
                     .arg(last_step_)
                     .arg(last_loss_, 0, 'f', 4)
                     .arg(QString::number(last_rate_, 'g', 3));
  if (last_epoch_ >= 0) text += tr(" · epoch %1 mean %2").arg(last_epoch_).arg(last_epoch_mean_, 0, 'f', 4);
  summary_->setText(text);
}

}  // namespace protext
