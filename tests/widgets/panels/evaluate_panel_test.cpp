#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include "support/suite.h"
#include "widgets/panels/EvaluatePanel.h"
#include "widgets/views/EvaluationView.h"

using protext::EvaluatePanel;
using protext::EvaluationResult;
using protext::MethodScore;

namespace {

EvaluationResult twoClassResult() {
  EvaluationResult result;
  result.classes = {"wug", "dax"};
  result.imageCount = 4;
  result.skippedFiles = {"/data/eval/notes.txt", "/data/eval/wug/broken.png"};
  MethodScore score;
  score.method = QStringLiteral("template");
  score.top1 = 0.75;
  score.top5 = 1.0;
  score.correct = 3;
  score.total = 4;
  score.perClassAccuracy = {1.0, 0.5};
  score.confusion = {{2, 0}, {1, 1}};
  result.methods = {score};
  return result;
}

}  // namespace

class EvaluatePanelTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void cleanupTestCase();
  void runNeedsAFolderAndCancelNeedsARun();
  void runEmitsTheFolderAndLocksTheControls();
  void progressReadsDoneOverTotalImages();
  void finishedShowsTheResultAndCountsSkippedFiles();
  void cancelAsksOnceAndReportsWhereItStopped();
  void failureShowsTheMessageInRedAndAllowsAnotherRun();
  void missingFolderIsReportedWithoutStarting();

 private:
  QLocale saved_;
};

void EvaluatePanelTest::initTestCase() {
  saved_ = QLocale();
  QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedStates));
}

void EvaluatePanelTest::cleanupTestCase() { QLocale::setDefault(saved_); }

void EvaluatePanelTest::runNeedsAFolderAndCancelNeedsARun() {
  EvaluatePanel panel(nullptr);
  QVERIFY(!panel.runAction()->isEnabled());
  QVERIFY(!panel.cancelAction()->isEnabled());
  QCOMPARE(panel.runAction()->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
  QCOMPARE(panel.panelActions().front(), panel.runAction());
  panel.setFolder(QStringLiteral("/data/eval"));
  QVERIFY(panel.runAction()->isEnabled());
  QVERIFY(!panel.cancelAction()->isEnabled());
}

void EvaluatePanelTest::runEmitsTheFolderAndLocksTheControls() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy requested(&panel, &EvaluatePanel::runRequested);
  panel.setFolder(dir.path());
  panel.runAction()->trigger();
  QCOMPARE(requested.count(), 1);
  QCOMPARE(requested.first().at(0).toString(), QFileInfo(dir.path()).absoluteFilePath());
  QVERIFY(panel.isRunning());
  QVERIFY(!panel.runAction()->isEnabled());
  QVERIFY(panel.cancelAction()->isEnabled());
  QVERIFY(!panel.chooseFolderAction()->isEnabled());
  QVERIFY(!panel.folderEdit()->isEnabled());
  panel.runAction()->trigger();  // disabled: nothing happens
  QVERIFY(!panel.run());
  QCOMPARE(requested.count(), 1);
}

void EvaluatePanelTest::progressReadsDoneOverTotalImages() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setFolder(dir.path());
  panel.run();
  panel.onProgress(123, 2000);
  QCOMPARE(panel.progressBar()->value(), 123);
  QCOMPARE(panel.progressBar()->maximum(), 2000);
  QCOMPARE(panel.progressBar()->text(), QStringLiteral("123 / 2,000 images"));
}

void EvaluatePanelTest::finishedShowsTheResultAndCountsSkippedFiles() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setFolder(dir.path());
  panel.run();
  panel.onProgress(4, 4);
  panel.onFinished(twoClassResult());
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.runAction()->isEnabled());
  QVERIFY(!panel.cancelAction()->isEnabled());
  QCOMPARE(panel.evaluationView()->result(), twoClassResult());
  const QString status = panel.statusLabel()->text();
  QVERIFY2(status.contains("4 images") && status.contains("2 files skipped"), qPrintable(status));
  QVERIFY(panel.statusLabel()->toolTip().contains("broken.png"));
  QVERIFY(panel.errorLabel()->isHidden());
}

void EvaluatePanelTest::cancelAsksOnceAndReportsWhereItStopped() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setFolder(dir.path());
  QSignalSpy cancel(&panel, &EvaluatePanel::cancelRequested);
  panel.run();
  panel.onProgress(123, 2000);
  panel.cancelAction()->trigger();
  QCOMPARE(cancel.count(), 1);
  QVERIFY(!panel.cancelAction()->isEnabled());  // asked once; waiting for the service
  panel.cancel();
  QCOMPARE(cancel.count(), 1);
  panel.onCancelled();
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.runAction()->isEnabled());
  QVERIFY(!panel.cancelAction()->isEnabled());
  QVERIFY2(panel.statusLabel()->text().contains("123 of 2,000"), qPrintable(panel.statusLabel()->text()));
}

void EvaluatePanelTest::failureShowsTheMessageInRedAndAllowsAnotherRun() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setInteractive(false);
  panel.setFolder(dir.path());
  QSignalSpy errors(&panel, &EvaluatePanel::errorShown);
  panel.run();
  panel.onFailed(QStringLiteral("no class folders in /data/eval"));
  QCOMPARE(errors.count(), 1);
  QCOMPARE(errors.first().at(0).toString(), QStringLiteral("no class folders in /data/eval"));
  QVERIFY(!panel.errorLabel()->isHidden());
  QCOMPARE(panel.errorLabel()->text(), QStringLiteral("no class folders in /data/eval"));
  QVERIFY(panel.errorLabel()->styleSheet().contains("color"));
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.runAction()->isEnabled());
  QVERIFY(!panel.cancelAction()->isEnabled());
  panel.run();  // a new run hides the old error
  QVERIFY(panel.errorLabel()->isHidden());
}

void EvaluatePanelTest::missingFolderIsReportedWithoutStarting() {
  QTemporaryDir dir;
  EvaluatePanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy requested(&panel, &EvaluatePanel::runRequested);
  QSignalSpy errors(&panel, &EvaluatePanel::errorShown);
  panel.setFolder(dir.filePath("missing"));
  QVERIFY(!panel.run());
  QCOMPARE(requested.count(), 0);
  QCOMPARE(errors.count(), 1);
  QVERIFY(errors.first().at(0).toString().contains("missing"));
  QVERIFY(!panel.isRunning());
}

PROTEXT_TEST_SUITE(EvaluatePanelTest)
#include "evaluate_panel_test.moc"
