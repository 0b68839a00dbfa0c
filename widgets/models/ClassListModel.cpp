#include "widgets/models/ClassListModel.h"

#include <QApplication>
#include <QDataStream>
#include <QIODevice>
#include <QMimeData>
#include <QSet>
#include <QStyle>
#include <QUndoStack>

#include <algorithm>

#include "widgets/common/ClassFiles.h"
#include "widgets/models/ClassCommands.h"

namespace protext {
namespace {

QStringList cleanDescriptions(const QStringList& descriptions) {
  QStringList cleaned;
  for (const QString& text : descriptions) {
    const QString line = ClassFiles::cleanDescription(text);
    if (!line.isEmpty()) cleaned << line;
  }
  return cleaned;
}

}  // namespace

ClassListModel::ClassListModel(QUndoStack* undo, QObject* parent)
    : QAbstractListModel(parent), undo_(undo) {}

QUndoStack* ClassListModel::undoStack() const { return undo_; }

int ClassListModel::count() const { return static_cast<int>(entries_.size()); }

QMap<QString, QStringList> ClassListModel::descriptionMap() const {
  QMap<QString, QStringList> out;
  for (const ClassEntry& e : entries())
    if (!e.descriptions.isEmpty()) out.insert(e.name, e.descriptions);
  return out;
}

QStringList ClassListModel::classes() const {
  QStringList names;
  names.reserve(entries_.size());
  for (const ClassEntry& entry : entries_) names << entry.name;
  return names;
}

QVector<ClassEntry> ClassListModel::entries() const { return entries_; }

ClassEntry ClassListModel::entry(int row) const {
  return row >= 0 && row < count() ? entries_[row] : ClassEntry{};
}

int ClassListModel::rowOf(const QString& name) const {
  const QString key = ClassFiles::matchKey(name);
  for (int row = 0; row < count(); ++row) {
    if (ClassFiles::matchKey(entries_[row].name) == key) return row;
  }
  return -1;
}

QStringList ClassListModel::descriptions(const QString& name) const {
  return entry(rowOf(name)).descriptions;
}

int ClassListModel::classesWithoutDescriptions() const {
  int without = 0;
  for (const ClassEntry& entry : entries_) without += entry.descriptions.isEmpty() ? 1 : 0;
  return without;
}

QString ClassListModel::nameProblem(const QString& name, int row) const {
  const QString cleaned = ClassFiles::cleanName(name);
  if (cleaned.isEmpty()) return tr("A class needs a name.");
  const int existing = rowOf(cleaned);
  if (existing >= 0 && existing != row) {
    return tr("There is already a class named '%1'.").arg(entries_[existing].name);
  }
  return {};
}

void ClassListModel::push(QUndoCommand* command) {
  if (undo_) {
    undo_->push(command);
  } else {
    command->redo();
    delete command;
  }
}

int ClassListModel::addClasses(const QStringList& names, int row, QStringList* skipped) {
  QVector<ClassEntry> added;
  QSet<QString> keys;
  QString firstProblem;
  for (const QString& raw : names) {
    const QString name = ClassFiles::cleanName(raw);
    QString problem = nameProblem(name);
    if (problem.isEmpty() && keys.contains(ClassFiles::matchKey(name))) {
      problem = tr("'%1' is listed twice.").arg(name);
    }
    if (!problem.isEmpty()) {
      if (skipped) *skipped << raw;
      if (firstProblem.isEmpty()) firstProblem = problem;
      continue;
    }
    keys.insert(ClassFiles::matchKey(name));
    added << ClassEntry{name, {}};
  }
  if (added.isEmpty()) {
    emit error(names.size() <= 1 ? firstProblem
                                 : tr("None of the %1 names could be added: %2")
                                       .arg(names.size())
                                       .arg(firstProblem));
    return 0;
  }
  push(new AddClasses(this, row, added));
  return static_cast<int>(added.size());
}

bool ClassListModel::removeClasses(QList<int> rows) {
  rows.erase(std::remove_if(rows.begin(), rows.end(),
                            [this](int row) { return row < 0 || row >= count(); }),
             rows.end());
  if (rows.isEmpty()) return false;
  push(new RemoveClasses(this, rows));
  return true;
}

bool ClassListModel::renameClass(int row, const QString& name) {
  if (row < 0 || row >= count()) return false;
  const QString cleaned = ClassFiles::cleanName(name);
  if (cleaned == entries_[row].name) return true;
  const QString problem = nameProblem(cleaned, row);
  if (!problem.isEmpty()) {
    emit error(problem);
    return false;
  }
  push(new RenameClass(this, row, cleaned));
  return true;
}

bool ClassListModel::moveClass(int from, int to) {
  if (from < 0 || from >= count() || to < 0 || to >= count() || from == to) return false;
  return moveClasses({from}, to > from ? to + 1 : to);
}

bool ClassListModel::moveClasses(QList<int> rows, int before) {
  auto* command = new MoveClass(this, std::move(rows), before);
  if (command->isIdentity()) {
    delete command;
    return false;
  }
  push(command);
  return true;
}

bool ClassListModel::editDescriptions(int row, const QStringList& descriptions,
                                      int mergeSession) {
  if (row < 0 || row >= count()) return false;
  const QStringList cleaned = cleanDescriptions(descriptions);
  if (cleaned == entries_[row].descriptions) return false;
  push(new SetDescriptions(this, row, cleaned, mergeSession));
  return true;
}

bool ClassListModel::replaceAll(const QVector<ClassEntry>& entries, const QString& undoText) {
  push(new ReplaceAll(this, entries, undoText));
  return true;
}

void ClassListModel::load(const QVector<ClassEntry>& entries) {
  setEntries(entries);
  if (undo_) undo_->clear();
}

void ClassListModel::setEntries(const QVector<ClassEntry>& entries) {
  QVector<ClassEntry> cleaned;
  QSet<QString> keys;
  for (const ClassEntry& entry : entries) {
    const QString name = ClassFiles::cleanName(entry.name);
    const QString key = ClassFiles::matchKey(name);
    if (name.isEmpty() || keys.contains(key)) continue;
    keys.insert(key);
    cleaned << ClassEntry{name, cleanDescriptions(entry.descriptions)};
  }
  beginResetModel();
  entries_ = cleaned;
  endResetModel();
  emit classesChanged();
}

bool ClassListModel::insertEntries(int row, const QVector<ClassEntry>& entries) {
  if (row < 0 || row > count() || entries.isEmpty()) return false;
  beginInsertRows({}, row, row + static_cast<int>(entries.size()) - 1);
  for (qsizetype i = 0; i < entries.size(); ++i) entries_.insert(row + i, entries[i]);
  endInsertRows();
  emit classesChanged();
  return true;
}

bool ClassListModel::removeEntries(int row, int count) {
  if (row < 0 || count <= 0 || row + count > this->count()) return false;
  beginRemoveRows({}, row, row + count - 1);
  entries_.remove(row, count);
  endRemoveRows();
  emit classesChanged();
  return true;
}

bool ClassListModel::reorder(const QVector<int>& order) {
  if (order.size() != entries_.size()) return false;
  QVector<int> newRowOf(order.size(), -1);
  for (int newRow = 0; newRow < order.size(); ++newRow) {
    const int oldRow = order[newRow];
    if (oldRow < 0 || oldRow >= order.size() || newRowOf[oldRow] != -1) return false;
    newRowOf[oldRow] = newRow;
  }
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  QVector<ClassEntry> reordered;
  reordered.reserve(entries_.size());
  for (int oldRow : order) reordered << entries_[oldRow];
  entries_ = reordered;
  const QModelIndexList before = persistentIndexList();
  QModelIndexList after;
  after.reserve(before.size());
  for (const QModelIndex& index : before) after << this->index(newRowOf[index.row()]);
  changePersistentIndexList(before, after);
  emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
  emit classesChanged();
  return true;
}

bool ClassListModel::renameEntry(int row, const QString& name) {
  if (row < 0 || row >= count()) return false;
  entries_[row].name = name;
  const QModelIndex changed = index(row);
  emit dataChanged(changed, changed, {Qt::DisplayRole, Qt::EditRole, Qt::ToolTipRole});
  emit classesChanged();
  return true;
}

bool ClassListModel::setDescriptionsAt(int row, const QStringList& descriptions) {
  if (row < 0 || row >= count()) return false;
  entries_[row].descriptions = descriptions;
  const QModelIndex changed = index(row);
  emit dataChanged(changed, changed,
                   {DescriptionCountRole, DescriptionsRole, Qt::ToolTipRole, Qt::DecorationRole});
  emit classesChanged();
  return true;
}

int ClassListModel::rowCount(const QModelIndex& parent) const {
  return parent.isValid() ? 0 : count();
}

QVariant ClassListModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= count()) return {};
  const ClassEntry& entry = entries_[index.row()];
  const int described = static_cast<int>(entry.descriptions.size());
  switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
      return entry.name;
    case DescriptionCountRole:
      return described;
    case DescriptionsRole:
      return entry.descriptions;
    case Qt::ToolTipRole:
      if (described == 0) {
        return tr("%1: no descriptions; it adds no ProText training pairs.").arg(entry.name);
      }
      return described == 1 ? tr("%1: 1 description").arg(entry.name)
                            : tr("%1: %2 descriptions").arg(entry.name).arg(described);
    case Qt::DecorationRole:
      if (described == 0) return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
      return {};
    default:
      return {};
  }
}

bool ClassListModel::setData(const QModelIndex& index, const QVariant& value, int role) {
  if (!index.isValid() || role != Qt::EditRole) return false;
  return renameClass(index.row(), value.toString());
}

Qt::ItemFlags ClassListModel::flags(const QModelIndex& index) const {
  // Drops land between classes, never on one: a class cannot contain another.
  if (!index.isValid()) return Qt::ItemIsDropEnabled;
  return QAbstractListModel::flags(index) | Qt::ItemIsEditable | Qt::ItemIsDragEnabled;
}

Qt::DropActions ClassListModel::supportedDropActions() const { return Qt::MoveAction; }

Qt::DropActions ClassListModel::supportedDragActions() const { return Qt::MoveAction; }

QString ClassListModel::mimeType() {
  return QStringLiteral("application/x-protext-class-rows");
}

QStringList ClassListModel::mimeTypes() const { return {mimeType()}; }

QMimeData* ClassListModel::mimeData(const QModelIndexList& indexes) const {
  QList<int> rows;
  QStringList names;
  for (const QModelIndex& index : indexes) {
    if (!index.isValid() || index.model() != this || rows.contains(index.row())) continue;
    rows << index.row();
    names << entries_[index.row()].name;
  }
  if (rows.isEmpty()) return nullptr;
  QByteArray payload;
  QDataStream stream(&payload, QIODevice::WriteOnly);
  // Rows mean something only to the model they came from.
  stream << quint64(reinterpret_cast<quintptr>(this)) << rows;
  auto* data = new QMimeData;
  data->setData(mimeType(), payload);
  data->setText(names.join(QLatin1Char('\n')));
  return data;
}

QList<int> ClassListModel::decodeRows(const QMimeData* data) const {
  if (!data || !data->hasFormat(mimeType())) return {};
  QDataStream stream(data->data(mimeType()));
  quint64 source = 0;
  QList<int> rows;
  stream >> source >> rows;
  if (stream.status() != QDataStream::Ok || source != quint64(reinterpret_cast<quintptr>(this))) {
    return {};
  }
  for (int row : rows) {
    if (row < 0 || row >= count()) return {};
  }
  return rows;
}

bool ClassListModel::canDropMimeData(const QMimeData* data, Qt::DropAction action, int, int,
                                     const QModelIndex&) const {
  return action == Qt::MoveAction && !decodeRows(data).isEmpty();
}

bool ClassListModel::dropMimeData(const QMimeData* data, Qt::DropAction action, int row, int,
                                  const QModelIndex& parent) {
  if (action != Qt::MoveAction) return false;
  const QList<int> rows = decodeRows(data);
  if (rows.isEmpty()) return false;
  const int before = row >= 0 ? row : parent.isValid() ? parent.row() : count();
  return moveClasses(rows, before);
}

}  // namespace protext
