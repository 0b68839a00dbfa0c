#include <QLabel>
#include <QStackedWidget>
#include <QTest>
#include <qcustomplot.h>

#include "support/suite.h"
#include "widgets/views/MethodComparisonView.h"

using protext::MethodComparisonView;
using protext::MethodPrediction;

namespace {

// Three methods agree on "tabby cat"; Descriptions picks "lynx".
QVector<MethodPrediction> fourMethods() {
  return {{QStringLiteral("template"), {"tabby cat", "tiger cat", "lynx"}, {0.6, 0.3, 0.1}},
          {QStringLiteral("ensemble"), {"tabby cat", "lynx", "tiger cat"}, {0.5, 0.35, 0.15}},
          {QStringLiteral("descriptions"), {"lynx", "tabby cat", "tiger cat"}, {0.45, 0.4, 0.15}},
          {QStringLiteral("protext"), {"tabby cat", "tiger cat", "lynx"}, {0.9, 0.07, 0.03}}};
}

// The bars drawn at the tick whose label names `label`, found through the axis ticker.
QCPBars* barsOf(QCustomPlot* plot, const QString& label) {
  auto ticker = plot->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
  if (!ticker) return nullptr;
  for (auto it = ticker->ticks().constBegin(); it != ticker->ticks().constEnd(); ++it) {
    if (!it.value().endsWith(label)) continue;
    for (int i = 0; i < plot->plottableCount(); ++i) {
      auto* bars = qobject_cast<QCPBars*>(plot->plottable(i));
      if (bars && bars->data()->findBegin(it.key(), false) != bars->data()->constEnd() &&
          bars->data()->findBegin(it.key(), false)->key == it.key())
        return bars;
    }
  }
  return nullptr;
}

bool isGreen(const QColor& c) { return c.hue() >= 90 && c.hue() <= 150 && c.saturation() > 100; }

}  // namespace

class MethodComparisonViewTest : public QObject {
  Q_OBJECT
 private slots:
  void shownProbabilitiesEqualTheInput();
  void topLabelIsEachMethodsBestClass();
  void onlyTheOddMethodOutIsFlaggedAsDisagreeing();
  void noMethodIsFlaggedWithoutAMajority();
  void trueClassBarIsGreenInEveryChart();
  void titleSaysWhenTopOneIsTheTrueClass();
  void topKLimitsTheBarsShown();
  void emptyViewInvitesADrop();
  void aMethodWithANoteKeepsItsCardAndSaysWhy();
};

void MethodComparisonViewTest::shownProbabilitiesEqualTheInput() {
  MethodComparisonView view;
  view.setPredictions(fourMethods());
  QCOMPARE(view.methodCount(), 4);
  QCOMPARE(view.shownProbabilities(0), (QVector<double>{0.6, 0.3, 0.1}));
  QCOMPARE(view.shownProbabilities(2), (QVector<double>{0.45, 0.4, 0.15}));
  QCOMPARE(view.shownProbabilities(3), (QVector<double>{0.9, 0.07, 0.03}));
  QCOMPARE(view.plot(1)->xAxis->range().lower, 0.0);
  QCOMPARE(view.plot(1)->xAxis->range().upper, 1.0);
}

void MethodComparisonViewTest::topLabelIsEachMethodsBestClass() {
  MethodComparisonView view;
  view.setPredictions(fourMethods());
  QCOMPARE(view.topLabel(0), QStringLiteral("tabby cat"));
  QCOMPARE(view.topLabel(2), QStringLiteral("lynx"));
  QCOMPARE(view.topLabel(3), QStringLiteral("tabby cat"));
}

void MethodComparisonViewTest::onlyTheOddMethodOutIsFlaggedAsDisagreeing() {
  MethodComparisonView view;
  view.setPredictions(fourMethods());
  QVERIFY(!view.isDisagreeing(0));
  QVERIFY(!view.isDisagreeing(1));
  QVERIFY(view.isDisagreeing(2));
  QVERIFY(!view.isDisagreeing(3));
  QVERIFY(view.titleLabel(2)->text().contains(QStringLiteral("disagrees")));
  QVERIFY(!view.titleLabel(0)->text().contains(QStringLiteral("disagrees")));
}

void MethodComparisonViewTest::noMethodIsFlaggedWithoutAMajority() {
  MethodComparisonView view;
  auto predictions = fourMethods();
  predictions[0].labels = QStringList{"lynx", "tabby cat", "tiger cat"};  // now two against two
  view.setPredictions(predictions);
  for (int i = 0; i < 4; ++i) QVERIFY(!view.isDisagreeing(i));
}

void MethodComparisonViewTest::trueClassBarIsGreenInEveryChart() {
  MethodComparisonView view;
  view.setPredictions(fourMethods(), QStringLiteral("lynx"));
  for (int i = 0; i < view.methodCount(); ++i) {
    QCPBars* lynx = barsOf(view.plot(i), QStringLiteral("lynx"));
    QVERIFY(lynx);
    QVERIFY2(isGreen(lynx->brush().color()), qPrintable(lynx->brush().color().name()));
    QCPBars* other = barsOf(view.plot(i), QStringLiteral("tiger cat"));
    QVERIFY(other);
    QVERIFY(!isGreen(other->brush().color()));
  }
  auto ticker = view.plot(0)->yAxis->ticker().dynamicCast<QCPAxisTickerText>();
  const QStringList labels = ticker->ticks().values();
  QVERIFY(labels.contains(QStringLiteral("✓ lynx")));  // the true class's name is marked
  QVERIFY(labels.contains(QStringLiteral("tiger cat")));
}

void MethodComparisonViewTest::titleSaysWhenTopOneIsTheTrueClass() {
  MethodComparisonView view;
  view.setPredictions(fourMethods(), QStringLiteral("lynx"));
  QVERIFY(view.isCorrect(2));
  QVERIFY(!view.isCorrect(0));
  QVERIFY(view.titleLabel(2)->text().contains(QStringLiteral("true class")));
  QVERIFY(view.titleLabel(0)->text().contains(QStringLiteral("top-1: tabby cat")));
}

void MethodComparisonViewTest::topKLimitsTheBarsShown() {
  MethodComparisonView view;
  view.setPredictions(fourMethods());
  view.setTopK(2);
  QCOMPARE(view.shownProbabilities(0), (QVector<double>{0.6, 0.3}));
  view.setTopK(5);
  QCOMPARE(view.shownProbabilities(0).size(), 3);
}

void MethodComparisonViewTest::emptyViewInvitesADrop() {
  MethodComparisonView view;
  auto* stack = view.findChild<QStackedWidget*>();
  QVERIFY(stack);
  auto* shown = qobject_cast<QLabel*>(stack->currentWidget());
  QVERIFY(shown);
  QCOMPARE(shown->text(), QStringLiteral("Drop an image to compare the methods"));
  view.setPredictions(fourMethods());
  QVERIFY(!qobject_cast<QLabel*>(stack->currentWidget()));
  view.clear();
  QCOMPARE(view.methodCount(), 0);
  QVERIFY(!view.plot(0));
  QCOMPARE(stack->currentWidget(), shown);
}

void MethodComparisonViewTest::aMethodWithANoteKeepsItsCardAndSaysWhy() {
  QVector<MethodPrediction> methods = fourMethods();
  methods[2] = {QStringLiteral("descriptions"), {}, {}, QStringLiteral("No descriptions for 'lynx'.")};
  MethodComparisonView view;
  view.resize(900, 400);
  view.show();
  view.setPredictions(methods);
  QCOMPARE(view.methodCount(), 4);
  QVERIFY(view.noteLabel(2)->isVisible());
  QCOMPARE(view.noteLabel(2)->text(), QStringLiteral("No descriptions for 'lynx'."));
  QVERIFY(!view.plot(2)->isVisible());
  QVERIFY(view.titleLabel(2)->text().contains(QStringLiteral("not available")));
  QCOMPARE(view.titleLabel(2)->toolTip(), QStringLiteral("No descriptions for 'lynx'."));
  // A note is no vote: the other three agree and nobody is flagged.
  for (int m = 0; m < 4; ++m) QVERIFY(!view.isDisagreeing(m));
  view.setPredictions(fourMethods());
  QVERIFY(!view.noteLabel(2)->isVisible());
  QVERIFY(view.plot(2)->isVisible());
}

PROTEXT_TEST_SUITE(MethodComparisonViewTest)
#include "method_comparison_view_test.moc"
