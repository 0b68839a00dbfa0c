#include "widgets/panels/ClassListEditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/common/ClassFiles.h"
#include "widgets/common/ErrorReport.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassItemDelegate.h"
#include "widgets/panels/ClassListView.h"
#include "widgets/panels/NumberedTextEdit.h"

namespace protext {
namespace {

// Long enough not to record every keystroke, short enough that predictions follow typing.
constexpr int kApplyDelayMs = 800;

QStringList descriptionLines(const QString& text) {
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    const QString cleaned = ClassFiles::cleanDescription(line);
    if (!cleaned.isEmpty()) lines << cleaned;
  }
  return lines;
}

}  // namespace

ClassListEditor::ClassListEditor(ClassListModel* model, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), model_(model), undo_(undo) {
  setMinimumSize(260, 240);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setFilterCaseSensitivity(Qt::CaseInsensitive);
  proxy_->setFilterRole(Qt::DisplayRole);

  apply_timer_ = new QTimer(this);
  apply_timer_->setSingleShot(true);
  apply_timer_->setInterval(kApplyDelayMs);
  connect(apply_timer_, &QTimer::timeout, this, &ClassListEditor::applyDescriptionEdits);

  buildActions();
  buildLayout();

  connect(view_->selectionModel(), &QItemSelectionModel::currentChanged, this,
          [this](const QModelIndex& current) { onCurrentChanged(current); });
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this,
          &ClassListEditor::updateActionStates);
  connect(model_, &ClassListModel::classesChanged, this, [this] {
    updateCounts();
    updateActionStates();
  });
  connect(model_, &QAbstractItemModel::dataChanged, this,
          [this](const QModelIndex& first, const QModelIndex& last) {
            if (target_.isValid() && target_.row() >= first.row() && target_.row() <= last.row()) {
              showDescriptions();
            }
          });
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    target_ = QPersistentModelIndex();
    showDescriptions();
    emit currentClassChanged(QString());
  });
  connect(model_, &ClassListModel::error, this, &ClassListEditor::showError);
  connect(search_, &QLineEdit::textChanged, this, [this](const QString& text) {
    proxy_->setFilterFixedString(text);
    updateCounts();
  });
  connect(descriptions_, &QPlainTextEdit::textChanged, this, [this] {
    if (!loading_descriptions_ && target_.isValid()) apply_timer_->start();
  });
  descriptions_->installEventFilter(this);
  search_->installEventFilter(this);

  showDescriptions();
  updateCounts();
  updateActionStates();
}

void ClassListEditor::buildActions() {
  const auto make = [this](const QString& text, const QString& tip, const QKeySequence& keys) {
    auto* action = new QAction(text, this);
    action->setShortcut(keys);
    action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    action->setToolTip(keys.isEmpty() ? tip
                                      : tr("%1 (%2)").arg(tip, keys.toString(QKeySequence::NativeText)));
    action->setStatusTip(tip);
    QWidget::addAction(action);
    return action;
  };
  add_ = make(tr("&Add Class"), tr("Add a class and type its name"), QKeySequence(Qt::Key_Insert));
  remove_ = make(tr("&Remove Classes"), tr("Remove the selected classes with their descriptions"),
                 QKeySequence(QKeySequence::Delete));
  remove_->setIcon(style()->standardIcon(QStyle::SP_TrashIcon));
  paste_ = make(tr("&Paste Classes"), tr("Add each line of the clipboard as a class"),
                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
  import_classes_ = make(tr("&Import Classes…"),
                         tr("Replace the class list with one from a .txt, .json or CuPL file"), {});
  import_classes_->setIcon(style()->standardIcon(QStyle::SP_DialogOpenButton));
  export_classes_ = make(tr("&Export Classes…"),
                         tr("Save the class names as .txt (one per line) or a .json array"), {});
  export_classes_->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
  import_descriptions_ = make(tr("Import &Descriptions…"),
                              tr("Read LLM descriptions for these classes from a CuPL JSON file"), {});
  generate_descriptions_ = make(tr("&Generate Descriptions…"),
                                tr("Write descriptions from WordNet for the selected classes, or for those without any"),
                                {});
  export_descriptions_ = make(tr("Export D&escriptions…"),
                              tr("Save every class with its descriptions as CuPL JSON"), {});
  find_ = make(tr("&Filter Classes"), tr("Show only classes whose names contain some text"),
               QKeySequence(QKeySequence::Find));

  connect(add_, &QAction::triggered, this, &ClassListEditor::addClass);
  connect(remove_, &QAction::triggered, this, &ClassListEditor::removeSelectedClasses);
  connect(paste_, &QAction::triggered, this,
          [this] { pasteLines(QApplication::clipboard()->text()); });
  connect(find_, &QAction::triggered, this, [this] {
    search_->setFocus(Qt::ShortcutFocusReason);
    search_->selectAll();
  });
  const QString classFilters =
      tr("Class lists (*.txt *.json);;Text, one class per line (*.txt);;JSON (*.json);;All files (*)");
  const QString cuplFilters = tr("CuPL descriptions (*.json);;All files (*)");
  connect(import_classes_, &QAction::triggered, this, [this, classFilters] {
    const QString path = askOpenPath(tr("Import Classes"), classFilters);
    if (!path.isEmpty()) importClasses(path);
  });
  connect(export_classes_, &QAction::triggered, this, [this, classFilters] {
    const QString path = askSavePath(tr("Export Classes"), classFilters, QStringLiteral("txt"));
    if (!path.isEmpty()) exportClasses(path);
  });
  connect(import_descriptions_, &QAction::triggered, this, [this, cuplFilters] {
    const QString path = askOpenPath(tr("Import Descriptions"), cuplFilters);
    if (!path.isEmpty()) importDescriptions(path);
  });
  connect(generate_descriptions_, &QAction::triggered, this, &ClassListEditor::generateDescriptions);
  connect(export_descriptions_, &QAction::triggered, this, [this, cuplFilters] {
    const QString path = askSavePath(tr("Export Descriptions"), cuplFilters, QStringLiteral("json"));
    if (!path.isEmpty()) exportDescriptions(path);
  });
}

void ClassListEditor::buildLayout() {
  search_ = new QLineEdit(this);
  search_->setPlaceholderText(tr("Filter classes"));
  search_->setToolTip(find_->toolTip());
  search_->setClearButtonEnabled(true);

  view_ = new ClassListView(this);
  view_->setModel(proxy_);
  view_->setItemDelegate(new ClassItemDelegate(view_));
  view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  view_->setDragDropMode(QAbstractItemView::InternalMove);
  view_->setDefaultDropAction(Qt::MoveAction);
  view_->setDropIndicatorShown(true);
  view_->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
  view_->setUniformItemSizes(true);
  const int icon = style()->pixelMetric(QStyle::PM_SmallIconSize);
  view_->setIconSize(QSize(icon, icon));
  view_->setAlternatingRowColors(true);
  view_->setMinimumHeight(120);
  view_->setContextMenuPolicy(Qt::ActionsContextMenu);
  view_->QWidget::addAction(add_);
  view_->QWidget::addAction(remove_);
  view_->QWidget::addAction(paste_);
  view_->setToolTip(tr("Double-click or F2 to rename; drag to reorder"));

  const auto button = [this](QAction* action, const QString& label) {
    // A button shows the action's icon text; menus keep the longer text.
    action->setIconText(label);
    auto* tool = new QToolButton(this);
    tool->setDefaultAction(action);
    tool->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return tool;
  };
  auto* buttons = new QHBoxLayout;
  buttons->setSpacing(4);
  buttons->addWidget(button(add_, tr("Add")));
  buttons->addWidget(button(remove_, tr("Remove")));
  buttons->addWidget(button(paste_, tr("Paste")));
  buttons->addStretch(1);
  auto* files = new QToolButton(this);
  files->setText(tr("Files"));
  files->setToolTip(tr("Import and export class lists and descriptions"));
  files->setPopupMode(QToolButton::InstantPopup);
  auto* menu = new QMenu(files);
  menu->addAction(import_classes_);
  menu->addAction(export_classes_);
  menu->addSeparator();
  menu->addAction(import_descriptions_);
  menu->addAction(generate_descriptions_);
  menu->addAction(export_descriptions_);
  files->setMenu(menu);
  buttons->addWidget(files);

  count_ = new QLabel(this);
  count_->setWordWrap(true);

  auto* top = new QWidget(this);
  auto* topLayout = new QVBoxLayout(top);
  topLayout->setContentsMargins(0, 0, 0, 0);
  topLayout->addWidget(search_);
  topLayout->addWidget(view_, 1);
  topLayout->addLayout(buttons);
  topLayout->addWidget(count_);

  descriptions_title_ = new QLabel(this);
  descriptions_title_->setTextFormat(Qt::PlainText);
  QFont bold = descriptions_title_->font();
  bold.setBold(true);
  descriptions_title_->setFont(bold);

  warning_ = new QWidget(this);
  auto* warningLayout = new QHBoxLayout(warning_);
  warningLayout->setContentsMargins(0, 0, 0, 0);
  auto* warningIcon = new QLabel(warning_);
  const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
  warningIcon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxWarning).pixmap(iconSize));
  warningIcon->setAlignment(Qt::AlignTop);
  warning_text_ = new QLabel(warning_);
  warning_text_->setWordWrap(true);
  warningLayout->addWidget(warningIcon);
  warningLayout->addWidget(warning_text_, 1);

  descriptions_ = new NumberedTextEdit(this);
  descriptions_->setPlaceholderText(
      tr("One description per line, e.g. \"A wheaten terrier has a soft, silky, wheat-coloured "
         "coat.\""));
  descriptions_->setToolTip(tr("One description per line. Changes are applied when you pause or "
                               "leave the editor, and can be undone."));
  descriptions_->setMinimumHeight(80);

  auto* bottom = new QWidget(this);
  auto* bottomLayout = new QVBoxLayout(bottom);
  bottomLayout->setContentsMargins(0, 0, 0, 0);
  bottomLayout->addWidget(descriptions_title_);
  bottomLayout->addWidget(warning_);
  bottomLayout->addWidget(descriptions_, 1);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  splitter->addWidget(top);
  splitter->addWidget(bottom);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  splitter->setChildrenCollapsible(false);

  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 6);
  layout->addWidget(splitter);
}

ClassListModel* ClassListEditor::model() const { return model_; }
QAction* ClassListEditor::addClassAction() const { return add_; }
QAction* ClassListEditor::removeClassesAction() const { return remove_; }
QAction* ClassListEditor::pasteLinesAction() const { return paste_; }
QAction* ClassListEditor::importClassesAction() const { return import_classes_; }
QAction* ClassListEditor::exportClassesAction() const { return export_classes_; }
QAction* ClassListEditor::importDescriptionsAction() const { return import_descriptions_; }
QAction* ClassListEditor::exportDescriptionsAction() const { return export_descriptions_; }
QLineEdit* ClassListEditor::searchField() const { return search_; }
QListView* ClassListEditor::listView() const { return view_; }
QSortFilterProxyModel* ClassListEditor::filterModel() const { return proxy_; }
QPlainTextEdit* ClassListEditor::descriptionEditor() const { return descriptions_; }
QLabel* ClassListEditor::countLabel() const { return count_; }
QLabel* ClassListEditor::warningLabel() const { return warning_text_; }

void ClassListEditor::setInteractive(bool interactive) { interactive_ = interactive; }
bool ClassListEditor::isInteractive() const { return interactive_; }

QString ClassListEditor::currentClass() const {
  return target_.isValid() ? model_->entry(target_.row()).name : QString();
}

QList<int> ClassListEditor::selectedRows() const {
  QList<int> rows;
  for (const QModelIndex& index : view_->selectionModel()->selectedRows()) {
    rows << proxy_->mapToSource(index).row();
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

QStringList ClassListEditor::selectedClasses() const {
  QStringList names;
  for (int row : selectedRows()) names << model_->entry(row).name;
  return names;
}

void ClassListEditor::showError(const QString& message) {
  showErrorBox(this, interactive_, tr("Classes"), message);
  emit errorShown(message);
}

bool ClassListEditor::eventFilter(QObject* watched, QEvent* event) {
  if (watched == descriptions_) {
    if (event->type() == QEvent::FocusOut) applyDescriptionEdits();
    // A new visit to the editor starts a new undo step.
    if (event->type() == QEvent::FocusIn) ++edit_session_;
  } else if (watched == search_ && event->type() == QEvent::KeyPress) {
    if (static_cast<QKeyEvent*>(event)->key() == Qt::Key_Escape && !search_->text().isEmpty()) {
      search_->clear();
      return true;
    }
  }
  return QWidget::eventFilter(watched, event);
}

void ClassListEditor::setFilterText(const QString& text) { search_->setText(text); }

bool ClassListEditor::selectClass(const QString& name) {
  const int row = model_->rowOf(name);
  if (row < 0) return false;
  QModelIndex index = proxy_->mapFromSource(model_->index(row));
  if (!index.isValid()) {
    search_->clear();
    index = proxy_->mapFromSource(model_->index(row));
  }
  view_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect);
  view_->scrollTo(index);
  return true;
}

void ClassListEditor::addClass() {
  applyDescriptionEdits();
  search_->clear();
  const QString base = tr("new class");
  QString name = base;
  for (int n = 2; model_->rowOf(name) >= 0; ++n) name = tr("%1 %2").arg(base).arg(n);
  const QModelIndex current = proxy_->mapToSource(view_->currentIndex());
  if (model_->addClasses({name}, current.isValid() ? current.row() + 1 : -1) == 0) return;
  selectClass(name);
  view_->setFocus(Qt::OtherFocusReason);
  view_->edit(view_->currentIndex());
}

void ClassListEditor::removeSelectedClasses() {
  applyDescriptionEdits();
  const QModelIndexList selected = view_->selectionModel()->selectedRows();
  if (selected.isEmpty()) return;
  int firstProxyRow = proxy_->rowCount();
  for (const QModelIndex& index : selected) firstProxyRow = qMin(firstProxyRow, index.row());
  if (!model_->removeClasses(selectedRows())) return;
  // Keep a class selected where the removed ones were, so Del can be pressed again.
  const int row = qMin(firstProxyRow, proxy_->rowCount() - 1);
  if (row >= 0) {
    view_->selectionModel()->setCurrentIndex(proxy_->index(row, 0),
                                             QItemSelectionModel::ClearAndSelect);
  }
}

int ClassListEditor::pasteLines(const QString& text) {
  applyDescriptionEdits();
  const QStringList names = ClassFiles::linesToNames(text);
  if (names.isEmpty()) {
    showError(tr("There are no class names to paste. Copy one name per line, then paste."));
    return 0;
  }
  QStringList skipped;
  const int added = model_->addClasses(names, -1, &skipped);
  if (added == 0) return 0;  // the model has said why
  search_->clear();
  const QModelIndex last = proxy_->index(proxy_->rowCount() - 1, 0);
  view_->selectionModel()->select(
      QItemSelection(proxy_->index(proxy_->rowCount() - added, 0), last),
      QItemSelectionModel::ClearAndSelect);
  view_->selectionModel()->setCurrentIndex(last, QItemSelectionModel::NoUpdate);
  view_->scrollTo(last);
  emit statusMessage(skipped.isEmpty()
                         ? tr("Added %n classes.", nullptr, added)
                         : tr("Added %n classes; skipped %1 already in the list: %2.", nullptr, added)
                               .arg(skipped.size())
                               .arg(skipped.join(QStringLiteral(", "))));
  return added;
}

void ClassListEditor::onCurrentChanged(const QModelIndex& current) {
  applyDescriptionEdits();
  // When a filter hides the selected class Qt moves the current row without selecting it;
  // highlight it, since its descriptions are the ones now shown. Queued: the hidden rows
  // leave the selection only after this signal.
  QTimer::singleShot(0, this, [this] {
    QItemSelectionModel* selection = view_->selectionModel();
    if (selection->currentIndex().isValid() && !selection->hasSelection()) {
      selection->select(selection->currentIndex(), QItemSelectionModel::Select);
    }
  });
  const QPersistentModelIndex next(proxy_->mapToSource(current));
  if (next == target_) return;
  target_ = next;
  ++edit_session_;
  showDescriptions();
  emit currentClassChanged(currentClass());
}

void ClassListEditor::showDescriptions() {
  const bool has = target_.isValid();
  descriptions_->setEnabled(has);
  if (!has) {
    apply_timer_->stop();
    loading_descriptions_ = true;
    descriptions_->clear();
    loading_descriptions_ = false;
    descriptions_->setPlaceholderText(tr("Select a class to see and edit its descriptions."));
    descriptions_title_->setText(tr("Descriptions"));
    warning_->hide();
    return;
  }
  const ClassEntry entry = model_->entry(target_.row());
  // Text being typed is not replaced: it becomes a command when the pause ends.
  if (!apply_timer_->isActive() &&
      descriptionLines(descriptions_->toPlainText()) != entry.descriptions) {
    loading_descriptions_ = true;
    descriptions_->setPlainText(entry.descriptions.join(QLatin1Char('\n')));
    loading_descriptions_ = false;
  }
  descriptions_->setPlaceholderText(tr("One description per line of what '%1' looks like").arg(entry.name));
  const int described = static_cast<int>(entry.descriptions.size());
  descriptions_title_->setText(described == 1
                                   ? tr("Descriptions of '%1' (1)").arg(entry.name)
                                   : tr("Descriptions of '%1' (%2)").arg(entry.name).arg(described));
  warning_text_->setText(tr("'%1' has no descriptions, so ProText gets no training pairs from it. "
                            "Type some below, one per line, or import a CuPL file.")
                             .arg(entry.name));
  warning_->setVisible(entry.descriptions.isEmpty());
}

bool ClassListEditor::applyDescriptionEdits() {
  apply_timer_->stop();
  if (!target_.isValid()) return false;
  return model_->editDescriptions(target_.row(), descriptionLines(descriptions_->toPlainText()),
                                  edit_session_);
}

void ClassListEditor::updateCounts() {
  const int n = model_->count();
  if (n == 0) {
    count_->setText(tr("No classes yet: add, paste or import some."));
    return;
  }
  const int without = model_->classesWithoutDescriptions();
  const QString classes = tr("%n classes", nullptr, n);
  const QString described = without == 0 ? tr("all with descriptions")
                                          : tr("%1 without descriptions").arg(without);
  QString text = tr("%1, %2").arg(classes, described);
  if (!search_->text().isEmpty()) text = tr("%1 (%2 shown)").arg(text).arg(proxy_->rowCount());
  count_->setText(text);
}

void ClassListEditor::updateActionStates() {
  remove_->setEnabled(view_->selectionModel()->hasSelection());
  export_classes_->setEnabled(model_->count() > 0);
  export_descriptions_->setEnabled(model_->count() > 0);
}

}  // namespace protext
