#include <QCheckBox>
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

PROTEXT_TEST_SUITE(LossPlotTest)
#include "loss_plot_test.moc"
