#include "widgets/views/CalibrationView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>
#include <cmath>
#include <qcustomplot.h>

#include "widgets/common/MethodStyle.h"
#include "widgets/models/EvaluationTableModel.h"

namespace protext {

CalibrationView::CalibrationView(QWidget* parent) : QWidget(parent) {
  method_box_ = new QComboBox(this);
  method_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  method_box_->setToolTip(tr("The method whose reliability diagram is shown"));
  auto* label = new QLabel(tr("Reliability &of"), this);
  label->setBuddy(method_box_);
  summary_ = new QLabel(this);
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::RichText);
  summary_->setToolTip(tr("Expected calibration error: the gap between confidence and accuracy, averaged over "
                          "15 confidence bins weighted by their images. 0 is perfectly calibrated."));
  plot_ = new QCustomPlot(this);
  plot_->setMinimumSize(300, 260);
  plot_->xAxis->setLabel(tr("Confidence (top-1 probability)"));
  plot_->yAxis->setLabel(tr("Accuracy"));
  for (QCPAxis* axis : {plot_->xAxis, plot_->yAxis}) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int p = 0; p <= 100; p += 20) ticker->addTick(p / 100.0, QStringLiteral("%1%").arg(p));
    axis->setTicker(ticker);
    axis->setSubTicks(false);
    axis->setRange(0, 1);
    axis->grid()->setPen(QPen(QColor(230, 230, 230), 0, Qt::DashLine));
  }
  connect(method_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, &CalibrationView::fillPlot);

  auto* selector = new QHBoxLayout;
  selector->addWidget(label);
  selector->addWidget(method_box_);
  selector->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(selector);
  layout->addWidget(summary_);
  layout->addWidget(plot_, 1);
}

void CalibrationView::setResult(const EvaluationResult& result) {
  result_ = result;
  QStringList parts;
  {
    const QSignalBlocker block(method_box_);
    method_box_->clear();
    for (const MethodScore& m : result_.methods) {
      method_box_->addItem(MethodStyle::label(m.method), m.method);
      if (m.ece >= 0)
        parts << tr("%1 <b>%2</b>").arg(MethodStyle::label(m.method).toHtmlEscaped(), EvaluationTableModel::percent(m.ece));
    }
    method_box_->setCurrentIndex(result_.methods.isEmpty() ? -1 : result_.methods.size() - 1);
  }
  summary_->setText(parts.isEmpty() ? QString() : tr("ECE: %1").arg(parts.join(QStringLiteral(" · "))));
  fillPlot();
}

void CalibrationView::fillPlot() {
  plot_->clearPlottables();
  plot_->clearItems();
  const QString id = method_box_->currentData().toString();
  const Calibration* cal = nullptr;
  if (result_.report) {
    const auto it = result_.report->calibration.find(id.toStdString());
    if (it != result_.report->calibration.end()) cal = &it->second;
  }
  if (!cal) {
    plot_->replot(QCustomPlot::rpQueuedReplot);
    return;
  }
  const QColor color = MethodStyle::color(id);
  auto* bars = new QCPBars(plot_->xAxis, plot_->yAxis);
  bars->setName(MethodStyle::label(id));
  bars->setPen(QPen(color.darker(120)));
  bars->setBrush(color);
  bars->setWidth(0.9 / double(cal->bins.size()));
  for (const CalibrationBin& bin : cal->bins) {
    if (bin.count == 0) continue;
    bars->addData((bin.lo + bin.hi) / 2, bin.accuracy);
    // The bin's mean confidence: where its bar would end if the method were calibrated.
    auto* mark = new QCPItemLine(plot_);
    mark->start->setCoords(bin.lo + 0.1 * (bin.hi - bin.lo), bin.confidence);
    mark->end->setCoords(bin.hi - 0.1 * (bin.hi - bin.lo), bin.confidence);
    mark->setPen(QPen(QColor(30, 30, 30), 2));
    auto* count = new QCPItemText(plot_);
    count->position->setCoords((bin.lo + bin.hi) / 2, std::max(bin.accuracy, bin.confidence));
    count->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
    count->setText(QLocale().toString(bin.count));
    QFont small = plot_->font();
    small.setPointSizeF(7.5);
    count->setFont(small);
    count->setColor(QColor(90, 90, 90));
  }
  // Over the bars, so the gap of each is read against it.
  auto* diagonal = new QCPGraph(plot_->xAxis, plot_->yAxis);
  diagonal->setName(tr("Perfect calibration"));
  diagonal->setData({0.0, 1.0}, {0.0, 1.0});
  diagonal->setPen(QPen(QColor(90, 90, 90), 1, Qt::DashLine));
  plot_->yAxis->setRange(0, 1.08);  // room for the counts over a full bar
  plot_->replot(QCustomPlot::rpQueuedReplot);
}

}  // namespace protext
