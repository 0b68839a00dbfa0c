#include "widgets/TrainingPanel.h"
#include "widgets/TrainSettingsJson.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSplitter>
#include <QStandardPaths>
#include <QTime>
#include <QToolButton>
#include <QVBoxLayout>
#include <QtEndian>
#include <cmath>
#include <limits>

#include "widgets/LossPlot.h"
#include "widgets/TrainingService.h"

namespace protext {
namespace {

const QColor kErrorColor(190, 30, 30);
const QColor kNoteColor(150, 95, 0);

// Learning rates span 1e-5 … 0.1: shown as "0.03" and "0.0025", not "0.030000".
class RateSpinBox : public QDoubleSpinBox {
 public:
  using QDoubleSpinBox::QDoubleSpinBox;
  QString textFromValue(double value) const override { return locale().toString(value, 'g', 6); }
  double valueFromText(const QString& text) const override { return locale().toDouble(text); }
  QValidator::State validate(QString& text, int&) const override {
    bool ok = false;
    const double value = locale().toDouble(text, &ok);
    if (!ok) return QValidator::Intermediate;
    return value >= minimum() && value <= maximum() ? QValidator::Acceptable : QValidator::Intermediate;
  }
};

QToolButton* actionButton(QAction* action, QWidget* parent) {
  auto* button = new QToolButton(parent);
  button->setDefaultAction(action);
  button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  return button;
}

void selectData(QComboBox* combo, const QString& value) {
  const int index = combo->findData(value);
  if (index >= 0) combo->setCurrentIndex(index);
}

QString shortName(const QString& path) { return QFileInfo(path).fileName(); }

// Only the hyper-parameters: the preset's name and the file paths are not "settings" a
// preset could differ in.
bool sameHyperParameters(const TrainSettings& a, const TrainSettings& b) {
  return a.epochs == b.epochs && a.steps == b.steps && a.batchSize == b.batchSize && a.fullBatch == b.fullBatch &&
         a.shuffle == b.shuffle && qFuzzyCompare(a.lr, b.lr) && qFuzzyCompare(a.weightDecay, b.weightDecay) &&
         a.schedule == b.schedule && a.loss == b.loss && a.nCtx == b.nCtx && a.depth == b.depth &&
         a.textTemplate == b.textTemplate && a.seed == b.seed;
}

}  // namespace

TrainingPanel::TrainingPanel(TrainingService* service, QWidget* parent) : QWidget(parent), service_(service) {
  setObjectName(QStringLiteral("trainingPanel"));
  last_dir_ = QDir::homePath();
  buildActions();
  buildLayout();
  applyPreset(QStringLiteral("cross-dataset"));
  if (service_) {
    connect(service_, &TrainingService::started, this, &TrainingPanel::onStarted);
    connect(service_, &TrainingService::progress, this, &TrainingPanel::onProgress);
    connect(service_, &TrainingService::finished, this, &TrainingPanel::onFinished);
    connect(service_, &TrainingService::failed, this, &TrainingPanel::onFailed);
  }
  updateState();
}

QStringList TrainingPanel::presets() {
  return {QStringLiteral("cross-dataset"), QStringLiteral("base2novel"), QStringLiteral("text-only")};
}

TrainSettings TrainingPanel::presetSettings(const QString& preset) {
  TrainSettings s;  // the cross-dataset reference defaults
  s.preset = preset;
  if (preset == QLatin1String("base2novel")) {
    s.epochs = 30;
  } else if (preset == QLatin1String("text-only")) {
    s.epochs = 200;
    s.lr = 0.0025;
    s.nCtx = 16;
  }
  return s;
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

bool TrainingPanel::readCheckpointSettings(const QString& path, TrainSettings* settings, int* epochsDone,
                                           QString* error) {
  auto fail = [&](const QString& why) {
    if (error) *error = why;
    return false;
  };
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return fail(tr("cannot read it (%1)").arg(file.errorString()));
  // safetensors: an 8-byte little-endian header length, then the JSON header.
  const QByteArray size_bytes = file.read(8);
  if (size_bytes.size() != 8) return fail(tr("not a safetensors file"));
  const quint64 header_size = qFromLittleEndian<quint64>(size_bytes.constData());
  if (header_size < 2 || header_size > 100'000'000 || header_size > quint64(file.size() - 8))
    return fail(tr("not a safetensors file"));
  QJsonParseError parse_error;
  const QJsonDocument header = QJsonDocument::fromJson(file.read(qint64(header_size)), &parse_error);
  if (!header.isObject()) return fail(tr("not a safetensors file"));
  const QString meta_text = header.object().value("__metadata__").toObject().value("protext").toString();
  const QJsonObject meta = QJsonDocument::fromJson(meta_text.toUtf8()).object();
  const QJsonObject t = meta.value("training").toObject();
  if (t.isEmpty() || !meta.contains("epochs_done"))
    return fail(tr("not a checkpoint written by ProText training; only those can be resumed"));
  TrainSettings s = trainSettingsFromJson(t);
  // Older checkpoints keep the prompt shape only at the top level of the metadata.
  if (!t.contains("n_ctx")) s.nCtx = meta.value("n_ctx").toInt(s.nCtx);
  if (!t.contains("depth")) s.depth = meta.value("depth").toInt(s.depth);
  if (settings) *settings = s;
  if (epochsDone) *epochsDone = meta.value("epochs_done").toInt();
  return true;
}

QString TrainingPanel::formatDuration(double seconds) {
  const qint64 total = qMax<qint64>(0, qRound64(seconds));
  const qint64 h = total / 3600, m = (total / 60) % 60, s = total % 60;
  if (h > 0) return QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1:%2").arg(m).arg(s, 2, 10, QLatin1Char('0'));
}

QString TrainingPanel::progressText(const TrainProgress& p) {
  QStringList parts{tr("epoch %1/%2").arg(p.epoch + 1).arg(p.epochs), tr("step %1/%2").arg(p.step).arg(p.steps)};
  if (p.samplesPerSecond > 0) parts << tr("%1 samples/s").arg(qRound64(p.samplesPerSecond));
  if (p.etaSeconds > 0 && p.step < p.steps) parts << tr("ETA %1").arg(formatDuration(p.etaSeconds));
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

QWidget* TrainingPanel::buildSettingsForm() {
  auto* form_widget = new QWidget;
  auto* column = new QVBoxLayout(form_widget);
  column->setContentsMargins(0, 0, 4, 0);

  auto* optimisation = new QGroupBox(tr("Optimisation"), form_widget);
  auto* opt_form = new QFormLayout(optimisation);
  opt_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  epochs_ = new QSpinBox(optimisation);
  epochs_->setObjectName(QStringLiteral("epochsSpin"));
  epochs_->setRange(1, 100000);
  epochs_->setToolTip(tr("Passes over all description pairs; the learning-rate schedule spans them"));
  steps_spin_ = new QSpinBox(optimisation);
  steps_spin_->setObjectName(QStringLiteral("stepsSpin"));
  steps_spin_->setRange(0, 100000000);
  steps_spin_->setSpecialValueText(tr("by epochs"));
  steps_spin_->setToolTip(tr("Stop after this many optimiser steps; 0 runs all the epochs"));
  batch_ = new QSpinBox(optimisation);
  batch_->setObjectName(QStringLiteral("batchSizeSpin"));
  batch_->setRange(1, 1000000);
  batch_->setToolTip(tr("Description pairs per optimiser step"));
  full_batch_ = new QCheckBox(tr("Full batch"), optimisation);
  full_batch_->setObjectName(QStringLiteral("fullBatchCheck"));
  full_batch_->setToolTip(tr("One step per epoch over all pairs (overrides the batch size)"));
  shuffle_ = new QCheckBox(tr("Shuffle"), optimisation);
  shuffle_->setObjectName(QStringLiteral("shuffleCheck"));
  shuffle_->setToolTip(tr("A new order of the pairs every epoch (fixed by the seed)"));
  auto* batch_row = new QHBoxLayout;
  batch_row->addWidget(batch_, 1);
  batch_row->addWidget(full_batch_);
  lr_ = new RateSpinBox(optimisation);
  lr_->setObjectName(QStringLiteral("learningRateSpin"));
  lr_->setDecimals(8);
  lr_->setRange(1e-7, 10);
  lr_->setSingleStep(0.0005);
  lr_->setToolTip(tr("Peak learning rate of AdamW"));
  weight_decay_ = new RateSpinBox(optimisation);
  weight_decay_->setObjectName(QStringLiteral("weightDecaySpin"));
  weight_decay_->setDecimals(8);
  weight_decay_->setRange(0, 10);
  weight_decay_->setSingleStep(0.01);
  weight_decay_->setToolTip(tr("AdamW's decoupled weight decay"));
  schedule_ = new QComboBox(optimisation);
  schedule_->setObjectName(QStringLiteral("scheduleCombo"));
  schedule_->addItem(tr("Reference (warm-up, cosine)"), QStringLiteral("reference"));
  schedule_->addItem(tr("Constant"), QStringLiteral("constant"));
  schedule_->addItem(tr("Cosine"), QStringLiteral("cosine"));
  schedule_->setToolTip(tr("Reference: 5 warm-up epochs at 1e-5, then cosine decay, as the released configs"));
  loss_ = new QComboBox(optimisation);
  loss_->setObjectName(QStringLiteral("lossCombo"));
  loss_->addItem(tr("L1 (mean absolute error)"), QStringLiteral("l1"));
  loss_->addItem(tr("MSE (mean squared error)"), QStringLiteral("mse"));
  loss_->setToolTip(tr("Distance between the prompted class embedding and its description's embedding"));
  opt_form->addRow(tr("Epochs:"), epochs_);
  opt_form->addRow(tr("Steps:"), steps_spin_);
  opt_form->addRow(tr("Batch size:"), batch_row);
  opt_form->addRow(QString(), shuffle_);
  opt_form->addRow(tr("Learning rate:"), lr_);
  opt_form->addRow(tr("Weight decay:"), weight_decay_);
  opt_form->addRow(tr("Schedule:"), schedule_);
  opt_form->addRow(tr("Loss:"), loss_);
  column->addWidget(optimisation);

  auto* prompts = new QGroupBox(tr("Prompts"), form_widget);
  auto* prompt_form = new QFormLayout(prompts);
  prompt_form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  n_ctx_ = new QSpinBox(prompts);
  n_ctx_->setObjectName(QStringLiteral("contextLengthSpin"));
  n_ctx_->setRange(1, 64);
  n_ctx_->setToolTip(tr("Learned context vectors per prompt (4 start from \"a photo of a\")"));
  depth_ = new QSpinBox(prompts);
  depth_->setObjectName(QStringLiteral("depthSpin"));
  depth_->setRange(1, kUnknownMaxDepth);
  depth_->setToolTip(tr("Text layers that get their own prompts; 1 prompts the input only"));
  template_ = new QLineEdit(prompts);
  template_->setObjectName(QStringLiteral("templateEdit"));
  template_->setToolTip(tr("The class-name sentence the prompts replace; {} stands for the class name"));
  seed_ = new QSpinBox(prompts);
  seed_->setObjectName(QStringLiteral("seedSpin"));
  seed_->setRange(0, 2147483647);
  seed_->setToolTip(tr("Fixes the initial prompts and the shuffling: the same seed repeats a run exactly"));
  prompt_form->addRow(tr("Context length:"), n_ctx_);
  prompt_form->addRow(tr("Depth:"), depth_);
  prompt_form->addRow(tr("Template:"), template_);
  prompt_form->addRow(tr("Seed:"), seed_);
  column->addWidget(prompts);
  column->addStretch();

  for (QSpinBox* spin : {epochs_, steps_spin_, batch_, n_ctx_, depth_, seed_})
    connect(spin, qOverload<int>(&QSpinBox::valueChanged), this, &TrainingPanel::updateModified);
  for (QDoubleSpinBox* spin : {lr_, weight_decay_})
    connect(spin, qOverload<double>(&QDoubleSpinBox::valueChanged), this, &TrainingPanel::updateModified);
  for (QCheckBox* box : {full_batch_, shuffle_}) connect(box, &QCheckBox::toggled, this, &TrainingPanel::updateModified);
  for (QComboBox* combo : {schedule_, loss_})
    connect(combo, qOverload<int>(&QComboBox::currentIndexChanged), this, &TrainingPanel::updateModified);
  connect(template_, &QLineEdit::textChanged, this, &TrainingPanel::updateModified);
  connect(full_batch_, &QCheckBox::toggled, this, [this](bool on) { batch_->setEnabled(!on && !running_); });
  return form_widget;
}

void TrainingPanel::buildLayout() {
  auto* layout = new QVBoxLayout(this);

  auto* bar = new QHBoxLayout;
  for (QAction* action : {start_, stop_, resume_}) bar->addWidget(actionButton(action, this));
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
  preset_->addItem(tr("Cross-dataset"), QStringLiteral("cross-dataset"));
  preset_->addItem(tr("Base to novel"), QStringLiteral("base2novel"));
  preset_->addItem(tr("Text only"), QStringLiteral("text-only"));
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
  settings_area_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  settings_area_->setWidget(buildSettingsForm());
  // Wide enough for the labels and the longest combo text, without a horizontal bar.
  const int form_width = settings_area_->widget()->minimumSizeHint().width();
  settings_area_->setMinimumWidth(form_width + settings_area_->verticalScrollBar()->sizeHint().width());
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
  plot_->setMinimumHeight(180);
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

TrainSettings TrainingPanel::settings() const {
  TrainSettings s;
  s.preset = preset();
  s.epochs = epochs_->value();
  s.steps = steps_spin_->value();
  s.batchSize = batch_->value();
  s.fullBatch = full_batch_->isChecked();
  s.shuffle = shuffle_->isChecked();
  s.lr = lr_->value();
  s.weightDecay = weight_decay_->value();
  s.schedule = schedule_->currentData().toString();
  s.loss = loss_->currentData().toString();
  s.nCtx = n_ctx_->value();
  s.depth = depth_->value();
  s.textTemplate = template_->text();
  s.seed = seed_->value();
  s.outPath = out_path_;
  s.resumePath = resume_path_;
  return s;
}

void TrainingPanel::setSettings(const TrainSettings& s) {
  applying_preset_ = true;
  selectData(preset_, s.preset);
  epochs_->setValue(s.epochs);
  steps_spin_->setValue(s.steps);
  batch_->setValue(s.batchSize);
  full_batch_->setChecked(s.fullBatch);
  shuffle_->setChecked(s.shuffle);
  lr_->setValue(s.lr);
  weight_decay_->setValue(s.weightDecay);
  selectData(schedule_, s.schedule);
  selectData(loss_, s.loss);
  n_ctx_->setValue(s.nCtx);
  depth_->setValue(s.depth);
  template_->setText(s.textTemplate);
  seed_->setValue(s.seed);
  out_path_ = s.outPath;
  resume_path_ = s.resumePath;
  applying_preset_ = false;
  updateModified();
}

void TrainingPanel::applyPreset(const QString& name) {
  if (!presets().contains(name)) return;
  TrainSettings s = presetSettings(name);
  s.outPath = out_path_;
  s.resumePath = resume_path_;
  setSettings(s);
}

void TrainingPanel::restoreDefaults() { applyPreset(preset()); }

bool TrainingPanel::isModified() const {
  // A depth lowered to fit the open model is the preset as far as this model allows.
  TrainSettings reference = presetSettings(preset());
  reference.depth = qMin(reference.depth, depth_->maximum());
  return !sameHyperParameters(settings(), reference);
}

void TrainingPanel::updateModified() {
  if (applying_preset_) return;
  const bool modified = isModified();
  modified_->setText(modified ? tr("Changed from the preset") : tr("The preset's reference settings"));
  restore_->setEnabled(modified && !running_);
}

int TrainingPanel::maxDepth() const { return depth_->maximum(); }

void TrainingPanel::setMaxDepth(int layers) {
  const int max = layers > 0 ? layers : kUnknownMaxDepth;
  depth_->setMaximum(max);  // QSpinBox lowers a larger value itself
  depth_->setToolTip(layers > 0 ? tr("Text layers that get their own prompts; 1 prompts the input only. "
                                     "This model's text tower has %1 layers.")
                                      .arg(layers)
                                : tr("Text layers that get their own prompts; 1 prompts the input only"));
  updateModified();
}

void TrainingPanel::start() {
  if (running_) return;
  if (!template_->text().contains(QLatin1String("{}"))) {
    showError(tr("The template needs {} where the class name goes, e.g. \"a photo of a {}.\""));
    return;
  }
  TrainSettings s = settings();
  if (s.outPath.isEmpty()) s.outPath = newRunPath();
  s.resumePath.clear();
  emit startRequested(s);
  // The main window may have declined (no model, no descriptions); only a service that took
  // the run puts the panel into its running state before started() arrives.
  if (service_ && service_->running() && !running_) {
    setRunning(true);
    progress_->setRange(0, 0);
    progress_->setFormat(tr("Preparing…"));
    appendLog(tr("Preparing the training data…"));
  }
}

void TrainingPanel::resumeFrom(const QString& checkpoint) {
  if (running_ || checkpoint.isEmpty()) return;
  TrainSettings s;
  int done = 0;
  QString why;
  if (!readCheckpointSettings(checkpoint, &s, &done, &why)) {
    showError(tr("Cannot resume from %1: %2").arg(shortName(checkpoint), why));
    return;
  }
  if (s.depth > depth_->maximum()) {
    showError(tr("Cannot resume from %1: its prompts are %2 layers deep, the open model has %3 text layers")
                  .arg(shortName(checkpoint))
                  .arg(s.depth)
                  .arg(depth_->maximum()));
    return;
  }
  setSettings(s);
  s.outPath = checkpoint;  // the run goes on writing where it left off
  s.resumePath = checkpoint;
  appendLog(tr("Resuming %1 after epoch %2 of %3").arg(shortName(checkpoint)).arg(done).arg(s.epochs));
  emit startRequested(s);
  if (service_ && service_->running() && !running_) {
    setRunning(true);
    progress_->setRange(0, 0);
    progress_->setFormat(tr("Preparing…"));
  }
}

void TrainingPanel::stop() {
  if (!running_ || stopping_) return;
  stopping_ = true;
  if (service_) service_->stop();
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
  batch_->setEnabled(!full_batch_->isChecked());
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
  plot_->clear();
  progress_->setRange(0, int(qMin<qint64>(steps, std::numeric_limits<int>::max())));
  progress_->setValue(0);
  const TrainSettings s = settings();
  progress_->setFormat(tr("epoch 1/%1 · step 0/%2").arg(s.epochs).arg(steps));
  appendLog(tr("Started: %1 steps · preset %2 · lr %3 · batch %4 · %5 context vectors · depth %6")
                .arg(steps)
                .arg(s.preset)
                .arg(s.lr)
                .arg(s.fullBatch ? tr("full") : QString::number(s.batchSize))
                .arg(s.nCtx)
                .arg(s.depth));
  emit statusMessage(tr("Training started"));
}

void TrainingPanel::onProgress(const TrainProgress& p) {
  if (!running_) setRunning(true);  // started() may have been missed (resumed connection)
  if (progress_->maximum() != p.steps) progress_->setRange(0, int(qMin<qint64>(p.steps, std::numeric_limits<int>::max())));
  progress_->setValue(int(p.step));
  if (!stopping_) progress_->setFormat(progressText(p));
  plot_->addStep(int(p.step), p.loss, p.lr);
  if (p.epochMeanLoss >= 0) {
    plot_->addEpoch(p.epoch + 1, int(p.step), p.epochMeanLoss);
    appendLog(tr("Epoch %1/%2: mean loss %3 · lr %4")
                  .arg(p.epoch + 1)
                  .arg(p.epochs)
                  .arg(p.epochMeanLoss, 0, 'f', 5)
                  .arg(p.lr, 0, 'g', 3));
  }
}

void TrainingPanel::onFinished(const QString& path, bool cancelled, const QString& note) {
  setRunning(false);
  resume_path_.clear();
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
  resume_path_.clear();
  if (progress_->maximum() == 0) progress_->setRange(0, 1);
  progress_->setFormat(tr("Failed"));
  log_->appendHtml(QStringLiteral("<span style=\"color:%1\">%2  %3</span>")
                       .arg(kErrorColor.name(), QTime::currentTime().toString(QStringLiteral("HH:mm:ss")),
                            tr("Failed: %1").arg(message).toHtmlEscaped()));
  showError(tr("Training failed: %1").arg(message));
}

void TrainingPanel::showError(const QString& message) {
  if (interactive_) QMessageBox::warning(this, tr("Training"), message);
  emit errorShown(message);
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
