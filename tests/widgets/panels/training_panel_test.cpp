#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QScrollArea>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

#include "support/suite.h"
#include "widgets/panels/TrainingPanel.h"
#include "widgets/views/LossPlot.h"

using protext::TrainingPanel;
using protext::TrainProgress;
using protext::TrainConfig;
using protext::TrainRequest;

namespace {

// A safetensors file holding only a header whose metadata is what protext train writes.
void writeCheckpoint(const QString& path, const QJsonObject& protextMeta) {
  QJsonObject metadata;
  metadata["protext"] = QString::fromUtf8(QJsonDocument(protextMeta).toJson(QJsonDocument::Compact));
  QJsonObject header;
  header["__metadata__"] = metadata;
  const QByteArray json = QJsonDocument(header).toJson(QJsonDocument::Compact);
  char size[8];
  qToLittleEndian<quint64>(quint64(json.size()), size);
  QFile file(path);
  QVERIFY(file.open(QIODevice::WriteOnly));
  file.write(size, 8);
  file.write(json);
}

TrainProgress progressAt(int epoch, qint64 step, double epochMean = -1) {
  TrainProgress p;
  p.epoch = epoch;
  p.epochs = 10;
  p.step = step;
  p.steps = 400;
  p.loss = 1.0 / double(step);
  p.lr = 0.03;
  p.samples_per_s = 850;
  p.eta_s = 42;
  p.epoch_mean_loss = epochMean;
  return p;
}

}  // namespace

class TrainingPanelTest : public QObject {
  Q_OBJECT
 private slots:
  void initTestCase();
  void presetsSetTheReferenceDefaults_data();
  void presetsSetTheReferenceDefaults();
  void choosingAPresetInTheComboAppliesIt();
  void presetComboListsTheCorePresetsWithTranslatedLabels();
  void settingsRoundTripThroughSetSettings();
  void editsMarkThePresetModifiedAndRestoreDefaultsUndoesThem();
  void setMaxDepthClampsTheDepth();
  void startEmitsTheSettingsWithANewRunFile();
  void templateWithoutPlaceholderIsRefused();
  void startedRunDisablesEverythingButStop();
  void progressFeedsThePlotAndTheProgressText();
  void durationsReadAsClockTimes_data();
  void durationsReadAsClockTimes();
  void stopShowsStoppingAndCannotBeRepeated();
  void finishedRunReenablesStartAndEmitsPromptsReady();
  void stoppedRunOffersPromptsOnlyWhenACheckpointExists();
  void failureReenablesStartAndReportsTheMessage();
  void savePromptsCopiesTheCheckpoint();
  void resumeContinuesTheCheckpointWithItsSettings();
  void resumeRefusesFilesNotWrittenByTraining();
  void resumeAndProjectsBringBackTheLossCurve();
  void logKeepsAtMostFiveThousandLines();
};

void TrainingPanelTest::initTestCase() { QStandardPaths::setTestModeEnabled(true); }

void TrainingPanelTest::presetsSetTheReferenceDefaults_data() {
  QTest::addColumn<QString>("preset");
  QTest::addColumn<int>("epochs");
  QTest::addColumn<double>("lr");
  QTest::addColumn<int>("nCtx");
  // The released configs of the ProText paper.
  QTest::newRow("cross-dataset") << "cross-dataset" << 10 << 0.03 << 4;
  QTest::newRow("base2novel") << "base2novel" << 30 << 0.03 << 4;
  QTest::newRow("text-only") << "text-only" << 200 << 0.0025 << 16;
}

void TrainingPanelTest::presetsSetTheReferenceDefaults() {
  QFETCH(QString, preset);
  QFETCH(int, epochs);
  QFETCH(double, lr);
  QFETCH(int, nCtx);
  TrainingPanel panel(nullptr);
  panel.applyPreset("text-only");
  panel.applyPreset("base2novel");
  panel.applyPreset(preset);
  const TrainConfig s = panel.settings();
  QCOMPARE(QString::fromStdString(s.preset), preset);
  QCOMPARE(s.epochs, epochs);
  QCOMPARE(s.lr, lr);
  QCOMPARE(s.prompts.n_ctx, int64_t(nCtx));
  QCOMPARE(s.prompts.depth, int64_t(9));
  QCOMPARE(s.steps, int64_t(0));
  QCOMPARE(s.batch_size, 256);
  QCOMPARE(s.full_batch, false);
  QCOMPARE(s.shuffle, true);
  QCOMPARE(s.weight_decay, 0.1);
  QCOMPARE(s.schedule, std::string("reference"));
  QCOMPARE(s.loss, std::string("l1"));
  QCOMPARE(s.text_template, std::string("a photo of a {}."));
  QCOMPARE(s.seed, uint64_t(1));
  QVERIFY(s == protext::preset_config(preset.toStdString()));  // the core's preset, as it is
  QVERIFY(!panel.isModified());
}

void TrainingPanelTest::choosingAPresetInTheComboAppliesIt() {
  TrainingPanel panel(nullptr);
  QComboBox* combo = panel.presetCombo();
  QCOMPARE(combo->currentData().toString(), QString("cross-dataset"));
  const int textOnly = combo->findData("text-only");
  QVERIFY(textOnly >= 0);
  combo->setCurrentIndex(textOnly);
  emit combo->activated(textOnly);
  QCOMPARE(panel.settings().epochs, 200);
  QCOMPARE(panel.settings().prompts.n_ctx, int64_t(16));
  QCOMPARE(panel.settings().lr, 0.0025);
}

void TrainingPanelTest::presetComboListsTheCorePresetsWithTranslatedLabels() {
  TrainingPanel panel(nullptr);
  QComboBox* combo = panel.presetCombo();
  const std::vector<std::string> names = protext::preset_names();
  QCOMPARE(combo->count(), int(names.size()));
  for (int i = 0; i < combo->count(); ++i) {
    QCOMPARE(combo->itemData(i).toString().toStdString(), names[size_t(i)]);
    QCOMPARE(combo->itemText(i), TrainingPanel::presetLabel(combo->itemData(i).toString()));
  }
  QCOMPARE(TrainingPanel::presetLabel("base2novel"), QString("Base to novel"));
}

void TrainingPanelTest::settingsRoundTripThroughSetSettings() {
  TrainingPanel panel(nullptr);
  TrainConfig s;
  s.preset = "base2novel";
  s.epochs = 7;
  s.steps = 123;
  s.batch_size = 64;
  s.full_batch = true;
  s.shuffle = false;
  s.lr = 0.00125;
  s.weight_decay = 0.05;
  s.beta1 = 0.8;  // no editor: passes through unchanged
  s.eps = 1e-6;
  s.schedule = "cosine";
  s.loss = "mse";
  s.prompts.n_ctx = 8;
  s.prompts.depth = 3;
  s.prompts.init_text = "a drawing of a";
  s.text_template = "a drawing of a {}, a kind of bird.";
  s.seed = 12345;
  panel.setSettings(s);
  const TrainConfig back = panel.settings();
  QCOMPARE(back.preset, s.preset);
  QCOMPARE(back.epochs, 7);
  QCOMPARE(back.steps, int64_t(123));
  QCOMPARE(back.batch_size, 64);
  QCOMPARE(back.full_batch, true);
  QCOMPARE(back.shuffle, false);
  QCOMPARE(back.lr, 0.00125);
  QCOMPARE(back.weight_decay, 0.05);
  QCOMPARE(back.schedule, std::string("cosine"));
  QCOMPARE(back.loss, std::string("mse"));
  QCOMPARE(back.prompts.n_ctx, int64_t(8));
  QCOMPARE(back.prompts.depth, int64_t(3));
  QCOMPARE(back.text_template, s.text_template);
  QCOMPARE(back.seed, uint64_t(12345));
  QVERIFY(back == s);
  QVERIFY(panel.isModified());
}

void TrainingPanelTest::editsMarkThePresetModifiedAndRestoreDefaultsUndoesThem() {
  TrainingPanel panel(nullptr);
  auto* epochs = panel.findChild<QSpinBox*>("epochsSpin");
  QVERIFY(epochs);
  epochs->setValue(25);
  QVERIFY(panel.isModified());
  QCOMPARE(panel.settings().epochs, 25);
  panel.restoreDefaults();
  QVERIFY(!panel.isModified());
  QCOMPARE(panel.settings().epochs, 10);
  QCOMPARE(panel.settings().preset, std::string("cross-dataset"));
}

void TrainingPanelTest::setMaxDepthClampsTheDepth() {
  TrainingPanel panel(nullptr);
  QCOMPARE(panel.settings().prompts.depth, int64_t(9));
  panel.setMaxDepth(4);  // the embedded mini model's text tower
  QCOMPARE(panel.maxDepth(), 4);
  QCOMPARE(panel.settings().prompts.depth, int64_t(4));
  QVERIFY(!panel.isModified());  // the preset, as deep as this model allows
  panel.applyPreset("base2novel");
  QCOMPARE(panel.settings().prompts.depth, int64_t(4));
  panel.setMaxDepth(12);  // ViT-B/32's text tower: the depth is not raised behind the user's back
  QCOMPARE(panel.maxDepth(), 12);
  QCOMPARE(panel.settings().prompts.depth, int64_t(4));
  QVERIFY(panel.isModified());
  panel.restoreDefaults();
  QCOMPARE(panel.settings().prompts.depth, int64_t(9));
}

void TrainingPanelTest::startEmitsTheSettingsWithANewRunFile() {
  TrainingPanel panel;
  panel.setInteractive(false);
  panel.applyPreset("base2novel");
  QSignalSpy spy(&panel, &TrainingPanel::startRequested);
  panel.startAction()->trigger();
  QCOMPARE(spy.count(), 1);
  const auto s = spy.at(0).at(0).value<TrainRequest>();
  QCOMPARE(s.config.epochs, 30);
  QCOMPARE(s.config.preset, std::string("base2novel"));
  QVERIFY(s.resumePath.isEmpty());
  const QString runs = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + "/runs/";
  QVERIFY2(s.outPath.startsWith(runs), qPrintable(s.outPath));
  QVERIFY(s.outPath.endsWith(".safetensors"));
  QVERIFY(QFileInfo(runs).isDir());
  // Nobody took the run, so the panel stays ready to start.
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.startAction()->isEnabled());
  // A service that takes it says so before start() returns: the panel runs from then on.
  connect(&panel, &TrainingPanel::startRequested, &panel, [&panel] { panel.onPreparing(); });
  panel.startAction()->trigger();
  QVERIFY(panel.isRunning());
  QVERIFY(!panel.startAction()->isEnabled());
  QCOMPARE(panel.progressBar()->format(), QString("Preparing…"));
}

void TrainingPanelTest::templateWithoutPlaceholderIsRefused() {
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  TrainConfig s = panel.settings();
  s.text_template = "a photo";
  panel.setSettings(s);
  QSignalSpy starts(&panel, &TrainingPanel::startRequested);
  QSignalSpy errors(&panel, &TrainingPanel::errorShown);
  panel.start();
  QCOMPARE(starts.count(), 0);
  QCOMPARE(errors.count(), 1);
  QVERIFY(errors.at(0).at(0).toString().contains("{}"));
  QVERIFY(errors.at(0).at(0).toString().contains("'template'"));
}

void TrainingPanelTest::startedRunDisablesEverythingButStop() {
  TrainingPanel panel;
  QVERIFY(!panel.stopAction()->isEnabled());
  panel.onStarted(400);
  QVERIFY(panel.isRunning());
  QVERIFY(panel.stopAction()->isEnabled());
  QVERIFY(!panel.startAction()->isEnabled());
  QVERIFY(!panel.resumeAction()->isEnabled());
  QVERIFY(!panel.loadPromptsAction()->isEnabled());
  QVERIFY(!panel.importCheckpointAction()->isEnabled());
  QVERIFY(!panel.savePromptsAction()->isEnabled());
  QVERIFY(!panel.presetCombo()->isEnabled());
  QVERIFY(!panel.settingsArea()->isEnabled());
  QCOMPARE(panel.progressBar()->maximum(), 400);
  QCOMPARE(panel.progressBar()->value(), 0);
  QVERIFY(panel.log()->toPlainText().contains("400 steps"));
}

void TrainingPanelTest::progressFeedsThePlotAndTheProgressText() {
  TrainingPanel panel(nullptr);
  panel.onStarted(400);
  for (qint64 step = 1; step <= 40; ++step) panel.onProgress(progressAt(0, step, step == 40 ? 0.5 : -1));
  QCOMPARE(panel.lossPlot()->stepPointCount(), 40);
  QCOMPARE(panel.lossPlot()->epochPointCount(), 1);
  panel.onProgress(progressAt(2, 120));
  QCOMPARE(panel.lossPlot()->stepPointCount(), 41);
  QCOMPARE(panel.lossPlot()->epochPointCount(), 1);
  QCOMPARE(panel.progressBar()->value(), 120);
  QCOMPARE(panel.progressBar()->maximum(), 400);
  QCOMPARE(panel.progressBar()->format(), QString("epoch 3/10 · step 120/400 · 850 samples/s · ETA 0:42"));
  QVERIFY(panel.log()->toPlainText().contains("Epoch 1/10: mean loss 0.50000"));
}

void TrainingPanelTest::durationsReadAsClockTimes_data() {
  QTest::addColumn<double>("seconds");
  QTest::addColumn<QString>("text");
  QTest::newRow("seconds") << 42.0 << "0:42";
  QTest::newRow("rounded") << 59.6 << "1:00";
  QTest::newRow("minutes") << 605.0 << "10:05";
  QTest::newRow("hours") << 3725.0 << "1:02:05";
  QTest::newRow("negative") << -3.0 << "0:00";
}

void TrainingPanelTest::durationsReadAsClockTimes() {
  QFETCH(double, seconds);
  QFETCH(QString, text);
  QCOMPARE(TrainingPanel::formatDuration(seconds), text);
}

void TrainingPanelTest::stopShowsStoppingAndCannotBeRepeated() {
  TrainingPanel panel;
  QSignalSpy stops(&panel, &TrainingPanel::stopRequested);
  panel.onStarted(400);
  panel.onProgress(progressAt(0, 5));
  panel.stopAction()->trigger();
  panel.stop();
  QCOMPARE(stops.count(), 1);
  QVERIFY(!panel.stopAction()->isEnabled());
  QVERIFY(panel.isRunning());  // until the service says it finished
  QVERIFY(panel.progressBar()->format().startsWith("Stopping"));
  panel.onProgress(progressAt(0, 6));  // the step in flight still reports
  QVERIFY(panel.progressBar()->format().startsWith("Stopping"));
  QCOMPARE(panel.lossPlot()->stepPointCount(), 2);
}

void TrainingPanelTest::finishedRunReenablesStartAndEmitsPromptsReady() {
  TrainingPanel panel(nullptr);
  QSignalSpy ready(&panel, &TrainingPanel::promptsReady);
  panel.onStarted(400);
  panel.onProgress(progressAt(9, 400, 0.3));
  panel.onFinished("/tmp/runs/a.safetensors", false, QString());
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.startAction()->isEnabled());
  QVERIFY(!panel.stopAction()->isEnabled());
  QVERIFY(panel.settingsArea()->isEnabled());
  QVERIFY(panel.savePromptsAction()->isEnabled());
  QCOMPARE(panel.checkpointPath(), QString("/tmp/runs/a.safetensors"));
  QCOMPARE(ready.count(), 1);
  QCOMPARE(ready.at(0).at(0).toString(), QString("/tmp/runs/a.safetensors"));
  QCOMPARE(panel.progressBar()->value(), 400);
}

void TrainingPanelTest::stoppedRunOffersPromptsOnlyWhenACheckpointExists() {
  TrainingPanel panel(nullptr);
  QSignalSpy ready(&panel, &TrainingPanel::promptsReady);
  panel.onStarted(400);
  panel.onFinished(QString(), true, QString());
  QCOMPARE(ready.count(), 0);
  QVERIFY(!panel.savePromptsAction()->isEnabled());
  QVERIFY(panel.startAction()->isEnabled());
  panel.onStarted(400);
  panel.onFinished("/tmp/runs/b.safetensors", true, "kept epoch 3");
  QCOMPARE(ready.count(), 1);
  QVERIFY(panel.savePromptsAction()->isEnabled());
  QVERIFY(panel.log()->toPlainText().contains("kept epoch 3"));
}

void TrainingPanelTest::failureReenablesStartAndReportsTheMessage() {
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy errors(&panel, &TrainingPanel::errorShown);
  QSignalSpy ready(&panel, &TrainingPanel::promptsReady);
  panel.onStarted(400);
  panel.onFailed("the device ran out of memory at batch size 256");
  QVERIFY(!panel.isRunning());
  QVERIFY(panel.startAction()->isEnabled());
  QCOMPARE(errors.count(), 1);
  QVERIFY(errors.at(0).at(0).toString().contains("ran out of memory"));
  QVERIFY(panel.log()->toPlainText().contains("ran out of memory"));
  QCOMPARE(ready.count(), 0);
}

void TrainingPanelTest::savePromptsCopiesTheCheckpoint() {
  QTemporaryDir dir;
  const QString checkpoint = dir.filePath("run.safetensors");
  {
    QFile file(checkpoint);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("prompt bytes");
  }
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  QVERIFY(!panel.savePromptsTo(dir.filePath("none.safetensors")));  // nothing trained yet
  panel.onFinished(checkpoint, false, QString());
  const QString copy = dir.filePath("birds.safetensors");
  {
    QFile old(copy);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("an older, longer file that must be replaced");
  }
  QVERIFY(panel.savePromptsTo(copy));
  QFile saved(copy);
  QVERIFY(saved.open(QIODevice::ReadOnly));
  QCOMPARE(saved.readAll(), QByteArray("prompt bytes"));
  QVERIFY(!QFile::exists(copy + ".part"));
}

void TrainingPanelTest::resumeAndProjectsBringBackTheLossCurve() {
  QTemporaryDir dir;
  const QString path = dir.filePath("run.safetensors");
  QJsonObject training{{"preset", "cross-dataset"}, {"epochs", 5}, {"steps", 0}, {"batch_size", 4},
                       {"full_batch", false}, {"shuffle", true}, {"lr", 0.01}, {"weight_decay", 0.1},
                       {"schedule", "constant"}, {"loss", "l1"}, {"n_ctx", 4}, {"depth", 2},
                       {"template", "a photo of a {}."}, {"seed", 1}};
  writeCheckpoint(path, QJsonObject{{"training", training}, {"epochs_done", 2}, {"steps_done", 4},
                                    {"step_losses", QJsonArray{0.5, 0.4, 0.3, 0.2}},
                                    {"epoch_losses", QJsonArray{0.45, 0.25}}});
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  panel.resumeFrom(path);
  panel.onStarted(10);
  // The first two epochs are drawn again, and the run goes on from step 5.
  QCOMPARE(panel.lossPlot()->stepPointCount(), 4);
  QCOMPARE(panel.lossPlot()->epochPointCount(), 2);
  panel.onProgress(progressAt(2, 5));
  QCOMPARE(panel.lossPlot()->stepPointCount(), 5);

  // A project whose prompts came from that run shows its curve on opening.
  TrainingPanel reopened(nullptr);
  QVERIFY(reopened.showHistory(path));
  QCOMPARE(reopened.lossPlot()->stepPointCount(), 4);
  QCOMPARE(reopened.lossPlot()->epochPointCount(), 2);
  // Prompts without a training history leave the plot as it is.
  QVERIFY(!reopened.showHistory(dir.filePath("not-there.safetensors")));
  QCOMPARE(reopened.lossPlot()->stepPointCount(), 4);
  // A fresh start never draws the history of an earlier resume.
  TrainingPanel fresh(nullptr);
  fresh.setInteractive(false);
  fresh.resumeFrom(path);
  fresh.onFailed("no model");
  fresh.start();
  fresh.onStarted(10);
  QCOMPARE(fresh.lossPlot()->stepPointCount(), 0);
}

void TrainingPanelTest::resumeContinuesTheCheckpointWithItsSettings() {
  QTemporaryDir dir;
  const QString path = dir.filePath("run.safetensors");
  QJsonObject training{{"preset", "base2novel"}, {"epochs", 30}, {"steps", 0}, {"batch_size", 32},
                       {"full_batch", false}, {"shuffle", true}, {"lr", 0.01}, {"weight_decay", 0.2},
                       {"schedule", "cosine"}, {"loss", "mse"}, {"n_ctx", 8}, {"depth", 3},
                       {"template", "a sketch of a {}."}, {"seed", 7}};
  writeCheckpoint(path, QJsonObject{{"training", training}, {"epochs_done", 12}});
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  QSignalSpy spy(&panel, &TrainingPanel::startRequested);
  panel.resumeFrom(path);
  QCOMPARE(spy.count(), 1);
  const auto request = spy.at(0).at(0).value<TrainRequest>();
  QCOMPARE(request.resumePath, path);
  QCOMPARE(request.outPath, path);
  const TrainConfig& s = request.config;
  QCOMPARE(s.preset, std::string("base2novel"));
  QCOMPARE(s.epochs, 30);
  QCOMPARE(s.batch_size, 32);
  QCOMPARE(s.lr, 0.01);
  QCOMPARE(s.weight_decay, 0.2);
  QCOMPARE(s.schedule, std::string("cosine"));
  QCOMPARE(s.loss, std::string("mse"));
  QCOMPARE(s.prompts.n_ctx, int64_t(8));
  QCOMPARE(s.prompts.depth, int64_t(3));
  QCOMPARE(s.text_template, std::string("a sketch of a {}."));
  QCOMPARE(s.seed, uint64_t(7));
  QVERIFY(panel.log()->toPlainText().contains("after epoch 12 of 30"));
}

void TrainingPanelTest::resumeRefusesFilesNotWrittenByTraining() {
  QTemporaryDir dir;
  const QString foreign = dir.filePath("model.pth.tar-5");
  {
    QFile file(foreign);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("PK\x03\x04 a zip archive, not safetensors");
  }
  const QString deep = dir.filePath("deep.safetensors");
  writeCheckpoint(deep, QJsonObject{{"training", QJsonObject{{"depth", 12}}}, {"epochs_done", 1}});
  TrainingPanel panel(nullptr);
  panel.setInteractive(false);
  panel.setMaxDepth(4);
  QSignalSpy starts(&panel, &TrainingPanel::startRequested);
  QSignalSpy errors(&panel, &TrainingPanel::errorShown);
  panel.resumeFrom(foreign);
  panel.resumeFrom(deep);  // trained on a deeper text tower than the open model has
  QCOMPARE(starts.count(), 0);
  QCOMPARE(errors.count(), 2);
  QVERIFY(errors.at(0).at(0).toString().contains("model.pth.tar-5"));
  QVERIFY(errors.at(1).at(0).toString().contains("12 layers deep"));
}

void TrainingPanelTest::logKeepsAtMostFiveThousandLines() {
  TrainingPanel panel(nullptr);
  for (int i = 0; i < 6000; ++i) panel.appendLog(QString("line %1").arg(i));
  QCOMPARE(panel.log()->blockCount(), 5000);
  QVERIFY(panel.log()->toPlainText().endsWith("line 5999"));
}

PROTEXT_TEST_SUITE(TrainingPanelTest)
#include "training_panel_test.moc"
