#include "widgets/ClassListEditor.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDropEvent>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QPaintEvent>
#include <QPainter>
#include <QPlainTextEdit>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QStyledItemDelegate>
#include <QTextBlock>
#include <QTimer>
#include <QToolButton>
#include <QUndoStack>
#include <QVBoxLayout>

#include <algorithm>

#include "widgets/ClassFiles.h"
#include "widgets/ClassListModel.h"

namespace protext {
namespace {

// Long enough not to record every keystroke, short enough that predictions follow typing.
constexpr int kApplyDelayMs = 800;

QStringList descriptionLines(const QString& text) {
  QStringList lines;
  for (const QString& line : text.split(QLatin1Char('\n'))) {
    const QString cleaned = line.simplified();
    if (!cleaned.isEmpty()) lines << cleaned;
  }
  return lines;
}

QString shortName(const QString& path) { return QFileInfo(path).fileName(); }

// Shows each class's description count at the right, and keeps names aligned whether or not a
// row carries the no-descriptions warning icon.
class ClassItemDelegate : public QStyledItemDelegate {
 public:
  using QStyledItemDelegate::QStyledItemDelegate;

  void paint(QPainter* painter, const QStyleOptionViewItem& option,
             const QModelIndex& index) const override {
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const QStyle* style = opt.widget ? opt.widget->style() : QApplication::style();
    const int described = index.data(ClassListModel::DescriptionCountRole).toInt();
    const QString badge = described > 0 ? QString::number(described) : QString();
    const int badgeWidth = badge.isEmpty() ? 0 : opt.fontMetrics.horizontalAdvance(badge) + 12;
    const QRect textRect = style->subElementRect(QStyle::SE_ItemViewItemText, &opt, opt.widget);
    opt.text = opt.fontMetrics.elidedText(opt.text, opt.textElideMode,
                                          qMax(0, textRect.width() - badgeWidth));
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, opt.widget);
    if (badge.isEmpty()) return;
    painter->save();
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(opt.palette.color(selected ? QPalette::HighlightedText : QPalette::PlaceholderText));
    painter->drawText(opt.rect.adjusted(0, 0, -6, 0), Qt::AlignRight | Qt::AlignVCenter, badge);
    painter->restore();
  }

 protected:
  void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override {
    QStyledItemDelegate::initStyleOption(option, index);
    if (!(option->features & QStyleOptionViewItem::HasDecoration)) {
      static const QIcon blank = [] {
        QPixmap pixmap(16, 16);
        pixmap.fill(Qt::transparent);
        return QIcon(pixmap);
      }();
      option->features |= QStyleOptionViewItem::HasDecoration;
      option->icon = blank;
    }
  }
};

class ClassListView : public QListView {
 public:
  using QListView::QListView;

 protected:
  // QListView first tries moveRow() once per dragged class, which the filter proxy refuses and
  // which, for a selection next to the drop point, ends the drop with nothing moved. The
  // model's drop handler moves the whole selection as one undo step instead.
  void dropEvent(QDropEvent* event) override { QAbstractItemView::dropEvent(event); }
};

// A plain text editor that numbers its lines in a gutter, so that a description wrapped over
// several screen lines still reads as one description.
class NumberedTextEdit : public QPlainTextEdit {
 public:
  explicit NumberedTextEdit(QWidget* parent) : QPlainTextEdit(parent), gutter_(new Gutter(this)) {
    connect(this, &QPlainTextEdit::blockCountChanged, this, [this] { updateGutterWidth(); });
    connect(this, &QPlainTextEdit::updateRequest, this, [this](const QRect& rect, int dy) {
      if (dy != 0) {
        gutter_->scroll(0, dy);
      } else {
        gutter_->update(0, rect.y(), gutter_->width(), rect.height());
      }
    });
    updateGutterWidth();
  }

 protected:
  void resizeEvent(QResizeEvent* event) override {
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    gutter_->setGeometry(area.left(), area.top(), gutterWidth(), area.height());
  }

 private:
  class Gutter : public QWidget {
   public:
    explicit Gutter(NumberedTextEdit* edit) : QWidget(edit), edit_(edit) {}
    QSize sizeHint() const override { return {edit_->gutterWidth(), 0}; }

   protected:
    void paintEvent(QPaintEvent* event) override { edit_->paintGutter(event->rect()); }

   private:
    NumberedTextEdit* edit_;
  };

  int gutterWidth() const {
    const int digits = QString::number(qMax(1, blockCount())).size();
    return 8 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * qMax(2, digits);
  }

  void updateGutterWidth() { setViewportMargins(gutterWidth(), 0, 0, 0); }

  void paintGutter(const QRect& rect) {
    QPainter painter(gutter_);
    painter.fillRect(rect, palette().color(QPalette::Window));
    // Empty lines are dropped when applied, so they get no number.
    QTextBlock block = firstVisibleBlock();
    int number = 0;
    for (QTextBlock b = document()->firstBlock(); b.isValid() && b != block; b = b.next()) {
      number += b.text().trimmed().isEmpty() ? 0 : 1;
    }
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    painter.setPen(palette().color(QPalette::PlaceholderText));
    while (block.isValid() && top <= rect.bottom()) {
      const int height = qRound(blockBoundingRect(block).height());
      if (!block.text().trimmed().isEmpty()) {
        ++number;
        if (block.isVisible() && top + height >= rect.top()) {
          painter.drawText(0, top, gutter_->width() - 4, fontMetrics().height(), Qt::AlignRight,
                           QString::number(number));
        }
      }
      top += height;
      block = block.next();
    }
  }

  Gutter* gutter_;
};

}  // namespace

ClassListEditor::ClassListEditor(ClassListModel* model, QUndoStack* undo, QWidget* parent)
    : QWidget(parent), model_(model), undo_(undo) {
  setMinimumSize(260, 360);
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
  if (interactive_) QMessageBox::warning(this, tr("Classes"), message);
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
                         ? tr("Added %1 classes.").arg(added)
                         : tr("Added %1 classes; skipped %2 already in the list: %3.")
                               .arg(added)
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
  const QString classes = n == 1 ? tr("1 class") : tr("%1 classes").arg(n);
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
  model_->replaceAll(entries, tr("Import classes from '%1'").arg(shortName(path)));
  search_->clear();
  QString news = tr("Imported %1 classes from '%2'.").arg(entries.size()).arg(shortName(path));
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
  emit statusMessage(tr("Saved %1 classes to '%2'.").arg(model_->count()).arg(shortName(path)));
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
  for (const ClassEntry& entry : file.entries) {
    const int row = model_->rowOf(entry.name);
    if (row < 0) {
      unmatched << entry.name;
      continue;
    }
    rows << row;
    texts << entry.descriptions;
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
  emit statusMessage(tr("Saved descriptions of %1 classes to '%2'.")
                         .arg(model_->count())
                         .arg(shortName(path)));
  return true;
}

}  // namespace protext
