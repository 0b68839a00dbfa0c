// Seeing why, in the studio: with the examples open, the selected image's heat maps sit
// under its charts, one per method; the Map panel places the classes, descriptions and
// images; clicking an image on the map selects it in the strip, and choosing a class in
// the class list picks its points out on the map.
#include <QDockWidget>
#include <QListView>
#include <QTemporaryDir>
#include <QTest>
#include <qcustomplot.h>

#include <cmath>

#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/models/ImageListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/HeatMapPanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/MapPanel.h"
#include "widgets/views/EmbeddingMapView.h"
#include "widgets/views/HeatMapStrip.h"
#include "widgets/views/MethodComparisonView.h"

using namespace protext;

class ExplainWindowTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;

 private slots:
  void initTestCase() {
    test::use_private_settings(home_.path());
    window_ = test::bare_window(/*openEmbeddedModel=*/true);
    window_->resize(1600, 1000);
    window_->show();
    QVERIFY(window_->loadExamples());
    QTRY_COMPARE_WITH_TIMEOUT(window_->classifiers().methods.size(), 3, 180000);
  }

  void theSelectedImagesHeatMapsSitUnderItsCharts() {
    ImagesPanel* images = window_->imagesPanel();
    QTRY_VERIFY_WITH_TIMEOUT(!images->currentPredictions().isEmpty(), 60000);
    HeatMapStrip* strip = images->heatMaps()->strip();
    QTRY_COMPARE_WITH_TIMEOUT(strip->tileCount(), 3, 60000);
    QCOMPARE(strip->path(), images->currentPath());
    for (int m = 0; m < 3; ++m) {
      QVERIFY(!strip->overlay(m).isNull());
      // Each tile names the class its chart puts first.
      QVERIFY2(strip->tileTitle(m).contains(images->currentPredictions()[m].labels.first()), qPrintable(strip->tileTitle(m)));
    }
    QVERIFY(strip->descriptionLines(2).size() > 0);  // the Descriptions method's best matches
    MethodComparisonView* charts = images->comparisonView();
    QVERIFY(strip->isVisible());
    QVERIFY(strip->mapTo(window_.get(), QPoint(0, 0)).y() >= charts->mapTo(window_.get(), QPoint(0, charts->height())).y());

    // Another image: its own maps replace the first's.
    const QString first = images->currentPath();
    QVERIFY(images->selectPath(images->paths().last()));
    QTRY_COMPARE_WITH_TIMEOUT(strip->path(), images->paths().last(), 60000);
    QVERIFY(strip->path() != first);
  }

  void theMapPlacesEveryImageAndPicksOneOnClick() {
    auto* dock = window_->findChild<QDockWidget*>(QStringLiteral("mapDock"));
    QVERIFY(dock);
    dock->show();
    dock->raise();
    MapPanel* panel = window_->mapPanel();
    EmbeddingMapView* view = panel->view();
    // Each image joins the map once it is encoded: wait for all 24.
    auto imagePointCount = [view] {
      int n = 0;
      for (const MapPoint& p : view->map().points) n += p.kind == MapPointKind::Image;
      return n;
    };
    QTRY_COMPARE_WITH_TIMEOUT(imagePointCount(), 24, 120000);
    QTest::qWait(50);
    view->plot()->replot();
    // The image point farthest from any other point, so a click cannot mean another.
    const auto& points = view->map().points;
    int target = -1;
    double roomiest = -1;
    for (size_t i = 0; i < points.size(); ++i) {
      if (points[i].kind != MapPointKind::Image) continue;
      if (QString::fromStdString(points[i].text) == window_->imagesPanel()->currentPath()) continue;
      double nearest = 1e9;
      for (size_t j = 0; j < points.size(); ++j)
        if (j != i) {
          const QPoint d = view->positionOf(int(i)) - view->positionOf(int(j));
          nearest = std::min(nearest, std::hypot(d.x(), d.y()));
        }
      if (nearest > roomiest) roomiest = nearest, target = int(i);
    }
    QVERIFY2(roomiest > 2, qPrintable(QString("the roomiest image point has a neighbour %1 px away").arg(roomiest)));
    QCOMPARE(view->pointAt(view->positionOf(target)), target);
    QWidget* plot = view->plot();
    QTest::mouseClick(plot, Qt::LeftButton, {}, plot->mapFrom(view, view->positionOf(target)));
    QCOMPARE(window_->imagesPanel()->currentPath(), QString::fromStdString(points[size_t(target)].text));
    QCOMPARE(view->highlightedClass(), points[size_t(target)].class_index);
  }

  void choosingAClassInTheListPicksItOutOnTheMap() {
    EmbeddingMapView* view = window_->mapPanel()->view();
    QTRY_VERIFY_WITH_TIMEOUT(!view->map().points.empty(), 120000);
    QListView* list = window_->classEditor()->listView();
    list->setCurrentIndex(list->model()->index(4, 0));
    const QString chosen = window_->classEditor()->currentClass();
    QCOMPARE(QString::fromStdString(view->map().classes[size_t(view->highlightedClass())]), chosen);
    int highlighted = 0;
    for (size_t i = 0; i < view->map().points.size(); ++i) {
      const int c = view->map().points[i].class_index;
      QCOMPARE(view->isHighlighted(int(i)), c >= 0 && QString::fromStdString(view->map().classes[size_t(c)]) == chosen);
      highlighted += view->isHighlighted(int(i));
    }
    QVERIFY(highlighted >= 4);  // its template, ensemble and mean, its descriptions, its images
  }
};

PROTEXT_TEST_SUITE(ExplainWindowTest)
#include "explain_window_test.moc"
