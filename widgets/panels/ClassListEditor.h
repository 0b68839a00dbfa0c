#pragma once
#include <QPersistentModelIndex>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QListView;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTimer;
class QUndoStack;

namespace protext {

class ClassListModel;

// The Classes panel: a filterable list of classes (rename in place, drag to reorder) and, for
// the selected class, its LLM descriptions, one per line. Every edit is an undo command on the
// given stack; description edits are applied when the editor loses focus or after a short
// pause in typing.
class ClassListEditor : public QWidget {
  Q_OBJECT

 public:
  ClassListEditor(ClassListModel* model, QUndoStack* undo, QWidget* parent = nullptr);

  ClassListModel* model() const;

  // The panel's actions, for the main window's menus. Their shortcuts work while focus is in
  // this panel. (Not named addAction()/removeAction(): those are QWidget's.)
  QAction* addClassAction() const;
  QAction* removeClassesAction() const;
  QAction* pasteLinesAction() const;
  QAction* importClassesAction() const;
  QAction* exportClassesAction() const;
  QAction* importDescriptionsAction() const;
  QAction* exportDescriptionsAction() const;
  QAction* generateDescriptionsAction() const { return generate_descriptions_; }

  // Off: errors are not shown in a message box, only emitted as errorShown() (tests, scripts).
  void setInteractive(bool interactive);
  bool isInteractive() const;

  // The class whose descriptions are shown; empty if none.
  QString currentClass() const;
  QStringList selectedClasses() const;

  QLineEdit* searchField() const;
  QListView* listView() const;
  QSortFilterProxyModel* filterModel() const;
  QPlainTextEdit* descriptionEditor() const;
  QLabel* countLabel() const;
  QLabel* warningLabel() const;

 public slots:
  // File work behind the Import/Export actions. Each returns false after showing why.
  bool importClasses(const QString& path);
  bool exportClasses(const QString& path);
  bool importDescriptions(const QString& path);
  bool exportDescriptions(const QString& path);
  // Generate Descriptions…: for the selected classes, or else those without descriptions.
  QStringList describeTargets() const;
  void generateDescriptions();
  // What the dialog's Apply hands over, as one undo step; false when nothing changed.
  bool applyGeneratedDescriptions(const QMap<QString, QStringList>& descriptions);

  // Adds each non-blank line of `text` as a class, as one undo step; returns how many.
  int pasteLines(const QString& text);
  // Adds a class with a fresh name and opens it for renaming.
  void addClass();
  void removeSelectedClasses();
  bool selectClass(const QString& name);
  void setFilterText(const QString& text);
  // Turns pending description edits into an undo command now; true if something changed.
  bool applyDescriptionEdits();

 signals:
  // An error was reported (also when interactive, after the message box).
  void errorShown(const QString& message);
  // Transient news for a status bar: "Added 3 classes; skipped 1 already in the list".
  void statusMessage(const QString& message);
  void currentClassChanged(const QString& name);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void buildActions();
  void buildLayout();
  void showError(const QString& message);
  void onCurrentChanged(const QModelIndex& current);
  void showDescriptions();
  void updateCounts();
  void updateActionStates();
  QList<int> selectedRows() const;
  QString askOpenPath(const QString& title, const QString& filters);
  QString askSavePath(const QString& title, const QString& filters, const QString& suffix);

  ClassListModel* model_;
  QUndoStack* undo_;
  QSortFilterProxyModel* proxy_;
  QLineEdit* search_;
  QListView* view_;
  QLabel* count_;
  QLabel* descriptions_title_;
  QWidget* warning_;
  QLabel* warning_text_;
  QPlainTextEdit* descriptions_;
  QTimer* apply_timer_;

  QAction* add_;
  QAction* remove_;
  QAction* paste_;
  QAction* import_classes_;
  QAction* export_classes_;
  QAction* import_descriptions_;
  QAction* generate_descriptions_ = nullptr;
  QAction* export_descriptions_;
  QAction* find_;

  QPersistentModelIndex target_;  // in model_, the class the description editor shows
  int edit_session_ = 1;
  bool loading_descriptions_ = false;
  bool interactive_ = true;
  QString last_dir_;
};

}  // namespace protext
