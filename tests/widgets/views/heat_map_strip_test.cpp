// The heat maps under the charts: a tile per method with its class and probability, the
// heat laid over what the model saw at the chosen opacity, the best-matching descriptions
// under the Descriptions tile; and the panel asks for each image once, ignores answers for
// an image no longer shown, and asks for nothing while switched off.
#include <QCheckBox>
#include <QSignalSpy>
#include <QSlider>
#include <QTest>

#include "support/suite.h"
#include "widgets/panels/HeatMapPanel.h"
#include "widgets/views/HeatMapStrip.h"

using namespace protext;

namespace {

// A grey 16 × 16 "image" with a 2 × 2 map: all the Template heat top-left, all the
// Descriptions heat bottom-right.
ImageExplanation twoMethods(const QString& path = QStringLiteral("/images/a.png")) {
  ImageExplanation e;
  e.path = path;
  e.seen = QImage(16, 16, QImage::Format_RGB888);
  e.seen.fill(QColor(128, 128, 128));
  MethodHeat t{QStringLiteral("template"), QStringLiteral("dax"), 0.75, 2, 2, {1, 0, 0, 0}, {}, {}};
  MethodHeat d{QStringLiteral("descriptions"), QStringLiteral("wug"), 0.5, 2, 2, {0, 0, 0, 1},
               {QStringLiteral("a green star"), QStringLiteral("a small shape"), QStringLiteral("striped"),
                QStringLiteral("a fourth line")},
               {0.31, 0.22, 0.1, 0.05}};
  e.methods = {t, d};
  return e;
}

bool isRed(const QColor& c) { return c.red() > 110 && c.blue() < 60; }  // JET runs from dark blue to dark red
bool isBlue(const QColor& c) { return c.blue() > 110 && c.red() < 100; }

}  // namespace

class HeatMapStripTest : public QObject {
  Q_OBJECT
 private slots:
  void eachMethodGetsATileNamingItsClassAndProbability() {
    HeatMapStrip strip;
    strip.resize(600, 260);
    strip.setExplanation(twoMethods());
    QCOMPARE(strip.tileCount(), 2);
    QCOMPARE(strip.tileTitle(0), QStringLiteral("Template: dax (75.0%)"));
    QCOMPARE(strip.tileTitle(1), QStringLiteral("Descriptions: wug (50.0%)"));
    QVERIFY(strip.imageRect(0).right() < strip.imageRect(1).left());  // side by side
    QCOMPARE(strip.imageRect(0).size(), strip.imageRect(1).size());
  }

  void theHeatLiesWhereTheMapPutsIt() {
    HeatMapStrip strip;
    strip.resize(600, 260);
    strip.setOpacity(1.0);
    strip.setExplanation(twoMethods());
    const QImage t = strip.overlay(0), d = strip.overlay(1);
    QCOMPARE(t.size(), strip.imageRect(0).size());
    QVERIFY(isRed(t.pixelColor(2, 2)));
    QVERIFY(isBlue(t.pixelColor(t.width() - 3, t.height() - 3)));
    QVERIFY(isRed(d.pixelColor(d.width() - 3, d.height() - 3)));
    QVERIFY(isBlue(d.pixelColor(2, 2)));
  }

  void opacityZeroShowsTheImageAlone() {
    HeatMapStrip strip;
    strip.resize(600, 260);
    strip.setExplanation(twoMethods());
    strip.setOpacity(0.0);
    const QImage t = strip.overlay(0);
    QCOMPARE(t.pixelColor(2, 2), QColor(128, 128, 128));
    strip.setOpacity(0.5);
    const QColor half = strip.overlay(0).pixelColor(2, 2);
    QVERIFY(half != QColor(128, 128, 128) && half.red() > half.blue());
  }

  void theBestMatchingDescriptionsAreListedUnderTheirTile() {
    HeatMapStrip strip;
    strip.resize(600, 260);
    strip.setExplanation(twoMethods());
    QVERIFY(strip.descriptionLines(0).isEmpty());
    const QStringList lines = strip.descriptionLines(1);
    QCOMPARE(lines.size(), HeatMapStrip::kDescriptionLines);
    QCOMPARE(lines[0], QStringLiteral("0.31  a green star"));
    QCOMPARE(lines[2], QStringLiteral("0.10  striped"));
  }

  void aMessageReplacesTheTiles() {
    HeatMapStrip strip;
    strip.setExplanation(twoMethods());
    strip.setMessage(QStringLiteral("No heat maps: the image cannot be read"));
    QCOMPARE(strip.tileCount(), 0);
    QCOMPARE(strip.message(), QStringLiteral("No heat maps: the image cannot be read"));
  }

  void thePanelAsksOncePerImageAndClassifiers() {
    HeatMapPanel panel;
    QSignalSpy asked(&panel, &HeatMapPanel::explainRequested);
    panel.showImage(QStringLiteral("/images/a.png"), 1);
    panel.showImage(QStringLiteral("/images/a.png"), 1);  // top-k changed: nothing new to explain
    QCOMPARE(asked.count(), 1);
    QCOMPARE(panel.strip()->message(), QStringLiteral("Computing the heat maps…"));
    panel.showImage(QStringLiteral("/images/a.png"), 2);  // new classifiers
    panel.showImage(QStringLiteral("/images/b.png"), 2);
    QCOMPARE(asked.count(), 3);
    QCOMPARE(asked.last().at(0).toString(), QStringLiteral("/images/b.png"));
  }

  void anAnswerForAnotherImageIsIgnored() {
    HeatMapPanel panel;
    panel.showImage(QStringLiteral("/images/b.png"), 1);
    panel.onExplained(twoMethods(QStringLiteral("/images/a.png")));
    QCOMPARE(panel.strip()->tileCount(), 0);
    panel.onExplained(twoMethods(QStringLiteral("/images/b.png")));
    QCOMPARE(panel.strip()->tileCount(), 2);
    panel.onExplainFailed(QStringLiteral("/images/b.png"), QStringLiteral("no model is open"));
    QCOMPARE(panel.strip()->message(), QStringLiteral("No heat maps: no model is open"));
  }

  void switchedOffItAsksForNothingAndHidesTheTiles() {
    HeatMapPanel panel;
    panel.show();
    QSignalSpy asked(&panel, &HeatMapPanel::explainRequested);
    panel.toggle()->setChecked(false);
    panel.showImage(QStringLiteral("/images/a.png"), 1);
    QCOMPARE(asked.count(), 0);
    QVERIFY(!panel.strip()->isVisible());
    panel.toggle()->setChecked(true);  // on again: the image on screen is explained
    QCOMPARE(asked.count(), 1);
    QVERIFY(panel.strip()->isVisible());
  }

  void theSliderSetsTheOpacity() {
    HeatMapPanel panel;
    panel.opacitySlider()->setValue(80);
    QCOMPARE(panel.strip()->opacity(), 0.8);
  }
};

PROTEXT_TEST_SUITE(HeatMapStripTest)
#include "heat_map_strip_test.moc"
