#include "widgets/models/ClassCommands.h"

#include <algorithm>

#include "widgets/models/ClassListModel.h"

namespace protext {
namespace {

QList<int> sortedUnique(QList<int> rows) {
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  return rows;
}

// Merging SetDescriptions needs an id unique among this application's commands.
constexpr int kSetDescriptionsId = 0x5e7de5;

}  // namespace

AddClasses::AddClasses(ClassListModel* model, int row, const QVector<ClassEntry>& entries,
                       QUndoCommand* parent)
    : QUndoCommand(parent), model_(model), row_(row), entries_(entries) {
  if (row_ < 0 || row_ > model->count()) row_ = model->count();
  setText(entries_.size() == 1 ? tr("Add class '%1'").arg(entries_.first().name)
                               : tr("Add %n classes", nullptr, int(entries_.size())));
}

void AddClasses::redo() {
  if (model_) model_->insertEntries(row_, entries_);
}

void AddClasses::undo() {
  if (model_) model_->removeEntries(row_, static_cast<int>(entries_.size()));
}

RemoveClasses::RemoveClasses(ClassListModel* model, QList<int> rows, QUndoCommand* parent)
    : QUndoCommand(parent), model_(model) {
  for (int row : sortedUnique(std::move(rows))) {
    if (row < 0 || row >= model->count()) continue;
    rows_ << row;
    entries_ << model->entry(row);
  }
  setText(entries_.size() == 1 ? tr("Remove class '%1'").arg(entries_.first().name)
                               : tr("Remove %n classes", nullptr, int(entries_.size())));
}

void RemoveClasses::redo() {
  if (!model_) return;
  // From the bottom up, so the rows still to remove keep their numbers.
  for (qsizetype i = rows_.size() - 1; i >= 0; --i) model_->removeEntries(rows_[i], 1);
}

void RemoveClasses::undo() {
  if (!model_) return;
  // Ascending, so each class lands at the row it had: the rows before it are back already.
  for (qsizetype i = 0; i < rows_.size(); ++i) model_->insertEntries(rows_[i], {entries_[i]});
}

RenameClass::RenameClass(ClassListModel* model, int row, const QString& name,
                         QUndoCommand* parent)
    : QUndoCommand(parent),
      model_(model),
      row_(row),
      old_name_(model->entry(row).name),
      new_name_(name) {
  setText(tr("Rename class '%1' to '%2'").arg(old_name_, new_name_));
}

void RenameClass::redo() {
  if (model_) model_->renameEntry(row_, new_name_);
}

void RenameClass::undo() {
  if (model_) model_->renameEntry(row_, old_name_);
}

MoveClass::MoveClass(ClassListModel* model, QList<int> rows, int before, QUndoCommand* parent)
    : QUndoCommand(parent), model_(model) {
  const int n = model->count();
  QList<int> moving;
  for (int row : sortedUnique(std::move(rows))) {
    if (row >= 0 && row < n) moving << row;
  }
  before = qBound(0, before, n);
  QVector<int> staying;
  int insertAt = 0;
  for (int row = 0; row < n; ++row) {
    if (moving.contains(row)) continue;
    if (row < before) ++insertAt;
    staying << row;
  }
  order_ = staying.mid(0, insertAt);
  order_ << QVector<int>(moving.begin(), moving.end()) << staying.mid(insertAt);
  inverse_.resize(n);
  for (int newRow = 0; newRow < n; ++newRow) inverse_[order_[newRow]] = newRow;
  setText(moving.size() == 1 ? tr("Move class '%1'").arg(model->entry(moving.first()).name)
                             : tr("Move %n classes", nullptr, int(moving.size())));
}

bool MoveClass::isIdentity() const {
  for (int i = 0; i < order_.size(); ++i) {
    if (order_[i] != i) return false;
  }
  return true;
}

void MoveClass::redo() {
  if (model_) model_->reorder(order_);
}

void MoveClass::undo() {
  if (model_) model_->reorder(inverse_);
}

SetDescriptions::SetDescriptions(ClassListModel* model, int row, const QStringList& descriptions,
                                 int mergeSession, QUndoCommand* parent)
    : QUndoCommand(parent),
      model_(model),
      row_(row),
      session_(mergeSession),
      old_(model->entry(row).descriptions),
      new_(descriptions) {
  setText(tr("Edit descriptions of '%1'").arg(model->entry(row).name));
}

void SetDescriptions::redo() {
  if (model_) model_->setDescriptionsAt(row_, new_);
}

void SetDescriptions::undo() {
  if (model_) model_->setDescriptionsAt(row_, old_);
}

int SetDescriptions::id() const { return session_ != 0 ? kSetDescriptionsId : -1; }

bool SetDescriptions::mergeWith(const QUndoCommand* other) {
  const auto* next = dynamic_cast<const SetDescriptions*>(other);
  if (!next || next->session_ != session_ || next->row_ != row_ || next->model_ != model_) {
    return false;
  }
  new_ = next->new_;
  // Typing that ends where it began leaves nothing to undo.
  setObsolete(new_ == old_);
  return true;
}

ReplaceAll::ReplaceAll(ClassListModel* model, const QVector<ClassEntry>& entries,
                       const QString& text, QUndoCommand* parent)
    : QUndoCommand(parent), model_(model), old_(model->entries()), new_(entries) {
  setText(text.isEmpty() ? tr("Replace class list") : text);
}

void ReplaceAll::redo() {
  if (model_) model_->setEntries(new_);
}

void ReplaceAll::undo() {
  if (model_) model_->setEntries(old_);
}

}  // namespace protext
