#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QProgressBar>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

#include "support/suite.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/panels/ModelPanel.h"

using protext::ModelInfo;
using protext::ModelPanel;

class ModelPanelTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void cleanup();
  void recentListKeepsTheEightLatestMostRecentFirst();
  void missingRecentModelsAreGreyedOut();
  void missingPathIsReportedAndNotRecorded();
  void openingShowsProgressAndDisablesTheOpenActions();
  void openedModelFillsTheInfoForm();
  void failedOpenShowsTheMessage();
  void parameterCountsReadShort_data();
  void parameterCountsReadShort();
  void fingerprintIsShortenedWithTheWholeInTheTooltip();

 private:
  QString touch(const QString& name);
  std::unique_ptr<QTemporaryDir> dir_;
  std::unique_ptr<QSettings> settings_;
};

void ModelPanelTest::init() {
  dir_ = std::make_unique<QTemporaryDir>();
  settings_ = std::make_unique<QSettings>(dir_->filePath("settings.ini"), QSettings::IniFormat);
}

void ModelPanelTest::cleanup() {
  settings_.reset();
  dir_.reset();
}

QString ModelPanelTest::touch(const QString& name) {
  const QString path = dir_->filePath(name);
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return {};
  file.write("weights");
  return path;
}

void ModelPanelTest::recentListKeepsTheEightLatestMostRecentFirst() {
  ModelPanel panel(nullptr, settings_.get());
  QSignalSpy requests(&panel, &ModelPanel::openRequested);
  QStringList paths;
  for (int i = 0; i < 10; ++i) paths << touch(QString("model%1.pt").arg(i));
  // What the model service answers once each has opened.
  auto open = [&panel](const QString& path) {
    panel.openPath(path);
    ModelInfo info;
    info.path = path;
    info.device = "cpu";
    panel.onOpened(info);
  };
  for (const QString& path : paths) open(path);
  QCOMPARE(requests.count(), 10);  // each asks the main window to open it, on the chosen device
  QCOMPARE(requests.last().at(0).toString(), paths.last());
  QCOMPARE(requests.last().at(1).toString(), panel.currentDevice());
  QStringList expected;
  for (int i = 9; i >= 2; --i) expected << paths[i];
  QCOMPARE(panel.recentModels(), expected);
  QCOMPARE(settings_->value(protext::StudioSettings::kRecentModelsKey).toStringList(), expected);
  QCOMPARE(panel.recentList()->count(), 8);
  open(paths[5]);  // reopened: moves to the front, once
  QCOMPARE(panel.recentModels().first(), paths[5]);
  QCOMPARE(panel.recentModels().count(paths[5]), 1);
  QCOMPARE(panel.recentModels().size(), 8);
  QVERIFY(panel.recentList()->item(0)->text().startsWith("model5.pt"));
}

void ModelPanelTest::missingRecentModelsAreGreyedOut() {
  const QString present = touch("ViT-B-32.pt");
  const QString missing = dir_->filePath("gone.safetensors");
  settings_->setValue(protext::StudioSettings::kRecentModelsKey, QStringList{present, missing});
  ModelPanel panel(nullptr, settings_.get());
  QCOMPARE(panel.recentList()->count(), 2);
  const QColor normal = panel.recentList()->item(0)->foreground().color();
  const QColor grey = panel.recentList()->item(1)->foreground().color();
  QVERIFY(normal != grey);
  QCOMPARE(grey, panel.palette().color(QPalette::Disabled, QPalette::Text));
  QVERIFY(panel.recentList()->item(1)->toolTip().contains("missing"));
}

void ModelPanelTest::missingPathIsReportedAndNotRecorded() {
  ModelPanel panel(nullptr, settings_.get());
  panel.setInteractive(false);
  QSignalSpy errors(&panel, &ModelPanel::errorShown);
  panel.openPath(dir_->filePath("nothing-here.pt"));
  QCOMPARE(errors.count(), 1);
  QVERIFY(errors.at(0).at(0).toString().contains("nothing-here.pt"));
  QVERIFY(panel.recentModels().isEmpty());
  // A file that exists but does not open as a model is not offered again either.
  const QString notAModel = touch("notes.pt");
  panel.openPath(notAModel);
  panel.onOpenFailed(notAModel, notAModel + ": not a CLIP checkpoint: expected …");
  QVERIFY(panel.recentModels().isEmpty());
  // The file is named once, by its name; the core's path prefix is not repeated.
  QCOMPARE(errors.last().at(0).toString(), QStringLiteral("Could not open notes.pt: not a CLIP checkpoint: expected …"));
}

void ModelPanelTest::openingShowsProgressAndDisablesTheOpenActions() {
  ModelPanel panel(nullptr, settings_.get());
  panel.onOpening("/models/ViT-B-32.pt");
  QVERIFY(panel.isOpening());
  QVERIFY(panel.progressBar()->isVisibleTo(&panel));
  QCOMPARE(panel.progressBar()->maximum(), 0);  // indeterminate
  QCOMPARE(panel.statusLabel()->text(), QString("Opening ViT-B-32.pt…"));
  QVERIFY(!panel.openFileAction()->isEnabled());
  QVERIFY(!panel.openFolderAction()->isEnabled());
  QVERIFY(!panel.openEmbeddedAction()->isEnabled());
  QVERIFY(!panel.deviceCombo()->isEnabled());
  ModelInfo info;
  info.path = "/models/ViT-B-32.pt";
  info.device = "cpu";
  panel.onOpened(info);
  QVERIFY(!panel.isOpening());
  QVERIFY(!panel.progressBar()->isVisibleTo(&panel));
  QVERIFY(panel.openFileAction()->isEnabled());
  QVERIFY(panel.openFolderAction()->isEnabled());
  QVERIFY(panel.deviceCombo()->isEnabled());
}

void ModelPanelTest::openedModelFillsTheInfoForm() {
  ModelPanel panel(nullptr, settings_.get());
  ModelInfo info;  // ViT-B/32's published shape
  info.path = "/models/ViT-B-32.pt";
  info.format = "openai";
  info.device = "cpu";
  info.precision = "fp32";
  info.embedDim = 512;
  info.visionWidth = 768;
  info.visionLayers = 12;
  info.visionHeads = 12;
  info.patchSize = 32;
  info.imageSize = 224;
  info.textWidth = 512;
  info.textLayers = 12;
  info.textHeads = 8;
  info.contextLength = 77;
  info.vocabSize = 49408;
  info.parameters = 151277313;
  info.fingerprint = "0123456789abcdef0123";
  panel.onOpened(info);
  QCOMPARE(panel.info().path, info.path);
  QCOMPARE(panel.infoValue("path")->text(), QString("ViT-B-32.pt"));
  QCOMPARE(panel.infoValue("path")->toolTip(), QString("/models/ViT-B-32.pt"));
  QCOMPARE(panel.infoValue("format")->text(), QString("openai"));
  QCOMPARE(panel.infoValue("device")->text(), QString("CPU · fp32"));
  QCOMPARE(panel.infoValue("embedDim")->text(), QString("512 dimensions"));
  QCOMPARE(panel.infoValue("vision")->text(), QString("width 768 · 12 layers · 12 heads"));
  QCOMPARE(panel.infoValue("image")->text(), QString("224 px · patch 32"));
  QCOMPARE(panel.infoValue("text")->text(), QString("width 512 · 12 layers · 8 heads"));
  QCOMPARE(panel.infoValue("tokens")->text(), QString("context 77 · vocabulary 49408"));
  QCOMPARE(panel.infoValue("parameters")->text(), QString("151 M"));
  QCOMPARE(panel.infoValue("fingerprint")->text(), QString("0123456789ab…"));
  QVERIFY(panel.infoValue("vision")->isVisibleTo(&panel));
}

void ModelPanelTest::failedOpenShowsTheMessage() {
  ModelPanel panel(nullptr, settings_.get());
  panel.setInteractive(false);
  QSignalSpy errors(&panel, &ModelPanel::errorShown);
  panel.onOpening("/models/broken.pt");
  panel.onOpenFailed("/models/broken.pt", "tensor 'visual.proj' has shape [512, 768]");
  QVERIFY(!panel.isOpening());
  QVERIFY(panel.openFileAction()->isEnabled());
  QCOMPARE(errors.count(), 1);
  QVERIFY(panel.errorLabel()->isVisibleTo(&panel));
  QVERIFY(panel.errorLabel()->text().contains("broken.pt"));
  QVERIFY(panel.errorLabel()->text().contains("visual.proj"));
  QCOMPARE(errors.at(0).at(0).toString(), panel.errorLabel()->text());
  panel.onOpening("/models/good.pt");  // a new attempt clears the old error
  QVERIFY(!panel.errorLabel()->isVisibleTo(&panel));
}

void ModelPanelTest::parameterCountsReadShort_data() {
  QTest::addColumn<qint64>("count");
  QTest::addColumn<QString>("text");
  QTest::newRow("small") << qint64(999) << "999";
  QTest::newRow("thousands") << qint64(12345) << "12.3 K";
  QTest::newRow("mini model") << qint64(1736704) << "1.7 M";
  QTest::newRow("ViT-B/32") << qint64(151277313) << "151 M";
  QTest::newRow("ViT-L/14") << qint64(427616513) << "428 M";
  QTest::newRow("rounds up a unit") << qint64(999600) << "1.0 M";
  QTest::newRow("billions") << qint64(2540000000) << "2.5 G";
}

void ModelPanelTest::parameterCountsReadShort() {
  QFETCH(qint64, count);
  QFETCH(QString, text);
  QCOMPARE(ModelPanel::formatParameters(count), text);
}

void ModelPanelTest::fingerprintIsShortenedWithTheWholeInTheTooltip() {
  QCOMPARE(ModelPanel::shortFingerprint("abc"), QString("abc"));
  QCOMPARE(ModelPanel::shortFingerprint("3f9a0c17be24d5e8a1b2"), QString("3f9a0c17be24…"));
  ModelPanel panel(nullptr, settings_.get());
  ModelInfo info;
  info.path = "/m.pt";
  info.fingerprint = "3f9a0c17be24d5e8a1b2";
  panel.onOpened(info);
  QCOMPARE(panel.infoValue("fingerprint")->toolTip(), info.fingerprint);
}

PROTEXT_TEST_SUITE(ModelPanelTest)
#include "model_panel_test.moc"
