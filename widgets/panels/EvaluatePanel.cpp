#include "widgets/panels/EvaluatePanel.h"

#include <QAction>
#include <QApplication>
#include <QCompleter>
#include <QDir>
#include <QFile>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFileSystemModel>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QStyle>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>

#include "widgets/common/ErrorReport.h"
#include "widgets/common/PanelAction.h"
#include "widgets/views/EvaluationView.h"

namespace protext {
namespace {

constexpr int kSkippedListed = 20;
const QColor kErrorColor(190, 40, 30);

QString droppedFolder(const QMimeData* mime) {
  if (!mime || !mime->hasUrls() || mime->urls().size() != 1) return {};
  const QUrl url = mime->urls().front();
  return url.isLocalFile() && QFileInfo(url.toLocalFile()).isDir() ? url.toLocalFile() : QString();
}

}  // namespace

EvaluatePanel::EvaluatePanel(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  setMinimumWidth(360);
  buildActions();
  buildLayout();
  setRunning(false);
  status_->setText(tr("Choose a folder with one sub-folder of images per class."));
}

void EvaluatePanel::buildActions() {
  const auto make = [this](const QString& text, const QString& tip, const QKeySequence& keys, const QIcon& icon,
                           Qt::ShortcutContext context) {
    return makePanelAction(this, text, tip, keys, icon, context);
  };
  run_ = make(tr("&Evaluate Folder"), tr("Score every method on the labelled folder"),
              QKeySequence(Qt::CTRL | Qt::Key_E), iconOr(QStringLiteral(":/icons/evaluate.svg"), QStyle::SP_MediaPlay),
              Qt::WindowShortcut);
  run_->setIconText(tr("Evaluate"));
  cancel_ = make(tr("&Cancel Evaluation"), tr("Stop the evaluation; nothing is scored"),
                 QKeySequence(Qt::Key_Escape), QApplication::style()->standardIcon(QStyle::SP_MediaStop),
                 Qt::WidgetWithChildrenShortcut);
  cancel_->setIconText(tr("Cancel"));
  choose_ = make(tr("Choose Evaluation &Folder…"), tr("Pick a folder with one sub-folder of images per class"),
                 QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E),
                 iconOr(QStringLiteral(":/icons/folder-add.svg"), QStyle::SP_DirOpenIcon), Qt::WindowShortcut);
  choose_->setIconText(tr("Choose Folder…"));

  connect(run_, &QAction::triggered, this, &EvaluatePanel::run);
  connect(cancel_, &QAction::triggered, this, &EvaluatePanel::cancel);
  connect(choose_, &QAction::triggered, this, &EvaluatePanel::chooseFolder);
}

void EvaluatePanel::buildLayout() {
  folder_ = new QLineEdit(this);
  folder_->setObjectName(QStringLiteral("evaluateFolder"));
  folder_->setPlaceholderText(tr("Folder with one sub-folder per class"));
  folder_->setToolTip(
      tr("Each sub-folder holds the images of one class and is named after it (\"_\" reads as a space). "
         "You can also drop the folder here."));
  folder_->setClearButtonEnabled(true);
  auto* files = new QFileSystemModel(this);
  files->setFilter(QDir::AllDirs | QDir::NoDotAndDotDot);
  files->setRootPath(QString());
  auto* completer = new QCompleter(files, this);
  folder_->setCompleter(completer);
  connect(folder_, &QLineEdit::textChanged, this, [this] { updateActionStates(); });
  connect(folder_, &QLineEdit::returnPressed, this, [this] {
    if (run_->isEnabled()) run();
  });

  auto* folderLabel = new QLabel(tr("&Folder:"), this);
  folderLabel->setBuddy(folder_);
  choose_button_ = new QPushButton(choose_->icon(), tr("Choose…"), this);
  choose_button_->setObjectName(QStringLiteral("evaluateChoose"));
  choose_button_->setToolTip(choose_->toolTip());
  connect(choose_button_, &QPushButton::clicked, choose_, &QAction::trigger);

  run_button_ = new QPushButton(run_->icon(), run_->iconText(), this);
  run_button_->setObjectName(QStringLiteral("evaluateRun"));
  run_button_->setToolTip(run_->toolTip());
  run_button_->setDefault(true);
  connect(run_button_, &QPushButton::clicked, run_, &QAction::trigger);
  cancel_button_ = new QPushButton(cancel_->icon(), cancel_->iconText(), this);
  cancel_button_->setObjectName(QStringLiteral("evaluateCancel"));
  cancel_button_->setToolTip(cancel_->toolTip());
  connect(cancel_button_, &QPushButton::clicked, cancel_, &QAction::trigger);

  progress_ = new QProgressBar(this);
  progress_->setObjectName(QStringLiteral("evaluateProgress"));
  progress_->setRange(0, 1);
  progress_->setValue(0);
  progress_->setTextVisible(true);
  progress_->setMinimumWidth(140);

  status_ = new QLabel(this);
  status_->setObjectName(QStringLiteral("evaluateStatus"));
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::PlainText);
  error_ = new QLabel(this);
  error_->setObjectName(QStringLiteral("evaluateError"));
  error_->setWordWrap(true);
  error_->setTextFormat(Qt::PlainText);
  error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  error_->setStyleSheet(QStringLiteral("color: %1;").arg(kErrorColor.name()));
  error_->hide();

  view_ = new EvaluationView(this);
  view_->setObjectName(QStringLiteral("evaluationView"));
  // The view wants ~640 px; in a narrow dock it scrolls instead of widening the window.
  auto* scroll = new QScrollArea(this);
  scroll->setWidget(view_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);

  auto* folderRow = new QHBoxLayout;
  folderRow->addWidget(folderLabel);
  folderRow->addWidget(folder_, 1);
  folderRow->addWidget(choose_button_);
  auto* runRow = new QHBoxLayout;
  runRow->addWidget(run_button_);
  runRow->addWidget(cancel_button_);
  runRow->addWidget(progress_, 1);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addLayout(folderRow);
  layout->addLayout(runRow);
  layout->addWidget(status_);
  layout->addWidget(error_);
  layout->addWidget(scroll, 1);
}

QList<QAction*> EvaluatePanel::panelActions() const { return {run_, cancel_, choose_}; }

void EvaluatePanel::setInteractive(bool interactive) { interactive_ = interactive; }

QString EvaluatePanel::folder() const { return folder_->text().trimmed(); }

void EvaluatePanel::setFolder(const QString& folder) { folder_->setText(QDir::toNativeSeparators(folder)); }

void EvaluatePanel::chooseFolder() {
  const QString chosen = QFileDialog::getExistingDirectory(this, tr("Choose Evaluation Folder"), folder());
  if (!chosen.isEmpty()) setFolder(chosen);
}

bool EvaluatePanel::run() {
  if (running_) return false;
  const QString path = QDir::fromNativeSeparators(folder());
  if (path.isEmpty()) {
    showError(tr("Choose a folder to evaluate first."));
    return false;
  }
  const QFileInfo info(path);
  if (!info.isDir()) {
    showError(info.exists() ? tr("%1 is a file; choose a folder with one sub-folder per class.")
                                  .arg(QDir::toNativeSeparators(path))
                            : tr("The folder %1 does not exist.").arg(QDir::toNativeSeparators(path)));
    return false;
  }
  done_ = total_ = 0;
  error_->hide();
  view_->clear();
  progress_->setRange(0, 0);  // busy until the first count arrives
  progress_->setFormat(tr("Listing images…"));
  status_->setText(tr("Evaluating %1…").arg(QDir::toNativeSeparators(info.absoluteFilePath())));
  clock_.start();
  setRunning(true);
  // The main window may answer synchronously with onFailed(); running is already set.
  emit runRequested(info.absoluteFilePath());
  return true;
}

void EvaluatePanel::cancel() {
  if (!running_ || cancelling_) return;
  cancelling_ = true;
  status_->setText(tr("Cancelling…"));
  updateActionStates();
  emit cancelRequested();
}

void EvaluatePanel::onProgress(qint64 done, qint64 total) {
  if (!running_) setRunning(true);
  done_ = done;
  total_ = total;
  const QLocale locale;
  if (total <= 0) {
    progress_->setRange(0, 0);
    return;
  }
  // QProgressBar counts in int; scale only if a folder ever holds more images than that.
  const double scale = total > INT_MAX ? double(INT_MAX) / double(total) : 1.0;
  progress_->setRange(0, int(total * scale));
  progress_->setValue(int(std::min(done, total) * scale));
  progress_->setFormat(tr("%1 / %2 images").arg(locale.toString(done), locale.toString(total)));
}

void EvaluatePanel::onFinished(const EvaluationResult& result) {
  const QString elapsed = elapsedText();
  setRunning(false);
  const QLocale locale;
  progress_->setRange(0, 1);
  progress_->setValue(1);
  progress_->setFormat(tr("%1 / %2 images").arg(locale.toString(result.imageCount), locale.toString(result.imageCount)));
  view_->setResult(result);
  error_->hide();
  // The view's own header counts images, classes and methods; this line says how the run went.
  QString text = elapsed.isEmpty() ? tr("Finished: %n images", nullptr, result.imageCount)
                                   : tr("Finished: %n images in %1", nullptr, result.imageCount).arg(elapsed);
  if (!result.skippedFiles.isEmpty()) {
    text += QStringLiteral(" · ") + tr("%n files skipped", nullptr, int(result.skippedFiles.size()));
    QStringList listed = result.skippedFiles.mid(0, kSkippedListed);
    for (QString& path : listed) path = QDir::toNativeSeparators(path);
    if (result.skippedFiles.size() > kSkippedListed)
      listed << tr("…and %n more", nullptr, int(result.skippedFiles.size() - kSkippedListed));
    status_->setToolTip(tr("Skipped (not images, unreadable, or in no class folder):\n%1").arg(listed.join('\n')));
  } else {
    status_->setToolTip({});
  }
  status_->setText(text);
  emit statusMessage(text);
}

void EvaluatePanel::onCancelled() {
  setRunning(false);
  const QLocale locale;
  const QString text = total_ > 0 ? tr("Cancelled after %1 of %2 images; nothing was scored.")
                                        .arg(locale.toString(done_), locale.toString(total_))
                                  : tr("Cancelled; nothing was scored.");
  if (progress_->maximum() == 0) progress_->setRange(0, 1);
  status_->setText(text);
  status_->setToolTip({});
  emit statusMessage(text);
}

void EvaluatePanel::onFailed(const QString& message) {
  setRunning(false);
  if (progress_->maximum() == 0) {
    progress_->setRange(0, 1);
    progress_->setValue(0);
    progress_->setFormat(QString());
  }
  status_->setText(tr("The evaluation failed."));
  status_->setToolTip({});
  error_->setText(message);
  error_->show();
  showError(message);
}

void EvaluatePanel::setRunning(bool running) {
  running_ = running;
  cancelling_ = false;
  updateActionStates();
}

void EvaluatePanel::updateActionStates() {
  run_->setEnabled(!running_ && !folder().isEmpty());
  cancel_->setEnabled(running_ && !cancelling_);
  choose_->setEnabled(!running_);
  folder_->setEnabled(!running_);
  run_button_->setEnabled(run_->isEnabled());
  cancel_button_->setEnabled(cancel_->isEnabled());
  choose_button_->setEnabled(choose_->isEnabled());
}

QString EvaluatePanel::elapsedText() const {
  if (!clock_.isValid()) return {};
  const qint64 seconds = clock_.elapsed() / 1000;
  if (seconds < 1) return {};
  if (seconds < 60) return tr("%n s", nullptr, int(seconds));
  return tr("%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
}

void EvaluatePanel::showError(const QString& message) {
  showErrorBox(this, interactive_, tr("Evaluate"), message);
  emit errorShown(message);
}

void EvaluatePanel::dragEnterEvent(QDragEnterEvent* event) {
  if (!running_ && !droppedFolder(event->mimeData()).isEmpty()) event->acceptProposedAction();
}

void EvaluatePanel::dropEvent(QDropEvent* event) {
  const QString folder = droppedFolder(event->mimeData());
  if (running_ || folder.isEmpty()) return;
  event->acceptProposedAction();
  setFolder(folder);
}

}  // namespace protext
