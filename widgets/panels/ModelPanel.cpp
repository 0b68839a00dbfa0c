#include "widgets/panels/ModelPanel.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QShowEvent>
#include <QVBoxLayout>

#include "widgets/common/ErrorReport.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/engine/ModelService.h"

namespace protext {
namespace {

const QColor kErrorColor(190, 30, 30);

QString deviceLabel(const QString& device) {
  if (device == QLatin1String("cpu")) return ModelPanel::tr("CPU");
  if (device.startsWith(QLatin1String("cuda"))) {
    const int colon = device.indexOf(QLatin1Char(':'));
    return colon < 0 ? ModelPanel::tr("GPU (CUDA)") : ModelPanel::tr("GPU %1 (CUDA)").arg(device.mid(colon + 1));
  }
  return device;
}

// "~/models" rather than "/home/someone/models": the list is narrow.
QString shortDir(const QString& path) {
  QString dir = QDir::toNativeSeparators(QFileInfo(path).absolutePath());
  const QString home = QDir::toNativeSeparators(QDir::homePath());
  if (dir.startsWith(home)) dir = QLatin1Char('~') + dir.mid(home.size());
  return dir;
}

QString displayName(const QString& path) {
  const QFileInfo file(path);
  return file.fileName().isEmpty() ? path : file.fileName();
}

// A button for `action` with a shorter text than its menu entry, so the panel fits a narrow
// dock; it follows the action's enabled state.
QPushButton* actionButton(QAction* action, const QString& text, QWidget* parent) {
  auto* button = new QPushButton(action->icon(), text, parent);
  button->setToolTip(action->toolTip());
  button->setEnabled(action->isEnabled());
  QObject::connect(button, &QPushButton::clicked, action, &QAction::trigger);
  QObject::connect(action, &QAction::changed, button, [button, action] { button->setEnabled(action->isEnabled()); });
  return button;
}

}  // namespace

ModelPanel::ModelPanel(QWidget* parent, QSettings* settings)
    : QWidget(parent), settings_(settings ? settings : new QSettings), ownsSettings_(!settings) {
  setObjectName(QStringLiteral("modelPanel"));
  buildActions();
  buildLayout();
  fillDevices();
  refreshRecent();
}

ModelPanel::~ModelPanel() {
  if (ownsSettings_) delete settings_;
}

void ModelPanel::buildActions() {
  open_file_ = new QAction(QIcon(QStringLiteral(":/icons/model-open.svg")), tr("Open model &file…"), this);
  open_file_->setObjectName(QStringLiteral("openModelFileAction"));
  open_file_->setShortcut(QKeySequence(tr("Ctrl+Shift+O")));
  open_file_->setToolTip(tr("Open CLIP weights: an OpenAI .pt file or a .safetensors file (Ctrl+Shift+O)"));
  connect(open_file_, &QAction::triggered, this, &ModelPanel::chooseFile);

  open_folder_ = new QAction(QIcon(QStringLiteral(":/icons/folder-add.svg")), tr("Open model f&older…"), this);
  open_folder_->setObjectName(QStringLiteral("openModelFolderAction"));
  open_folder_->setShortcut(QKeySequence(tr("Ctrl+Alt+O")));
  open_folder_->setToolTip(tr("Open a Hugging Face CLIP folder (config.json and weights) (Ctrl+Alt+O)"));
  connect(open_folder_, &QAction::triggered, this, &ModelPanel::chooseFolder);

  open_embedded_ = new QAction(QIcon(QStringLiteral(":/icons/app.svg")), tr("Use the &embedded mini model"), this);
  open_embedded_->setObjectName(QStringLiteral("openEmbeddedModelAction"));
  open_embedded_->setToolTip(
      tr("Open the small CLIP shipped with the studio: it trains in seconds and needs no download"));
  connect(open_embedded_, &QAction::triggered, this, &ModelPanel::openEmbedded);
}

void ModelPanel::buildLayout() {
  auto* layout = new QVBoxLayout(this);

  auto* buttons = new QHBoxLayout;
  auto* file_button = actionButton(open_file_, tr("Open file…"), this);
  file_button->setObjectName(QStringLiteral("openModelFileButton"));
  auto* folder_button = actionButton(open_folder_, tr("Open folder…"), this);
  folder_button->setObjectName(QStringLiteral("openModelFolderButton"));
  buttons->addWidget(file_button);
  buttons->addWidget(folder_button);
  buttons->addStretch();
  layout->addLayout(buttons);

  auto* embedded_button = actionButton(open_embedded_, tr("Mini model"), this);
  embedded_button->setObjectName(QStringLiteral("openEmbeddedModelButton"));
  auto* device_row = new QHBoxLayout;
  auto* device_label = new QLabel(tr("&Device:"), this);
  device_ = new QComboBox(this);
  device_->setObjectName(QStringLiteral("deviceCombo"));
  device_->setToolTip(tr("Where the model runs; changing it reopens the open model there"));
  device_->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
  device_->setMinimumContentsLength(6);
  device_label->setBuddy(device_);
  device_row->addWidget(embedded_button);
  device_row->addStretch();
  device_row->addWidget(device_label);
  device_row->addWidget(device_);
  layout->addLayout(device_row);

  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("openProgress"));
  progress_->setRange(0, 0);  // loading weights reports no fraction
  progress_->setTextVisible(false);
  progress_->setMaximumHeight(10);
  progress_->hide();
  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("openStatus"));
  status_->setWordWrap(true);
  status_->hide();
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("openError"));
  error_->setWordWrap(true);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  QPalette error_palette = error_->palette();
  error_palette.setColor(QPalette::WindowText, kErrorColor);
  error_->setPalette(error_palette);
  error_->hide();
  layout->addWidget(progress_);
  layout->addWidget(status_);
  layout->addWidget(error_);

  auto* info_group = new QGroupBox(tr("Open model"), this);
  auto* info_layout = new QVBoxLayout(info_group);
  info_placeholder_ = new QLabel(tr("No model is open. Open CLIP weights, or try the embedded mini model."), info_group);
  info_placeholder_->setObjectName(QStringLiteral("modelPlaceholder"));
  info_placeholder_->setWordWrap(true);
  info_placeholder_->setForegroundRole(QPalette::PlaceholderText);
  info_layout->addWidget(info_placeholder_);
  info_box_ = new QWidget(info_group);
  form_ = new QFormLayout(info_box_);
  form_->setContentsMargins(0, 0, 0, 0);
  form_->setRowWrapPolicy(QFormLayout::DontWrapRows);
  form_->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
  // Short rows that fit a narrow dock unwrapped: a wrapped label in a form in a dock is
  // often given the height of fewer lines than it wraps to.
  const std::pair<const char*, QString> rows[] = {
      {"path", tr("File:")},           {"format", tr("Format:")},
      {"device", tr("Device:")},       {"embedDim", tr("Embedding:")},
      {"vision", tr("Vision:")},       {"image", tr("Images:")},
      {"text", tr("Text:")},           {"tokens", tr("Tokens:")},
      {"parameters", tr("Parameters:")}, {"fingerprint", tr("Fingerprint:")}};
  for (const auto& [key, label] : rows) {
    auto* value = new QLabel(info_box_);
    value->setObjectName(QStringLiteral("modelInfo_") + QLatin1String(key));
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Long file names are cut rather than widening the dock; the tooltip has them whole.
    value->setMinimumWidth(1);
    form_->addRow(label, value);
    values_.insert(QLatin1String(key), value);
  }
  info_box_->hide();
  info_layout->addWidget(info_box_);
  layout->addWidget(info_group);

  auto* recent_group = new QGroupBox(tr("Recent models"), this);
  auto* recent_layout = new QVBoxLayout(recent_group);
  recent_ = new QListWidget(recent_group);
  recent_->setObjectName(QStringLiteral("recentModels"));
  recent_->setToolTip(tr("Double-click to open again; right-click to remove"));
  recent_->setContextMenuPolicy(Qt::CustomContextMenu);
  recent_->setMinimumHeight(70);
  recent_->setTextElideMode(Qt::ElideMiddle);
  recent_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  recent_->setUniformItemSizes(true);
  recent_empty_ = new QLabel(tr("Models you open are listed here."), recent_group);
  recent_empty_->setForegroundRole(QPalette::PlaceholderText);
  recent_layout->addWidget(recent_empty_);
  recent_layout->addWidget(recent_, 1);
  layout->addWidget(recent_group, 1);

  connect(recent_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
    if (!opening_) openPath(item->data(Qt::UserRole).toString());
  });
  connect(recent_, &QWidget::customContextMenuRequested, this, &ModelPanel::showRecentMenu);
  connect(device_, qOverload<int>(&QComboBox::activated), this, [this] {
    emit deviceChanged(currentDevice());
    // The device belongs to the open model, so choosing another one moves the model there.
    if (!opening_ && !info_.path.isEmpty() && info_.device != currentDevice())
      emit openRequested(info_.path, currentDevice());
  });

  setMinimumWidth(280);
}

void ModelPanel::fillDevices() {
  device_->clear();
  for (const QString& device : ModelService::availableDevices()) {
    const bool gpu = device != QLatin1String("cpu");
    device_->addItem(QIcon(gpu ? QStringLiteral(":/icons/gpu.svg") : QStringLiteral(":/icons/cpu.svg")),
                     deviceLabel(device), device);
  }
  if (device_->count() == 0) device_->addItem(QIcon(QStringLiteral(":/icons/cpu.svg")), deviceLabel("cpu"), "cpu");
  // The preferred device from the preferences, when this computer has it.
  setCurrentDevice(StudioSettings(settings_).device(QString()));
}

QString ModelPanel::currentDevice() const {
  return device_->currentIndex() < 0 ? QStringLiteral("cpu") : device_->currentData().toString();
}

bool ModelPanel::setCurrentDevice(const QString& device) {
  const int index = device_->findData(device);
  if (index < 0) return false;
  device_->setCurrentIndex(index);
  return true;
}

QStringList ModelPanel::recentModels() const { return StudioSettings(settings_).recentModels(); }

QLabel* ModelPanel::infoValue(const QString& key) const { return values_.value(key); }

QString ModelPanel::formatParameters(qint64 count) {
  if (count < 1000) return QString::number(count);
  static const char* const units[] = {"K", "M", "G", "T"};
  double value = static_cast<double>(count);
  int unit = -1;
  while (value >= 999.5 && unit < 3) {
    value /= 1000.0;
    ++unit;
  }
  // Three significant digits at most: "1.7 M", "12.3 M", "151 M".
  const int decimals = value < 99.95 ? 1 : 0;
  return QStringLiteral("%1 %2").arg(QString::number(value, 'f', decimals), QLatin1String(units[unit]));
}

QString ModelPanel::shortFingerprint(const QString& fingerprint) {
  constexpr int kShown = 12;
  return fingerprint.size() <= kShown + 1 ? fingerprint : fingerprint.left(kShown) + QChar(0x2026);
}

void ModelPanel::openPath(const QString& path) {
  if (path.isEmpty()) return;
  const QString absolute = QFileInfo(path).absoluteFilePath();
  if (!QFileInfo::exists(absolute)) {
    onOpenFailed(absolute, tr("%1 does not exist (any more).").arg(QDir::toNativeSeparators(absolute)));
    return;
  }
  emit openRequested(absolute, currentDevice());  // recorded as recent once it opens
}

void ModelPanel::openEmbedded() {
  emit openRequested(ModelService::embeddedModelPath(), currentDevice());
}

void ModelPanel::chooseFile() {
  const QString path = QFileDialog::getOpenFileName(
      this, tr("Open CLIP weights"), StudioSettings(settings_).lastModelDir(),
      tr("CLIP weights (*.pt *.safetensors);;OpenAI checkpoints (*.pt);;Safetensors (*.safetensors);;All files (*)"));
  if (path.isEmpty()) return;
  StudioSettings(settings_).setLastModelDir(QFileInfo(path).absolutePath());
  openPath(path);
}

void ModelPanel::chooseFolder() {
  const QString path = QFileDialog::getExistingDirectory(
      this, tr("Open a Hugging Face CLIP folder"), StudioSettings(settings_).lastModelDir());
  if (path.isEmpty()) return;
  StudioSettings(settings_).setLastModelDir(QFileInfo(path).absolutePath());
  openPath(path);
}

void ModelPanel::addRecent(const QString& path) {
  QStringList recent = recentModels();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecent) recent.removeLast();
  StudioSettings(settings_).setRecentModels(recent);
  refreshRecent();
}

void ModelPanel::removeRecent(const QString& path) {
  QStringList recent = recentModels();
  recent.removeAll(path);
  StudioSettings(settings_).setRecentModels(recent);
  refreshRecent();
}

void ModelPanel::clearRecent() {
  StudioSettings(settings_).setRecentModels({});
  refreshRecent();
}

void ModelPanel::refreshRecent() {
  recent_->clear();
  const QStringList recent = recentModels();
  for (const QString& path : recent) {
    const QFileInfo file(path);
    const bool exists = file.exists();
    auto* item = new QListWidgetItem(recent_);
    item->setText(QStringLiteral("%1  —  %2").arg(displayName(path), shortDir(path)));
    item->setData(Qt::UserRole, path);
    item->setIcon(QIcon(file.isDir() ? QStringLiteral(":/icons/folder-add.svg") : QStringLiteral(":/icons/model-open.svg")));
    if (exists) {
      item->setToolTip(QDir::toNativeSeparators(path));
    } else {
      item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
      item->setToolTip(tr("%1 (missing)").arg(QDir::toNativeSeparators(path)));
    }
    if (path == info_.path) {
      QFont bold = item->font();
      bold.setBold(true);
      item->setFont(bold);
    }
  }
  recent_empty_->setVisible(recent.isEmpty());
  recent_->setVisible(!recent.isEmpty());
}

void ModelPanel::showRecentMenu(const QPoint& pos) {
  QListWidgetItem* item = recent_->itemAt(pos);
  QMenu menu(this);
  if (item) {
    const QString path = item->data(Qt::UserRole).toString();
    menu.addAction(tr("Open"), this, [this, path] { openPath(path); })->setEnabled(!opening_);
    menu.addAction(tr("Remove from list"), this, [this, path] { removeRecent(path); });
    menu.addSeparator();
  }
  menu.addAction(tr("Clear list"), this, &ModelPanel::clearRecent)->setEnabled(recent_->count() > 0);
  menu.exec(recent_->viewport()->mapToGlobal(pos));
}

void ModelPanel::showEvent(QShowEvent* event) {
  // A file may have gone since the list was drawn.
  refreshRecent();
  QWidget::showEvent(event);
}

void ModelPanel::setOpening(bool opening, const QString& path) {
  opening_ = opening;
  for (QAction* action : {open_file_, open_folder_, open_embedded_}) action->setEnabled(!opening);
  device_->setEnabled(!opening);
  recent_->setEnabled(!opening);
  progress_->setVisible(opening);
  status_->setVisible(opening);
  if (opening) {
    const bool embedded = path == ModelService::embeddedModelPath();
    status_->setText(embedded ? tr("Opening the embedded mini model…") : tr("Opening %1…").arg(displayName(path)));
    status_->setToolTip(QDir::toNativeSeparators(path));
  }
}

void ModelPanel::onOpening(const QString& path) {
  error_->hide();
  setOpening(true, path);
}

void ModelPanel::onOpened(const ModelInfo& info) {
  setOpening(false);
  error_->hide();
  info_ = info;
  showInfo(info);
  setCurrentDevice(info.device);
  // Only what opened is worth offering again: a file that is not a model never is.
  if (!info.embedded && !info.path.isEmpty()) addRecent(QFileInfo(info.path).absoluteFilePath());
  refreshRecent();
}

void ModelPanel::onOpenFailed(const QString& path, const QString& message) {
  setOpening(false);
  // The core's errors begin with the path; the panel names the file once, by its name.
  QString reason = message;
  for (const QString& prefix : {path, QDir::cleanPath(path)})
    if (reason.startsWith(prefix + QStringLiteral(": "))) reason = reason.mid(prefix.size() + 2);
  const QString text = tr("Could not open %1: %2").arg(displayName(path), reason);
  error_->setText(text);
  error_->setToolTip(QDir::toNativeSeparators(path));
  error_->show();
  // Said once: in the panel when it is on screen, else in a message box.
  showErrorBox(this, interactive_ && !error_->isVisible(), tr("Open model"), text);
  emit errorShown(text);
}

void ModelPanel::showInfo(const ModelInfo& info) {
  const QString dot = QStringLiteral(" · ");
  values_["path"]->setText(info.embedded ? tr("embedded mini model") : displayName(info.path));
  values_["path"]->setToolTip(QDir::toNativeSeparators(info.path));
  values_["format"]->setText(info.format);
  values_["device"]->setText(info.precision.isEmpty() ? deviceLabel(info.device)
                                                      : deviceLabel(info.device) + dot + info.precision);
  values_["embedDim"]->setText(tr("%1 dimensions").arg(info.embedDim));
  values_["vision"]->setText(QStringList{tr("width %1").arg(info.visionWidth), tr("%1 layers").arg(info.visionLayers),
                                         tr("%1 heads").arg(info.visionHeads)}
                                 .join(dot));
  values_["image"]->setText(tr("%1 px · patch %2").arg(info.imageSize).arg(info.patchSize));
  values_["text"]->setText(QStringList{tr("width %1").arg(info.textWidth), tr("%1 layers").arg(info.textLayers),
                                       tr("%1 heads").arg(info.textHeads)}
                               .join(dot));
  values_["tokens"]->setText(tr("context %1 · vocabulary %2").arg(info.contextLength).arg(info.vocabSize));
  values_["parameters"]->setText(formatParameters(info.parameters));
  values_["parameters"]->setToolTip(QLocale().toString(info.parameters));
  values_["fingerprint"]->setText(shortFingerprint(info.fingerprint));
  values_["fingerprint"]->setToolTip(info.fingerprint);
  // A narrow dock cuts long values: the whole of each is in its tooltip.
  for (const char* key : {"format", "device", "embedDim", "vision", "image", "text", "tokens"})
    values_[QLatin1String(key)]->setToolTip(values_[QLatin1String(key)]->text());
  info_placeholder_->hide();
  info_box_->show();
}

}  // namespace protext
