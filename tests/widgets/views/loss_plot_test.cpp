#include <QCheckBox>
#include <QSlider>
#include <cmath>
#include <QSignalSpy>
#include <QTest>
#include <qcustomplot.h>

#include "support/suite.h"
#include "widgets/views/LossPlot.h"

using protext::LossPlot;

class LossPlotTest : public QObject {
  Q_OBJECT
 private slots:
  void addedStepsAndEpochsShowInTheGraphs();
  void axesCoverEveryPointAdded();
  void logToggleSwitchesScaleTypeAndTicker();
  void checkboxTogglesLogScale();
  void clearEmptiesEveryGraph();
  void smoothedLineIsTheDebiasedMovingAverage();
  void theSmoothingSliderRedrawsTheWholeLine();
  void hoveringReadsOutTheNearestStep();
  void epochMarkersOnlyWhileFew();
  void aNewRunKeepsTheLastThreeRunsInGrey();
};

void LossPlotTest::addedStepsAndEpochsShowInTheGraphs() {
  LossPlot plot;
  for (int step = 1; step <= 10; ++step) plot.addStep(step, 1.0 / step, 0.001 * step);
  plot.addEpoch(0, 5, 0.5);
  plot.addEpoch(1, 10, 0.25);
  QCOMPARE(plot.stepPointCount(), 10);
  QCOMPARE(plot.epochPointCount(), 2);
  QCOMPARE(plot.stepGraph()->dataCount(), 10);
  QCOMPARE(plot.rateGraph()->dataCount(), 10);
  QCOMPARE(plot.epochGraph()->dataCount(), 2);
  QCOMPARE(plot.stepGraph()->data()->at(3)->key, 4.0);
  QCOMPARE(plot.stepGraph()->data()->at(3)->value, 0.25);
  QCOMPARE(plot.rateGraph()->data()->at(9)->value, 0.01);
  QCOMPARE(plot.epochGraph()->data()->at(1)->key, 10.0);
  QCOMPARE(plot.epochGraph()->data()->at(1)->value, 0.25);
}

void LossPlotTest::axesCoverEveryPointAdded() {
  LossPlot plot;
  for (int step = 1; step <= 300; ++step) plot.addStep(step, 2.0 - step / 200.0, step < 100 ? 0.002 : 0.0005);
  QVERIFY(plot.stepAxis()->range().contains(1));
  QVERIFY(plot.stepAxis()->range().contains(300));
  QCOMPARE(plot.plot()->xAxis->range().upper, plot.stepAxis()->range().upper);  // shared step axis
  QVERIFY(plot.lossAxis()->range().contains(2.0 - 1 / 200.0));
  QVERIFY(plot.lossAxis()->range().contains(0.5));
  QVERIFY(plot.rateAxis()->range().contains(0.002));
  plot.setLogScale(true);
  QVERIFY(plot.lossAxis()->range().lower > 0);
  QVERIFY(plot.lossAxis()->range().contains(0.5));
  QVERIFY(plot.lossAxis()->range().contains(1.995));
}

void LossPlotTest::logToggleSwitchesScaleTypeAndTicker() {
  LossPlot plot;
  plot.addStep(1, 0.8, 0.001);
  QCOMPARE(plot.lossAxis()->scaleType(), QCPAxis::stLinear);
  QVERIFY(!plot.lossAxis()->ticker().dynamicCast<QCPAxisTickerLog>());
  plot.setLogScale(true);
  QVERIFY(plot.logScale());
  QCOMPARE(plot.lossAxis()->scaleType(), QCPAxis::stLogarithmic);
  QVERIFY(plot.lossAxis()->ticker().dynamicCast<QCPAxisTickerLog>());
  plot.setLogScale(false);
  QCOMPARE(plot.lossAxis()->scaleType(), QCPAxis::stLinear);
  QVERIFY(!plot.lossAxis()->ticker().dynamicCast<QCPAxisTickerLog>());
}

void LossPlotTest::checkboxTogglesLogScale() {
  LossPlot plot;
  auto* box = plot.findChild<QCheckBox*>();
  QVERIFY(box);
  QSignalSpy spy(&plot, &LossPlot::logScaleChanged);
  box->setChecked(true);
  QCOMPARE(plot.lossAxis()->scaleType(), QCPAxis::stLogarithmic);
  QCOMPARE(spy.count(), 1);
  plot.setLogScale(false);
  QVERIFY(!box->isChecked());
  QCOMPARE(spy.count(), 2);
}

void LossPlotTest::clearEmptiesEveryGraph() {
  LossPlot plot;
  for (int step = 1; step <= 20; ++step) plot.addStep(step, 0.5, 0.001);
  plot.addEpoch(0, 20, 0.5);
  plot.clear();
  QCOMPARE(plot.stepPointCount(), 0);
  QCOMPARE(plot.epochPointCount(), 0);
  QCOMPARE(plot.rateGraph()->dataCount(), 0);
  plot.addStep(1, 0.4, 0.001);
  QCOMPARE(plot.stepPointCount(), 1);
}

namespace {

// TensorBoard's smoothing, written out as its docs state it: last = last*w + (1-w)*v,
// shown as last / (1 - w^n).
QVector<double> tensorboardSmoothing(const QVector<double>& values, double w) {
  QVector<double> out;
  double last = 0;
  for (int i = 0; i < values.size(); ++i) {
    last = last * w + (1 - w) * values[i];
    out << last / (1 - std::pow(w, i + 1));
  }
  return out;
}

QVector<double> values(QCPGraph* graph) {
  QVector<double> out;
  for (auto it = graph->data()->constBegin(); it != graph->data()->constEnd(); ++it) out << it->value;
  return out;
}

bool close(const QVector<double>& a, const QVector<double>& b) {
  if (a.size() != b.size()) return false;
  for (int i = 0; i < a.size(); ++i)
    if (std::abs(a[i] - b[i]) > 1e-12) return false;
  return true;
}

}  // namespace

void LossPlotTest::smoothedLineIsTheDebiasedMovingAverage() {
  LossPlot plot;
  QVector<double> losses;
  for (int step = 1; step <= 50; ++step) losses << 1.0 / step + 0.1 * std::sin(step);
  for (int step = 1; step <= 50; ++step) plot.addStep(step, losses[step - 1], 0.001);
  QCOMPARE(plot.smoothing(), 0.6);
  QVERIFY(close(values(plot.smoothedGraph()), tensorboardSmoothing(losses, 0.6)));
  // Debiased: the first point is the first loss itself, not 40% of it.
  QCOMPARE(plot.smoothedGraph()->data()->at(0)->value, losses[0]);
  QVERIFY(close(LossPlot::smoothed(losses, 0.0), losses));
}

void LossPlotTest::theSmoothingSliderRedrawsTheWholeLine() {
  LossPlot plot;
  QVector<double> losses{0.9, 0.4, 0.8, 0.3, 0.7, 0.2};
  for (int i = 0; i < losses.size(); ++i) plot.addStep(i + 1, losses[i], 0.001);
  auto* slider = plot.findChild<QSlider*>(QStringLiteral("smoothingSlider"));
  QVERIFY(slider);
  slider->setValue(90);
  QCOMPARE(plot.smoothing(), 0.9);
  QVERIFY(close(values(plot.smoothedGraph()), tensorboardSmoothing(losses, 0.9)));
  // Points added after the change continue the same average.
  plot.addStep(7, 0.5, 0.001);
  QVERIFY(close(values(plot.smoothedGraph()), tensorboardSmoothing(losses << 0.5, 0.9)));
  plot.setSmoothing(0);
  QCOMPARE(slider->value(), 0);
  QVERIFY(close(values(plot.smoothedGraph()), losses));
}

void LossPlotTest::hoveringReadsOutTheNearestStep() {
  LossPlot plot;
  plot.setSmoothing(0.5);
  plot.addStep(1, 0.8, 0.002);
  plot.addStep(2, 0.4, 0.001);
  plot.addStep(3, 0.6, 0.0005);
  plot.addEpoch(1, 2, 0.6);
  QCOMPARE(plot.readoutAt(1.2), QStringLiteral("Step 1 · loss 0.8000 · smoothed 0.8000 · learning rate 0.002 · epoch 1"));
  // Smoothed at step 2: (0.5*0.4 + 0.25*0.8) / 0.75.
  QCOMPARE(plot.readoutAt(1.9), QStringLiteral("Step 2 · loss 0.4000 · smoothed 0.5333 · learning rate 0.001 · epoch 1"));
  QCOMPARE(plot.readoutAt(99), QStringLiteral("Step 3 · loss 0.6000 · smoothed 0.5714 · learning rate 0.0005 · epoch 2"));
  plot.clear();
  QVERIFY(plot.readoutAt(1).isEmpty());
}

void LossPlotTest::epochMarkersOnlyWhileFew() {
  LossPlot plot;
  for (int e = 0; e < LossPlot::kMaxEpochMarkers; ++e) plot.addEpoch(e + 1, (e + 1) * 10, 1.0 / (e + 1));
  QCOMPARE(plot.epochGraph()->scatterStyle().shape(), QCPScatterStyle::ssCircle);
  plot.addEpoch(LossPlot::kMaxEpochMarkers + 1, 1000, 0.01);
  QCOMPARE(plot.epochGraph()->scatterStyle().shape(), QCPScatterStyle::ssNone);
  plot.clear();
  QCOMPARE(plot.epochGraph()->scatterStyle().shape(), QCPScatterStyle::ssCircle);
}

void LossPlotTest::aNewRunKeepsTheLastThreeRunsInGrey() {
  LossPlot plot;
  for (int run = 0; run < 5; ++run) {
    plot.startNewRun();
    for (int step = 1; step <= 20 + run; ++step) plot.addStep(step, 2.0 + run - step / 100.0, 0.001);
  }
  QCOMPARE(plot.previousRuns().size(), LossPlot::kKeptRuns);
  QCOMPARE(plot.stepPointCount(), 24);  // the current (fifth) run only
  // Oldest first: the second, third and fourth runs, each as its smoothed line.
  for (int i = 0; i < 3; ++i) {
    QCPGraph* earlier = plot.previousRuns()[i];
    QCOMPARE(earlier->dataCount(), 21 + i);
    QCOMPARE(earlier->data()->at(0)->value, 2.0 + (1 + i) - 0.01);
    QVERIFY(earlier->pen().color().saturation() == 0);  // grey
  }
  QCOMPARE(plot.previousRuns().last()->name(), QStringLiteral("Previous run"));
  // The axes keep the earlier runs in view: the first kept run peaks at 3 - 0.01.
  QVERIFY(plot.lossAxis()->range().contains(2.99));
  QVERIFY(plot.lossAxis()->range().contains(4.0 + 1.0 - 0.24));
  plot.clear();
  QVERIFY(plot.previousRuns().isEmpty());
  QCOMPARE(plot.plot()->graphCount(), 4);  // steps, smoothed, epochs, rate
}

PROTEXT_TEST_SUITE(LossPlotTest)
#include "loss_plot_test.moc"
