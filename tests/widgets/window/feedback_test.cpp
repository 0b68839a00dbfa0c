// Every action ends in visible feedback (issue 11): what a panel reports reaches the main
// window's status bar, and an evaluation export names how many files went where.
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

#include "core/runtime/resources.h"
#include "support/bare_window.h"
#include "support/fixtures.h"
#include "support/suite.h"
#include "widgets/engine/ModelService.h"
#include "widgets/panels/EvaluatePanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/views/EvaluationView.h"
#include "widgets/window/MainWindow.h"

using namespace protext;

class FeedbackTest : public QObject {
  Q_OBJECT
  QTemporaryDir home_;
  std::unique_ptr<MainWindow> window_;

 private slots:
  void initTestCase() {
    test::use_private_settings(home_.path());
    window_ = test::bare_window();
  }

  void addingImagesSaysHowMany() {
    const QString image = QString::fromStdString(resource_path("examples/blicket__1.png"));
    QCOMPARE(window_->imagesPanel()->addPaths({image}), 1);
    QCOMPARE(window_->statusBar()->currentMessage(), QStringLiteral("Images added: 1"));
  }

  void aModelOpeningIsShownAsWorkUnderWay() {
    // The charts' header says the classifiers are being prepared from the moment a model
    // starts to open (a project opened from the command line), until it fails or they exist.
    ImagesPanel* images = window_->imagesPanel();
    QVERIFY(!images->isUpdating());
    emit window_->modelService()->opening(QStringLiteral("/models/big.safetensors"));
    QVERIFY(images->isUpdating());
    emit window_->modelService()->openFailed(QStringLiteral("/models/big.safetensors"), QStringLiteral("not a CLIP"));
    QVERIFY(!images->isUpdating());
  }

  void anExportSaysWhereItsFilesWent() {
    emit window_->evaluatePanel()->evaluationView()->exported(
        {home_.filePath("report.json"), home_.filePath("report-template-confusion.csv")});
    const QString message = window_->statusBar()->currentMessage();
    QVERIFY2(message.startsWith("Exported 2 files to ") && message.endsWith(home_.path()), qPrintable(message));
  }
};

PROTEXT_TEST_SUITE(FeedbackTest)
#include "feedback_test.moc"
