#pragma once
#include <QCoreApplication>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QUndoCommand>
#include <QVector>

#include "widgets/common/ClassFiles.h"

namespace protext {

class ClassListModel;

// The class list's undo commands. Each records rows, which stay valid because every change to
// the list goes through the same undo stack (ClassListModel::load clears it).

// Inserts classes contiguously at `row`.
class AddClasses : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(AddClasses)

 public:
  AddClasses(ClassListModel* model, int row, const QVector<ClassEntry>& entries,
             QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  QPointer<ClassListModel> model_;
  int row_;
  QVector<ClassEntry> entries_;
};

// Removes classes; undo puts each back at its original row with its descriptions.
class RemoveClasses : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(RemoveClasses)

 public:
  RemoveClasses(ClassListModel* model, QList<int> rows, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  QPointer<ClassListModel> model_;
  QList<int> rows_;  // ascending
  QVector<ClassEntry> entries_;
};

class RenameClass : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(RenameClass)

 public:
  RenameClass(ClassListModel* model, int row, const QString& name, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  QPointer<ClassListModel> model_;
  int row_;
  QString old_name_;
  QString new_name_;
};

// Moves `rows` (in their order) to just before the class at `before` (count(): the end).
class MoveClass : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(MoveClass)

 public:
  MoveClass(ClassListModel* model, QList<int> rows, int before, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;
  // True when the move leaves the order as it is (nothing worth an undo step).
  bool isIdentity() const;

 private:
  QPointer<ClassListModel> model_;
  QVector<int> order_;    // order_[newRow] = oldRow
  QVector<int> inverse_;
};

// Replaces one class's descriptions. Edits of the same class in one editing session
// (`mergeSession` != 0) merge, so a burst of typing is one undo step rather than one per pause.
class SetDescriptions : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(SetDescriptions)

 public:
  SetDescriptions(ClassListModel* model, int row, const QStringList& descriptions,
                  int mergeSession = 0, QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;
  int id() const override;
  bool mergeWith(const QUndoCommand* other) override;

 private:
  QPointer<ClassListModel> model_;
  int row_;
  int session_;
  QStringList old_;
  QStringList new_;
};

// Replaces the whole list (imports).
class ReplaceAll : public QUndoCommand {
  Q_DECLARE_TR_FUNCTIONS(ReplaceAll)

 public:
  ReplaceAll(ClassListModel* model, const QVector<ClassEntry>& entries, const QString& text = {},
             QUndoCommand* parent = nullptr);
  void redo() override;
  void undo() override;

 private:
  QPointer<ClassListModel> model_;
  QVector<ClassEntry> old_;
  QVector<ClassEntry> new_;
};

}  // namespace protext
