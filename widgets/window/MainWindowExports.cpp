// The main window's commands that take the classifiers outside the app: labelling a
// folder of unlabelled images, and exporting one method's classifier.
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QProgressDialog>
#include <QStatusBar>

#include "core/error.h"
#include "widgets/common/MethodStyle.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/engine/ClassifierExport.h"
#include "widgets/engine/FolderClassifyService.h"
#include "widgets/engine/ModelService.h"
#include "widgets/window/MainWindow.h"

namespace protext {

bool MainWindow::classifyFolderInto(const QString& folder, const QString& outPath) {
  const QString title = tr("Classify Folder");
  if (!models_->handle()) {
    showError(title, tr("Open a model before classifying."));
    return false;
  }
  if (classifiers_.methods.isEmpty() || !models_->classifiersCurrent()) {
    showError(title, classifiers_.methods.isEmpty() ? tr("There are no classifiers yet: add classes first.")
                                                    : tr("The classifiers are being rebuilt; try again in a moment."));
    return false;
  }
  if (folderClassify_->running()) {
    showError(title, tr("A folder is already being classified."));
    return false;
  }
  // Lives until the work ends; its connections go with it.
  auto* dialog = new QProgressDialog(tr("Classifying the images of %1…").arg(QDir::toNativeSeparators(folder)),
                                     tr("Cancel"), 0, 0, this);
  dialog->setObjectName(QStringLiteral("classifyFolderProgress"));
  dialog->setWindowTitle(title);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->setAutoClose(false);
  dialog->setAutoReset(false);
  dialog->setMinimumDuration(0);
  connect(dialog, &QProgressDialog::canceled, folderClassify_, &FolderClassifyService::cancel);
  connect(folderClassify_, &FolderClassifyService::progress, dialog, [dialog](qint64 done, qint64 total) {
    dialog->setMaximum(int(total));
    dialog->setValue(int(done));
    dialog->setLabelText(tr("Classifying images: %1 of %2").arg(done).arg(total));
  });
  connect(folderClassify_, &FolderClassifyService::finished, dialog,
          [this, dialog](int images, const QStringList& skipped, const QString& out) {
            dialog->close();
            QString message = tr("Classified %n images into %1", nullptr, images).arg(QFileInfo(out).fileName());
            if (!skipped.isEmpty()) message += QStringLiteral(" · ") + tr("%n files skipped", nullptr, skipped.size());
            statusBar()->showMessage(message, 10000);
          });
  connect(folderClassify_, &FolderClassifyService::cancelled, dialog, [this, dialog] {
    dialog->close();
    statusBar()->showMessage(tr("Classifying the folder was cancelled; nothing was written."), 6000);
  });
  connect(folderClassify_, &FolderClassifyService::failed, dialog, [this, dialog, title](const QString& message) {
    dialog->close();
    showError(title, message);
  });
  dialog->show();
  folderClassify_->start(models_->handle(), folder, classifiers_, outPath, StudioSettings().embeddingCacheDir());
  return true;
}

void MainWindow::classifyFolderDialog() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Folder of Images to Classify"));
  if (folder.isEmpty()) return;
  const QString out = QFileDialog::getSaveFileName(
      this, tr("Save Predictions"), QDir(folder).filePath(QStringLiteral("predictions.csv")),
      tr("CSV, best class per method (*.csv);;JSON Lines, top 5 per method (*.jsonl)"));
  if (!out.isEmpty()) classifyFolderInto(folder, out);
}

bool MainWindow::exportClassifierTo(const QString& method, const QString& path) {
  try {
    const QStringList written = exportClassifier(classifiers_, method, models_->info().fingerprint, path);
    statusBar()->showMessage(tr("Exported the %1 classifier: %2")
                                 .arg(MethodStyle::label(method), QFileInfo(written.front()).fileName()),
                             8000);
    return true;
  } catch (const std::exception& e) {
    showError(tr("Export Classifier"), QString::fromStdString(error_message(e)));
    return false;
  }
}

void MainWindow::exportClassifierDialog() {
  if (classifiers_.methods.isEmpty()) {
    showError(tr("Export Classifier"), tr("There are no classifiers yet: open a model and add classes first."));
    return;
  }
  QStringList labels;
  for (const QString& method : classifiers_.methods) labels << MethodStyle::label(method);
  bool ok = false;
  const QString label = QInputDialog::getItem(this, tr("Export Classifier"), tr("Method:"), labels,
                                              labels.size() - 1, false, &ok);
  if (!ok) return;
  const QString method = classifiers_.methods.value(labels.indexOf(label));
  const QString path = QFileDialog::getSaveFileName(
      this, tr("Export Classifier"), method + QStringLiteral("-classifier.safetensors"),
      tr("safetensors, metadata inside (*.safetensors);;NumPy, metadata in a .json beside it (*.npy)"));
  if (!path.isEmpty()) exportClassifierTo(method, path);
}

}  // namespace protext
