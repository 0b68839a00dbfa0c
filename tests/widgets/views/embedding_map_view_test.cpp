// The embedding map view: every point where the map puts it, hover names it, clicking a
// class's point picks the class out (and highlightClass does it from outside), clicking
// an image asks for that image, clicking nothing clears the highlight.
#include <QLabel>
#include <QSignalSpy>
#include <QTest>
#include <qcustomplot.h>

#include "support/suite.h"
#include "widgets/panels/MapPanel.h"
#include "widgets/views/EmbeddingMapView.h"

using namespace protext;

namespace {

// Two classes far apart on x, each with its four classifier points, a description and an
// image; class b's image sits alone at the top.
EmbeddingMap twoClasses() {
  EmbeddingMap map;
  map.classes = {"a", "b"};
  map.explained[0] = 0.6;
  map.explained[1] = 0.3;
  auto add = [&](MapPointKind kind, int c, double x, double y, const std::string& text = {}) {
    map.points.push_back({kind, c, text, x, y});
  };
  add(MapPointKind::Template, 0, -4, 0);
  add(MapPointKind::Ensemble, 0, -4, 1);
  add(MapPointKind::Centroid, 0, -3, -1);
  add(MapPointKind::ProText, 0, -3, 0.5);
  add(MapPointKind::Description, 0, -2, -2, "a round red thing");
  add(MapPointKind::Image, 0, -4, -3, "/images/a__1.png");
  add(MapPointKind::Template, 1, 4, 0);
  add(MapPointKind::Ensemble, 1, 4, 1);
  add(MapPointKind::Centroid, 1, 3, -1);
  add(MapPointKind::ProText, 1, 3, 0.5);
  add(MapPointKind::Description, 1, 2, -2, "a striped square");
  add(MapPointKind::Image, 1, 0, 4, "/images/b__1.png");
  return map;
}

}  // namespace

class EmbeddingMapViewTest : public QObject {
  Q_OBJECT
  std::unique_ptr<EmbeddingMapView> view_;

  void click(int point) {
    QWidget* plot = view_->plot();
    QTest::mouseClick(plot, Qt::LeftButton, {}, plot->mapFrom(view_.get(), view_->positionOf(point)));
  }

 private slots:
  void init() {
    view_ = std::make_unique<EmbeddingMapView>();
    view_->resize(500, 400);
    view_->show();
    QVERIFY(QTest::qWaitForWindowExposed(view_.get()));
    view_->setMap(twoClasses());
    view_->plot()->replot();
  }

  void everyPointIsFoundWhereItIsDrawn() {
    for (int i = 0; i < 12; ++i) QCOMPARE(view_->pointAt(view_->positionOf(i)), i);
    // Greater x is further right, greater y further up.
    QVERIFY(view_->positionOf(6).x() > view_->positionOf(0).x());
    QVERIFY(view_->positionOf(11).y() < view_->positionOf(0).y());
    QCOMPARE(view_->pointAt(view_->positionOf(11) + QPoint(0, 40)), -1);
  }

  void hoverNamesThePoint() {
    QCOMPARE(view_->describe(3), QStringLiteral("ProText of a"));
    QCOMPARE(view_->describe(4), QStringLiteral("Description of a: a round red thing"));
    QCOMPARE(view_->describe(11), QStringLiteral("Image b__1.png (b)"));
    QCOMPARE(view_->describe(2), QStringLiteral("Descriptions' mean of a"));
  }

  void highlightingAClassPicksOutExactlyItsPoints() {
    view_->highlightClass(1);
    QCOMPARE(view_->highlightedClass(), 1);
    for (int i = 0; i < 12; ++i) QCOMPARE(view_->isHighlighted(i), i >= 6);
    view_->highlightClass(-1);
    for (int i = 0; i < 12; ++i) QVERIFY(!view_->isHighlighted(i));
  }

  void clickingAClassPointHighlightsItsClass() {
    QSignalSpy picked(view_.get(), &EmbeddingMapView::classClicked);
    click(9);  // b's ProText point
    QCOMPARE(view_->highlightedClass(), 1);
    QCOMPARE(picked.count(), 1);
    QCOMPARE(picked.last().at(0).toString(), QStringLiteral("b"));
  }

  void clickingAnImageAsksForIt() {
    QSignalSpy asked(view_.get(), &EmbeddingMapView::imageClicked);
    click(11);
    QCOMPARE(asked.count(), 1);
    QCOMPARE(asked.last().at(0).toString(), QStringLiteral("/images/b__1.png"));
    QCOMPARE(view_->highlightedClass(), 1);
  }

  void clickingNothingClearsTheHighlight() {
    view_->highlightClass(0);
    QWidget* plot = view_->plot();
    QTest::mouseClick(plot, Qt::LeftButton, {}, plot->mapFrom(view_.get(), view_->positionOf(11) + QPoint(0, 40)));
    QCOMPARE(view_->highlightedClass(), -1);
  }

  void theAxesSayHowMuchTheySpan() {
    QVERIFY(view_->plot()->xAxis->label().contains(QStringLiteral("60%")));
    QVERIFY(view_->plot()->yAxis->label().contains(QStringLiteral("30%")));
  }

  void thePanelHighlightsAClassChosenBeforeTheMapArrives() {
    MapPanel panel;
    panel.highlightClass(QStringLiteral("b"));
    panel.onMapReady(twoClasses());
    QCOMPARE(panel.view()->highlightedClass(), 1);
    QVERIFY(panel.statusLabel()->text().contains(QStringLiteral("2 classes and 2 images")));
    panel.onMapFailed(QStringLiteral("needs at least two points"));
    QCOMPARE(panel.statusLabel()->text(), QStringLiteral("No map: needs at least two points"));
    QVERIFY(panel.view()->map().points.empty());
  }
};

PROTEXT_TEST_SUITE(EmbeddingMapViewTest)
#include "embedding_map_view_test.moc"
