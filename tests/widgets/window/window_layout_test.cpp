// The studio fits a laptop screen (issue 11): with a model open and four method charts
// shown (its tallest and widest state), the main window's minimum size fits 1366×768 less
// the window frame, and at that size no panel overlaps another, none is squeezed below its
// own minimum, and each tab of the right-hand dock fits in turn. The method charts go two
// by two when narrow, and the window opens within the screen it is given.
#include <QApplication>
#include <QDockWidget>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/engine/EngineTypes.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/ModelPanel.h"
#include "widgets/views/MethodComparisonView.h"
#include "widgets/window/MainWindow.h"

using namespace protext;

namespace {

// 1366×768 less a taskbar and the title bar.
const QSize kLaptop(1366, 728);

ModelInfo aViTB16() {
  ModelInfo info;
  info.path = QStringLiteral("/home/someone/models/clip-vit-base-patch16/model.safetensors");
  info.format = QStringLiteral("safetensors");
  info.device = QStringLiteral("cpu");
  info.precision = QStringLiteral("fp32");
  info.fingerprint = QStringLiteral("0123456789abcdef");
  info.embedDim = 512;
  info.visionWidth = 768, info.visionLayers = 12, info.visionHeads = 12, info.patchSize = 16, info.imageSize = 224;
  info.textWidth = 512, info.textLayers = 12, info.textHeads = 8, info.contextLength = 77, info.vocabSize = 49408;
  info.parameters = 149620737;
  return info;
}

QVector<MethodPrediction> fourMethods() {
  return {{QStringLiteral("template"), {"tabby cat", "tiger cat", "lynx"}, {0.6, 0.3, 0.1}},
          {QStringLiteral("ensemble"), {"tabby cat", "lynx", "tiger cat"}, {0.5, 0.35, 0.15}},
          {QStringLiteral("descriptions"), {"lynx", "tabby cat", "tiger cat"}, {0.45, 0.4, 0.15}},
          {QStringLiteral("protext"), {"tabby cat", "tiger cat", "lynx"}, {0.9, 0.07, 0.03}}};
}

QString describe(const QWidget* w) {
  return QStringLiteral("%1 at (%2,%3) %4×%5")
      .arg(w->objectName())
      .arg(w->geometry().x())
      .arg(w->geometry().y())
      .arg(w->width())
      .arg(w->height());
}

}  // namespace

class WindowLayoutTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;

  // The central area and the docked panels now on screen: they must tile, not overlap.
  QList<QWidget*> visiblePanels() const {
    QList<QWidget*> panels{window_->centralWidget()};
    // A tab behind another stays "visible" to Qt but is moved out of sight.
    for (QDockWidget* dock : window_->findChildren<QDockWidget*>())
      if (dock->isVisible() && !dock->isFloating() && !dock->visibleRegion().isEmpty()) panels << dock;
    return panels;
  }

  void checkNothingOverlapsOrIsSqueezed() {
    QApplication::processEvents();
    const QList<QWidget*> panels = visiblePanels();
    QVERIFY(panels.size() >= 4);  // central, Model, Classes and one tab on the right
    const int statusTop = window_->statusBar()->geometry().top();
    for (int i = 0; i < panels.size(); ++i) {
      const QWidget* a = panels[i];
      QVERIFY2(window_->rect().contains(a->geometry()), qPrintable(describe(a) + " leaves the window"));
      QVERIFY2(a->geometry().bottom() < statusTop, qPrintable(describe(a) + " runs under the status bar"));
      const QSize least = a->minimumSizeHint().expandedTo(a->minimumSize());
      QVERIFY2(a->width() >= least.width() && a->height() >= least.height(),
               qPrintable(describe(a) + QStringLiteral(" is squeezed below its minimum %1×%2")
                                            .arg(least.width())
                                            .arg(least.height())));
      for (int j = i + 1; j < panels.size(); ++j)
        QVERIFY2(!a->geometry().intersects(panels[j]->geometry()),
                 qPrintable(describe(a) + " overlaps " + describe(panels[j])));
    }
  }

 private slots:
  void initTestCase() {
    test::use_private_settings(home_.path());
    window_ = test::bare_window();
    window_->modelPanel()->onOpened(aViTB16());  // the model form at its tallest
    window_->imagesPanel()->comparisonView()->setPredictions(fourMethods(), QStringLiteral("tabby cat"));
    window_->resize(kLaptop);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
  }

  void theMinimumSizeFitsALaptopScreen() {
    const QSize least = window_->minimumSizeHint();
    qInfo("main window minimum %d×%d", least.width(), least.height());
    QVERIFY2(least.width() <= kLaptop.width() && least.height() <= kLaptop.height(),
             qPrintable(QStringLiteral("minimum %1×%2").arg(least.width()).arg(least.height())));
  }

  void atLaptopSizeNoPanelOverlapsAnother() {
    window_->resize(kLaptop);
    QApplication::processEvents();
    QCOMPARE(window_->size(), kLaptop);
    for (const char* tab : {"trainingDock", "evaluateDock", "promptsDock"}) {
      auto* dock = window_->findChild<QDockWidget*>(QString::fromLatin1(tab));
      QVERIFY(dock);
      dock->raise();
      checkNothingOverlapsOrIsSqueezed();
      if (QTest::currentTestFailed()) qWarning("with the %s tab raised", tab);
    }
  }

  void theMethodChartsGoTwoByTwoWhenNarrow() {
    auto* view = window_->imagesPanel()->comparisonView();
    window_->resize(kLaptop);
    QApplication::processEvents();
    QCOMPARE(view->methodCount(), 4);
    QCOMPARE(view->chartsPerRow(), 2);
    window_->resize(2560, 1400);
    QApplication::processEvents();
    QCOMPARE(view->chartsPerRow(), 4);
    window_->resize(kLaptop);
    QApplication::processEvents();
  }

  void theWindowOpensWithinItsScreen() {
    window_->placeOnScreen(QRect(0, 0, 1366, 728));
    QVERIFY2(QRect(0, 0, 1366, 728).contains(QRect(window_->pos(), window_->size())),
             qPrintable(QStringLiteral("placed at (%1,%2) %3×%4")
                            .arg(window_->x())
                            .arg(window_->y())
                            .arg(window_->width())
                            .arg(window_->height())));
    window_->placeOnScreen(QRect(0, 0, 1920, 1040));
    QCOMPARE(window_->size(), QSize(1440, 900));
    QCOMPARE(window_->pos(), QPoint((1920 - 1440) / 2, (1040 - 900) / 2));
  }
};

PROTEXT_TEST_SUITE(WindowLayoutTest)
#include "window_layout_test.moc"
