#pragma once
#include <QMap>
#include <QAbstractListModel>
#include <QList>
#include <QPointer>
#include <QStringList>
#include <QVector>

#include "widgets/common/ClassFiles.h"

class QUndoCommand;
class QUndoStack;

namespace protext {

// The class list with each class's LLM descriptions. Every change a user makes (in a view or
// through the request methods) becomes a command on the undo stack; the low-level mutators
// below exist for those commands and apply a change without recording it.
class ClassListModel : public QAbstractListModel {
  Q_OBJECT

 public:
  enum Role {
    DescriptionCountRole = Qt::UserRole + 1,  // int
    DescriptionsRole,                          // QStringList
  };

  // `undo` is not owned; without one, requests apply at once and cannot be undone.
  explicit ClassListModel(QUndoStack* undo, QObject* parent = nullptr);

  QUndoStack* undoStack() const;

  // --- reading
  int count() const;
  QStringList classes() const;
  // class name → its descriptions, for the engine (classes without any are left out).
  QMap<QString, QStringList> descriptionMap() const;
  QVector<ClassEntry> entries() const;
  ClassEntry entry(int row) const;
  // Row of `name` compared as ClassFiles::matchKey does (case-insensitive, '_' as ' '); -1 if none.
  int rowOf(const QString& name) const;
  QStringList descriptions(const QString& name) const;
  int classesWithoutDescriptions() const;
  // Why `name` cannot name the class at `row` (-1: a new class); empty if it can.
  QString nameProblem(const QString& name, int row = -1) const;

  // --- undoable requests: each validates, then pushes one command (or emits error()).
  // Adds the valid, new names at `row` (-1: the end) as one undo step; names that are empty
  // or already present are skipped and listed in `skipped`. Returns how many were added.
  int addClasses(const QStringList& names, int row = -1, QStringList* skipped = nullptr);
  bool removeClasses(QList<int> rows);
  bool renameClass(int row, const QString& name);
  // Moves the class at `from` so that it ends at row `to`.
  bool moveClass(int from, int to);
  // Moves `rows` (kept in their order) to just before the class now at `before`
  // (rowCount(): the end), as a drop does.
  bool moveClasses(QList<int> rows, int before);
  bool editDescriptions(int row, const QStringList& descriptions, int mergeSession = 0);
  // Replaces the whole list (an import) as one undo step.
  bool replaceAll(const QVector<ClassEntry>& entries, const QString& undoText);

  // Opens a project: replaces everything and forgets the undo history, whose rows would no
  // longer match.
  void load(const QVector<ClassEntry>& entries);

  // --- low-level mutators, for the commands: no validation beyond bounds, no undo record.
  // setEntries cleans names and drops empty and duplicate ones so the list stays valid.
  void setEntries(const QVector<ClassEntry>& entries);
  bool insertEntries(int row, const QVector<ClassEntry>& entries);
  bool removeEntries(int row, int count);
  // order[newRow] = oldRow; a permutation of 0..count()-1. Selections follow their classes.
  bool reorder(const QVector<int>& order);
  bool renameEntry(int row, const QString& name);
  bool setDescriptionsAt(int row, const QStringList& descriptions);

  // --- QAbstractItemModel
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;
  Qt::DropActions supportedDropActions() const override;
  Qt::DropActions supportedDragActions() const override;
  QStringList mimeTypes() const override;
  QMimeData* mimeData(const QModelIndexList& indexes) const override;
  bool canDropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                       const QModelIndex& parent) const override;
  bool dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int column,
                    const QModelIndex& parent) override;

  static QString mimeType();

 signals:
  // After every change of names, order or descriptions.
  void classesChanged();
  // A request was refused; the text says why, for the user.
  void error(const QString& message);

 private:
  void push(QUndoCommand* command);
  QList<int> decodeRows(const QMimeData* data) const;

  QPointer<QUndoStack> undo_;
  QVector<ClassEntry> entries_;
};

}  // namespace protext
