// ClassListEditor's file actions: importing and exporting class lists and CuPL descriptions
// through the core's one reader (widgets/common/ClassFiles).
#include <QFileDialog>
#include <QFileInfo>
#include <QLineEdit>
#include <QMessageBox>
#include <QUndoStack>

#include "core/zeroshot/description_match.h"
#include "widgets/common/ClassFiles.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/GenerateDescriptionsDialog.h"

namespace protext {
namespace {

QString shortName(const QString& path) { return QFileInfo(path).fileName(); }

}  // namespace

QString ClassListEditor::askOpenPath(const QString& title, const QString& filters) {
  const QString path = QFileDialog::getOpenFileName(this, title, last_dir_, filters);
  if (!path.isEmpty()) last_dir_ = QFileInfo(path).absolutePath();
  return path;
}

QString ClassListEditor::askSavePath(const QString& title, const QString& filters,
                                     const QString& suffix) {
  QString path = QFileDialog::getSaveFileName(this, title, last_dir_, filters);
  if (path.isEmpty()) return path;
  if (QFileInfo(path).suffix().isEmpty()) path += QLatin1Char('.') + suffix;
  last_dir_ = QFileInfo(path).absolutePath();
  return path;
}

bool ClassListEditor::importClasses(const QString& path) {
  applyDescriptionEdits();
  const ClassFileContents file = ClassFiles::readClassList(path);
  if (!file.ok()) {
    showError(file.error);
    return false;
  }
  QVector<ClassEntry> entries = file.entries;
  if (!file.hasDescriptions) {
    // A plain name list keeps the descriptions the list already had for those classes.
    for (ClassEntry& entry : entries) entry.descriptions = model_->descriptions(entry.name);
  }
  const int replaced = model_->count();
  if (replaced > 0 && interactive_ &&
      QMessageBox::question(this, tr("Import classes"),
                            tr("Replace the %n classes in the list with those in '%1'? Undo brings them back.", nullptr, replaced)
                                .arg(shortName(path)),
                            QMessageBox::Yes | QMessageBox::Cancel) != QMessageBox::Yes)
    return false;
  model_->replaceAll(entries, tr("Import classes from '%1'").arg(shortName(path)));
  search_->clear();
  QString news = replaced > 0 ? tr("Imported %n classes from '%1' in place of %2.", nullptr, int(entries.size()))
                                    .arg(shortName(path))
                                    .arg(replaced)
                              : tr("Imported %n classes from '%1'.", nullptr, int(entries.size())).arg(shortName(path));
  // What the reader merged or dropped, in the words the protext CLI prints as warnings.
  for (const QString& warning : file.warnings) news = tr("%1 Note: %2.").arg(news, warning);
  emit statusMessage(news);
  return true;
}

bool ClassListEditor::exportClasses(const QString& path) {
  applyDescriptionEdits();
  if (model_->count() == 0) {
    showError(tr("There are no classes to export."));
    return false;
  }
  const QString error = ClassFiles::writeClassList(path, model_->classes());
  if (!error.isEmpty()) {
    showError(error);
    return false;
  }
  emit statusMessage(tr("Saved %n classes to '%1'.", nullptr, model_->count()).arg(shortName(path)));
  return true;
}

bool ClassListEditor::importDescriptions(const QString& path) {
  applyDescriptionEdits();
  const ClassFileContents file = ClassFiles::readDescriptions(path);
  if (!file.ok()) {
    showError(file.error);
    return false;
  }
  QVector<int> rows;
  QVector<QStringList> texts;
  QStringList unmatched;
  QVector<ClassEntry> nearMisses;  // keys no class has, close to a class that has no key
  for (const ClassEntry& entry : file.entries) {
    const int row = model_->rowOf(entry.name);
    if (row < 0) {
      unmatched << entry.name;
      nearMisses << entry;
      continue;
    }
    rows << row;
    texts << entry.descriptions;
  }
  // "golden retrievers" for the class "golden retriever": offered, never taken silently.
  QStringList taken;
  for (const ClassEntry& entry : nearMisses) {
    const QString loose = QString::fromStdString(loose_class_key(entry.name.toStdString()));
    for (int row = 0; row < model_->count(); ++row) {
      const QString name = model_->entry(row).name;
      if (rows.contains(row) || QString::fromStdString(loose_class_key(name.toStdString())) != loose) continue;
      const bool use = !interactive_ ||
                       QMessageBox::question(this, tr("Import descriptions"),
                                             tr("The file has descriptions for '%1' but not for the class '%2'. Use "
                                                "them for '%2'?")
                                                 .arg(entry.name, name)) == QMessageBox::Yes;
      if (use) {
        rows << row;
        texts << entry.descriptions;
        unmatched.removeAll(entry.name);
        taken << tr("'%1' for '%2'").arg(entry.name, name);
      }
      break;
    }
  }
  if (rows.isEmpty()) {
    showError(tr("None of the %1 classes in '%2' is in the class list, so no descriptions were "
                 "imported. To take the classes from this file, use Import Classes.")
                  .arg(file.entries.size())
                  .arg(shortName(path)));
    return false;
  }
  int changed = 0;
  for (qsizetype i = 0; i < rows.size(); ++i) {
    changed += model_->entry(rows[i]).descriptions != texts[i] ? 1 : 0;
  }
  // An empty macro would still be an undo step, one that does nothing.
  if (changed > 0) {
    if (undo_) undo_->beginMacro(tr("Import descriptions from '%1'").arg(shortName(path)));
    for (qsizetype i = 0; i < rows.size(); ++i) model_->editDescriptions(rows[i], texts[i]);
    if (undo_) undo_->endMacro();
  }
  QString news = tr("Descriptions for %1 of %2 classes from '%3'.")
                     .arg(rows.size())
                     .arg(model_->count())
                     .arg(shortName(path));
  if (changed == 0) news = tr("%1 They were already up to date.").arg(news);
  if (!taken.isEmpty()) news = tr("%1 Taken by a near name: %2.").arg(news, taken.join(QStringLiteral(", ")));
  for (const QString& warning : file.warnings) news = tr("%1 Note: %2.").arg(news, warning);
  if (!unmatched.isEmpty()) {
    news = tr("%1 %2 in the file match no class: %3.")
               .arg(news)
               .arg(unmatched.size())
               .arg(unmatched.join(QStringLiteral(", ")));
  }
  emit statusMessage(news);
  return true;
}

bool ClassListEditor::exportDescriptions(const QString& path) {
  applyDescriptionEdits();
  if (model_->count() == 0) {
    showError(tr("There are no classes to export."));
    return false;
  }
  const QString error = ClassFiles::writeDescriptions(path, model_->entries());
  if (!error.isEmpty()) {
    showError(error);
    return false;
  }
  emit statusMessage(tr("Saved descriptions of %n classes to '%1'.", nullptr, model_->count())
                         .arg(shortName(path)));
  return true;
}

QStringList ClassListEditor::describeTargets() const {
  const QStringList selected = selectedClasses();
  if (!selected.isEmpty()) return selected;
  QStringList without;
  for (const QString& name : model_->classes())
    if (model_->descriptions(name).isEmpty()) without << name;
  return without;
}

void ClassListEditor::generateDescriptions() {
  applyDescriptionEdits();
  const QStringList targets = describeTargets();
  if (targets.isEmpty()) {
    showError(model_->count() == 0 ? tr("There are no classes to describe yet.")
                                   : tr("Every class has descriptions. Select the classes to describe again."));
    return;
  }
  GenerateDescriptionsDialog dialog(targets, this);
  if (dialog.exec() == QDialog::Accepted) applyGeneratedDescriptions(dialog.accepted());
}

bool ClassListEditor::applyGeneratedDescriptions(const QMap<QString, QStringList>& descriptions) {
  QList<int> rows;
  for (auto it = descriptions.cbegin(); it != descriptions.cend(); ++it) {
    const int row = model_->rowOf(it.key());
    if (row >= 0 && model_->entry(row).descriptions != it.value()) rows << row;
  }
  if (rows.isEmpty()) return false;
  if (undo_) undo_->beginMacro(tr("Generate descriptions for %n classes", nullptr, int(rows.size())));
  for (int row : rows) model_->editDescriptions(row, descriptions.value(model_->entry(row).name));
  if (undo_) undo_->endMacro();
  emit statusMessage(tr("Descriptions from WordNet for %n classes.", nullptr, int(rows.size())));
  return true;
}

}  // namespace protext
