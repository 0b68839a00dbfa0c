#include "widgets/panels/TrainingPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QStandardPaths>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

#include "widgets/common/ErrorReport.h"
#include "widgets/panels/TrainingSettingsForm.h"
#include "widgets/views/LossPlot.h"

namespace protext {
namespace {

const QColor kErrorColor(190, 30, 30);

QToolButton* actionButton(QAction* action, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  return button;
}

QString shortName(const QString& path) { return QFileInfo(path).fileName(); }

// Only the hyper-parameters: the preset's name is not a setting a preset could differ in.
// The spin boxes round rates to their decimals, so those compare loosely.
bool sameHyperParameters(TrainConfig a, TrainConfig b) {
  if (!qFuzzyCompare(a.lr, b.lr) || !qFuzzyCompare(a.weight_decay, b.weight_decay)) return false;
  a.lr = b.lr;
  a.weight_decay = b.weight_decay;
  a.preset = b.preset;
  return a == b;
}

std::string localPath(const QString& path) { return QFile::encodeName(path).toStdString(); }

}  // namespace

TrainingPanel::TrainingPanel(QWidget* parent) : QWidget(parent) {
  setObjectName(QStringLiteral("trainingPanel"));
  last_dir_ = QDir::homePath();
  buildActions();
  buildLayout();
  applyPreset(QStringLiteral("cross-dataset"));
  updateState();
}

QString TrainingPanel::presetLabel(const QString& preset) {
  if (preset == QLatin1String("cross-dataset")) return tr("Cross-dataset");
  if (preset == QLatin1String("base2novel")) return tr("Base to novel");
  if (preset == QLatin1String("text-only")) return tr("Text only");
  return preset;  // a preset newer than this label list
}

QString TrainingPanel::newRunPath() {
  const QString dir = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs");
  QDir().mkpath(dir);
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"));
  QString path = dir + QLatin1Char('/') + stamp + QStringLiteral(".safetensors");
  for (int n = 2; QFileInfo::exists(path); ++n)
    path = dir + QLatin1Char('/') + stamp + QStringLiteral("-%1.safetensors").arg(n);
  return path;
}

QString TrainingPanel::formatDuration(double seconds) {
  const qint64 total = qMax<qint64>(0, qRound64(seconds));
  const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
  if (h > 0) return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString TrainingPanel::progressText(const TrainProgress& p) {
  QStringList parts{tr("epoch %1/%2").arg(p.epoch + 1).arg(p.epochs), tr("step %1/%2").arg(p.step).arg(p.steps)};
  if (p.samples_per_s > 0) parts << tr("%1 samples/s").arg(qRound64(p.samples_per_s));
  if (p.eta_s > 0 && p.step < p.steps) parts << tr("ETA %1").arg(formatDuration(p.eta_s));
  return parts.join(QStringLiteral(" · "));
}

void TrainingPanel::buildActions() {
  start_ = new QAction(QIcon(QStringLiteral(":/icons/train-start.svg")), tr("&Start training"), this);
  start_->setObjectName(QStringLiteral("startTrainingAction"));
  start_->setShortcut(QKeySequence(Qt::Key_F5));
  start_->setToolTip(tr("Learn prompts from the class descriptions with these settings (F5)"));
  connect(start_, &QAction::triggered, this, &TrainingPanel::start);

  stop_ = new QAction(QIcon(QStringLiteral(":/icons/train-stop.svg")), tr("S&top training"), this);
  stop_->setObjectName(QStringLiteral("stopTrainingAction"));
  stop_->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F5));
  stop_->setToolTip(tr("Stop after the current step; the checkpoint keeps the last finished epoch (Shift+F5)"));
  connect(stop_, &QAction::triggered, this, &TrainingPanel::stop);

  resume_ = new QAction(QIcon(QStringLiteral(":/icons/train-resume.svg")), tr("&Resume training…"), this);
  resume_->setObjectName(QStringLiteral("resumeTrainingAction"));
  resume_->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_F5));
  resume_->setToolTip(tr("Continue an interrupted run from its checkpoint, with the settings it was started with (Ctrl+F5)"));
  connect(resume_, &QAction::triggered, this, &TrainingPanel::chooseResume);

  save_prompts_ = new QAction(QIcon(QStringLiteral(":/icons/export.svg")), tr("Sa&ve prompts…"), this);
  save_prompts_->setObjectName(QStringLiteral("savePromptsAction"));
  save_prompts_->setShortcut(QKeySequence(tr("Ctrl+Alt+S")));
  save_prompts_->setToolTip(tr("Save a copy of the prompts the last run learned (Ctrl+Alt+S)"));
  connect(save_prompts_, &QAction::triggered, this, &TrainingPanel::chooseSave);

  load_prompts_ = new QAction(QIcon(QStringLiteral(":/icons/prompts.svg")), tr("&Load prompts…"), this);
  load_prompts_->setObjectName(QStringLiteral("loadPromptsAction"));
  load_prompts_->setShortcut(QKeySequence(tr("Ctrl+L")));
  load_prompts_->setToolTip(tr("Use prompts saved by ProText Studio or protext train for the ProText method (Ctrl+L)"));
  connect(load_prompts_, &QAction::triggered, this, [this] { chooseLoad(false); });

  import_checkpoint_ = new QAction(QIcon(QStringLiteral(":/icons/import.svg")), tr("&Import authors' checkpoint…"), this);
  import_checkpoint_->setObjectName(QStringLiteral("importCheckpointAction"));
  import_checkpoint_->setShortcut(QKeySequence(tr("Ctrl+Shift+L")));
  import_checkpoint_->setToolTip(
      tr("Use a prompt checkpoint released with the ProText paper (a Dassl model.pth.tar file) (Ctrl+Shift+L)"));
  connect(import_checkpoint_, &QAction::triggered, this, [this] { chooseLoad(true); });
}

void TrainingPanel::buildLayout() {
  auto* layout = new QVBoxLayout(this);

  // Two rows: in one, the five buttons set the dock's width beyond a laptop screen's share.
  auto* bar = new QHBoxLayout;
  for (QAction* action : {start_, stop_, resume_}) bar->addWidget(actionButton(action, this));
  bar->addStretch();
  layout->addLayout(bar);
  bar = new QHBoxLayout;
  bar->addStretch();
  auto* save_button = actionButton(save_prompts_, this);
  save_button->setObjectName(QStringLiteral("savePromptsButton"));
  bar->addWidget(save_button);
  // Loading is the rarer way in: two choices behind one button keep the bar narrow.
  auto* load_button = new QToolButton(this);
  load_button->setObjectName(QStringLiteral("loadPromptsButton"));
  load_button->setText(tr("Load"));
  load_button->setIcon(QIcon(QStringLiteral(":/icons/prompts.svg")));
  load_button->setToolTip(tr("Load prompts saved earlier, or the authors' released checkpoint"));
  load_button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  load_button->setPopupMode(QToolButton::InstantPopup);
  auto* load_menu = new QMenu(load_button);
  load_menu->addAction(load_prompts_);
  load_menu->addAction(import_checkpoint_);
  load_button->setMenu(load_menu);
  bar->addWidget(load_button);
  layout->addLayout(bar);

  auto* splitter = new QSplitter(Qt::Horizontal, this);
  splitter->setObjectName(QStringLiteral("trainingSplitter"));
  splitter->setChildrenCollapsible(false);

  auto* left = new QWidget(splitter);
  auto* left_layout = new QVBoxLayout(left);
  left_layout->setContentsMargins(0, 0, 0, 0);
  auto* preset_row = new QHBoxLayout;
  auto* preset_label = new QLabel(tr("&Preset:"), left);
  preset_ = new QComboBox(left);
  preset_->setObjectName(QStringLiteral("presetCombo"));
  for (const std::string& name : preset_names())
    preset_->addItem(presetLabel(QString::fromStdString(name)), QString::fromStdString(name));
  preset_->setToolTip(tr("The paper's settings: cross-dataset 10 epochs, base-to-novel 30, text-only 200 epochs "
                         "with 16 context vectors"));
  preset_label->setBuddy(preset_);
  restore_ = new QPushButton(tr("Restore defaults"), left);
  restore_->setObjectName(QStringLiteral("restoreDefaultsButton"));
  restore_->setToolTip(tr("Set every value back to the preset's"));
  preset_row->addWidget(preset_label);
  preset_row->addWidget(preset_, 1);
  preset_row->addWidget(restore_);
  left_layout->addLayout(preset_row);
  modified_ = new QLabel(tr("Changed from the preset"), left);
  modified_->setObjectName(QStringLiteral("modifiedLabel"));
  modified_->setForegroundRole(QPalette::PlaceholderText);
  left_layout->addWidget(modified_);

  settings_area_ = new QScrollArea(left);
  settings_area_->setObjectName(QStringLiteral("trainingSettingsArea"));
  settings_area_->setWidgetResizable(true);
  settings_area_->setFrameShape(QFrame::NoFrame);
  settings_area_->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);
  form_ = new TrainingSettingsForm;
  connect(form_, &TrainingSettingsForm::changed, this, &TrainingPanel::updateModified);
  settings_area_->setWidget(form_);
  // Wide enough for the labels and the fields without a horizontal bar where there is room;
  // on a narrow screen the form scrolls instead of widening the dock.
  const int form_width = settings_area_->widget()->minimumSizeHint().width();
  settings_area_->setMinimumWidth(std::min(form_width + settings_area_->verticalScrollBar()->sizeHint().width(), 260));
  left_layout->addWidget(settings_area_, 1);
  splitter->addWidget(left);

  auto* right = new QSplitter(Qt::Vertical, splitter);
  right->setChildrenCollapsible(false);
  auto* progress_box = new QWidget(right);
  auto* progress_layout = new QVBoxLayout(progress_box);
  progress_layout->setContentsMargins(0, 0, 0, 0);
  progress_ = new QProgressBar(progress_box);
  progress_->setObjectName(QStringLiteral("trainingProgress"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setFormat(tr("Not started"));
  progress_->setTextVisible(true);
  progress_->setAlignment(Qt::AlignCenter);
  progress_layout->addWidget(progress_);
  plot_ = new LossPlot(progress_box);
  plot_->setObjectName(QStringLiteral("lossPlot"));
  plot_->setMinimumSize(220, 180);
  progress_layout->addWidget(plot_, 1);
  log_ = new QPlainTextEdit(right);
  log_->setObjectName(QStringLiteral("trainingLog"));
  log_->setReadOnly(true);
  log_->setMaximumBlockCount(kLogLines);
  log_->setLineWrapMode(QPlainTextEdit::WidgetWidth);
  log_->setPlaceholderText(tr("Training messages appear here."));
  log_->setMinimumHeight(60);
  QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
  log_->setFont(mono);
  right->addWidget(progress_box);
  right->addWidget(log_);
  right->setStretchFactor(0, 3);
  right->setStretchFactor(1, 1);
  splitter->addWidget(right);
  splitter->setStretchFactor(0, 0);
  splitter->setStretchFactor(1, 1);
  layout->addWidget(splitter, 1);

  connect(preset_, qOverload<int>(&QComboBox::activated), this,
          [this] { applyPreset(preset_->currentData().toString()); });
  connect(restore_, &QPushButton::clicked, this, &TrainingPanel::restoreDefaults);
}

QString TrainingPanel::preset() const { return preset_->currentData().toString(); }

TrainConfig TrainingPanel::settings() const {
  TrainConfig c = form_->config();
  c.preset = preset().toStdString();
  return c;
}

void TrainingPanel::setSettings(const TrainConfig& c) {
  applying_preset_ = true;
  const int index = preset_->findData(QString::fromStdString(c.preset));
  if (index >= 0) preset_->setCurrentIndex(index);
  form_->setConfig(c);
  applying_preset_ = false;
  updateModified();
}

void TrainingPanel::applyPreset(const QString& name) {
  const std::vector<std::string> names = preset_names();
  if (std::find(names.begin(), names.end(), name.toStdString()) == names.end()) return;
  setSettings(preset_config(name.toStdString()));
}

void TrainingPanel::restoreDefaults() { applyPreset(preset()); }

bool TrainingPanel::isModified() const {
  // A depth lowered to fit the open model is the preset as far as this model allows.
  TrainConfig reference = preset_config(preset().toStdString());
  reference.prompts.depth = qMin<int64_t>(reference.prompts.depth, form_->maxDepth());
  return !sameHyperParameters(settings(), reference);
}

void TrainingPanel::updateModified() {
  if (applying_preset_) return;
  const bool modified = isModified();
  modified_->setText(modified ? tr("Changed from the preset") : tr("The preset's reference settings"));
  restore_->setEnabled(modified && !running_);
}

int TrainingPanel::maxDepth() const { return form_->maxDepth(); }

void TrainingPanel::setMaxDepth(int layers) {
  form_->setMaxDepth(layers);
  updateModified();
}

void TrainingPanel::start() {
  if (running_) return;
  resumed_.reset();
  TrainRequest request;
  request.config = settings();
  try {
    validate_config(request.config, std::string());
  } catch (const std::exception& e) {
    showError(tr("Cannot start training: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  request.outPath = newRunPath();
  requestStart(request);
  if (running_) appendLog(tr("Preparing the training data…"));
}

void TrainingPanel::resumeFrom(const QString& checkpoint) {
  if (running_ || checkpoint.isEmpty()) return;
  CheckpointInfo info;
  try {
    info = read_checkpoint_config(localPath(checkpoint));
  } catch (const std::exception& e) {
    showError(tr("Cannot resume: %1").arg(QString::fromUtf8(e.what())));
    return;
  }
  const TrainConfig& c = info.config;
  if (c.prompts.depth > maxDepth()) {
    showError(tr("Cannot resume from %1: its prompts are %2 layers deep, the open model has %3 text layers")
                  .arg(shortName(checkpoint))
                  .arg(c.prompts.depth)
                  .arg(maxDepth()));
    return;
  }
  setSettings(c);
  appendLog(tr("Resuming %1 after epoch %2 of %3").arg(shortName(checkpoint)).arg(info.epochs_done).arg(c.epochs));
  resumed_ = info;
  // The run goes on writing where it left off.
  requestStart(TrainRequest{c, checkpoint, checkpoint});
}

bool TrainingPanel::showHistory(const QString& checkpoint) {
  if (running_) return false;
  try {
    const CheckpointInfo info = read_checkpoint_config(localPath(checkpoint));
    plot_->clear();
    drawHistory(info);
    return true;
  } catch (const std::exception&) {
    return false;  // prompts without a training history: nothing to draw
  }
}

void TrainingPanel::drawHistory(const CheckpointInfo& info) {
  std::vector<double> steps, epochs;
  try {
    steps = info.metadata.value("step_losses", std::vector<double>{});
    epochs = info.metadata.value("epoch_losses", std::vector<double>{});
  } catch (const nlohmann::json::exception&) {
    return;  // a malformed history is not drawn; the run itself is unaffected
  }
  const double nan = std::numeric_limits<double>::quiet_NaN();  // the learning rate is not kept
  for (size_t i = 0; i < steps.size(); ++i) plot_->addStep(int(i + 1), steps[i], nan);
  const int64_t perEpoch = info.epochs_done > 0 ? info.steps_done / info.epochs_done : 0;
  for (size_t e = 0; e < epochs.size() && perEpoch > 0; ++e)
    plot_->addEpoch(int(e), int((int64_t(e) + 1) * perEpoch), epochs[e]);
}

void TrainingPanel::requestStart(const TrainRequest& request) {
  // The main window may decline (no model); a service that takes the run answers
  // onPreparing() before this returns.
  emit startRequested(request);
}

void TrainingPanel::onPreparing() {
  if (running_) return;
  setRunning(true);
  progress_->setRange(0, 0);
  progress_->setFormat(tr("Preparing…"));
}

void TrainingPanel::stop() {
  if (!running_ || stopping_) return;
  stopping_ = true;
  emit stopRequested();
  progress_->setFormat(tr("Stopping after this step…"));
  appendLog(tr("Stopping after the current step…"));
  updateState();
}

void TrainingPanel::setRunning(bool running) {
  running_ = running;
  if (!running) stopping_ = false;
  updateState();
}

void TrainingPanel::updateState() {
  start_->setEnabled(!running_);
  resume_->setEnabled(!running_);
  stop_->setEnabled(running_ && !stopping_);
  save_prompts_->setEnabled(!running_ && !checkpoint_.isEmpty());
  load_prompts_->setEnabled(!running_);
  import_checkpoint_->setEnabled(!running_);
  preset_->setEnabled(!running_);
  settings_area_->setEnabled(!running_);
  updateModified();
  if (running_) restore_->setEnabled(false);
}

void TrainingPanel::appendLog(const QString& line) {
  const QString stamp = QTime::currentTime().toString(QStringLiteral("HH:mm:ss"));
  log_->appendPlainText(stamp + QStringLiteral("  ") + line);
  log_->verticalScrollBar()->setValue(log_->verticalScrollBar()->maximum());
}

void TrainingPanel::onStarted(qint64 steps) {
  steps_ = steps;
  setRunning(true);
  // A resumed run goes on from its checkpoint's curve, not from an empty plot; a new run
  // keeps the one before it in grey for comparison.
  if (resumed_) {
    plot_->clear();
    drawHistory(*resumed_);
  } else {
    plot_->startNewRun();
  }
  resumed_.reset();
  progress_->setRange(0, int(qMin<qint64>(steps, std::numeric_limits<int>::max())));
  progress_->setValue(0);
  const TrainConfig s = settings();
  progress_->setFormat(tr("epoch 1/%1 · step 0/%2").arg(s.epochs).arg(steps));
  appendLog(tr("Started: %1 steps · preset %2 · lr %3 · batch %4 · %5 context vectors · depth %6")
                .arg(steps)
                .arg(QString::fromStdString(s.preset))
                .arg(s.lr)
                .arg(s.full_batch ? tr("full") : QString::number(s.batch_size))
                .arg(s.prompts.n_ctx)
                .arg(s.prompts.depth));
  emit statusMessage(tr("Training started"));
}

void TrainingPanel::onProgress(const TrainProgress& p) {
  if (!running_) setRunning(true);  // started() may have been missed (resumed connection)
  if (progress_->maximum() != p.steps) progress_->setRange(0, int(qMin<qint64>(p.steps, std::numeric_limits<int>::max())));
  progress_->setValue(int(p.step));
  if (!stopping_) progress_->setFormat(progressText(p));
  plot_->addStep(int(p.step), p.loss, p.lr);
  if (p.epoch_mean_loss >= 0) {
    plot_->addEpoch(p.epoch + 1, int(p.step), p.epoch_mean_loss);
    appendLog(tr("Epoch %1/%2: mean loss %3 · lr %4")
                  .arg(p.epoch + 1)
                  .arg(p.epochs)
                  .arg(p.epoch_mean_loss, 0, 'f', 5)
                  .arg(p.lr, 0, 'g', 3));
  }
}

void TrainingPanel::onFinished(const QString& path, bool cancelled, const QString& note) {
  setRunning(false);
  if (!path.isEmpty()) checkpoint_ = path;
  if (progress_->maximum() == 0) progress_->setRange(0, 1);
  if (cancelled) {
    progress_->setFormat(tr("Stopped"));
    appendLog(path.isEmpty() ? tr("Stopped before the first epoch finished; nothing was saved")
                             : tr("Stopped; the prompts of the last finished epoch are in %1").arg(path));
  } else {
    progress_->setValue(progress_->maximum());
    progress_->setFormat(tr("Finished"));
    appendLog(tr("Finished: prompts written to %1").arg(path));
  }
  if (!note.isEmpty()) appendLog(note);
  updateState();
  emit statusMessage(cancelled ? tr("Training stopped") : tr("Training finished"));
  if (!path.isEmpty()) emit promptsReady(path);
}

void TrainingPanel::onFailed(const QString& message) {
  setRunning(false);
  if (progress_->maximum() == 0) progress_->setRange(0, 1);
  progress_->setFormat(tr("Failed"));
  log_->appendHtml(QStringLiteral("<span style=\"color:%1\">%2  %3</span>")
                       .arg(kErrorColor.name(), QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                            tr("Failed: %1").arg(message).toHtmlEscaped()));
  showError(tr("Training failed: %1").arg(message));
}

void TrainingPanel::showError(const QString& message) {
  showErrorBox(this, interactive_, tr("Training"), message);
  emit errorShown(message);
}

void TrainingPanel::setPromptsFile(const QString& path) {
  if (path.isEmpty() || running_) return;
  checkpoint_ = path;
  updateState();
}

bool TrainingPanel::savePromptsTo(const QString& path) {
  if (checkpoint_.isEmpty()) {
    showError(tr("No prompts to save yet: train first"));
    return false;
  }
  if (QFileInfo(path).absoluteFilePath() == QFileInfo(checkpoint_).absoluteFilePath()) return true;
  // Copy beside the target, then swap, so a failed copy never leaves half a file.
  const QString partial = path + QStringLiteral(".part");
  QFile::remove(partial);
  if (!QFile::copy(checkpoint_, partial)) {
    showError(tr("Cannot copy the prompts to %1").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  QFile::remove(path);
  if (!QFile::rename(partial, path)) {
    QFile::remove(partial);
    showError(tr("Cannot write %1").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  appendLog(tr("Saved the prompts as %1").arg(path));
  emit statusMessage(tr("Saved %1").arg(shortName(path)));
  return true;
}

void TrainingPanel::chooseResume() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Resume training from a checkpoint"),
      QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/runs"),
      tr("ProText checkpoints (*.safetensors);;All files (*)"));
  if (!path.isEmpty()) resumeFrom(path);
}

void TrainingPanel::chooseSave() {
  QString path = QFileDialog::getSaveFileName(this, tr("Save prompts"), last_dir_ + QStringLiteral("/prompts.safetensors"),
                                              tr("ProText prompts (*.safetensors)"));
  if (path.isEmpty()) return;
  if (QFileInfo(path).suffix().isEmpty()) path += QStringLiteral(".safetensors");
  last_dir_ = QFileInfo(path).absolutePath();
  savePromptsTo(path);
}

void TrainingPanel::chooseLoad(bool authors) {
  const QString path =
      authors ? QFileDialog::getOpenFileName(this, tr("Import the authors' checkpoint"), last_dir_,
                                             tr("Dassl checkpoints (model.pth.tar* *.pth *.tar);;All files (*)"))
              : QFileDialog::getOpenFileName(this, tr("Load prompts"), last_dir_,
                                             tr("ProText prompts (*.safetensors);;All files (*)"));
  if (path.isEmpty()) return;
  last_dir_ = QFileInfo(path).absolutePath();
  appendLog(tr("Loading prompts from %1").arg(path));
  emit loadPromptsRequested(path);
}

}  // namespace protext
