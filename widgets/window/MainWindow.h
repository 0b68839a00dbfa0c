#pragma once
#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <functional>

#include "widgets/engine/EngineTypes.h"

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QUndoStack;

namespace protext {

struct ClassFileContents;
class ClassListEditor;
class ClassListModel;
class EvaluatePanel;
class EvaluationService;
class ExplainService;
class FolderClassifyService;
class ImagesPanel;
class MapPanel;
class ModelPanel;
class ModelService;
class PromptsPanel;
class TrainingPanel;
class TrainingService;

// The studio: the image comparison in the middle, the model, class list, training,
// evaluation and prompt panels docked around it. It wires the panels to the three engine
// services and keeps the session (project file, window layout, recent files).
class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  struct Options {
    bool openEmbeddedModel = true;  // start on the mini model with the demo classes
    bool interactive = true;        // false: errors go to errorShown() instead of message boxes
    bool examplesOnFirstStart = false;  // the very first start also shows the example images
  };
  explicit MainWindow(QWidget* parent = nullptr);
  MainWindow(const Options& options, QWidget* parent = nullptr);
  ~MainWindow() override;

  // For tests and scripting.
  ModelService* modelService() const { return models_; }
  TrainingService* trainingService() const { return training_; }
  EvaluationService* evaluationService() const { return evaluation_; }
  FolderClassifyService* folderClassifyService() const { return folderClassify_; }
  ExplainService* explainService() const { return explain_; }
  MapPanel* mapPanel() const { return mapPanel_; }
  QAction* classifyFolderAction() const { return classifyFolder_; }
  QAction* exportClassifierAction() const { return exportClassifier_; }
  ClassListModel* classModel() const { return classes_; }
  ClassListEditor* classEditor() const { return classEditor_; }
  QUndoStack* undoStack() const { return undo_; }
  ImagesPanel* imagesPanel() const { return images_; }
  TrainingPanel* trainingPanel() const { return trainingPanel_; }
  EvaluatePanel* evaluatePanel() const { return evaluatePanel_; }
  PromptsPanel* promptsPanel() const { return promptsPanel_; }
  ModelPanel* modelPanel() const { return modelPanel_; }
  const ClassifierSet& classifiers() const { return classifiers_; }
  QString projectPath() const { return projectPath_; }

  // MainWindowExports.cpp. Labels an unlabelled folder with every method into a .csv or
  // .jsonl file (as `protext classify --folder`), in the background with a progress
  // dialog that cancels; false (after saying why) when it cannot start.
  bool classifyFolderInto(const QString& folder, const QString& outPath);
  // Writes one method's classifier as `protext export-classifier` does; false after
  // saying why.
  bool exportClassifierTo(const QString& method, const QString& path);

  // Who answers "Save the project before …?" when the class list has unsaved changes: a
  // message box (Save, Discard, Cancel) by default; tests answer it themselves. A window
  // that is not interactive and has no answerer discards.
  using UnsavedChangesAnswer = std::function<QMessageBox::StandardButton(const QString& question)>;
  void setUnsavedChangesAnswer(UnsavedChangesAnswer answer) { unsavedAnswer_ = std::move(answer); }

  // Who answers "This project opens the model … from another folder. Open it?": a message
  // box by default; tests answer themselves. A window that is not interactive and has no
  // answerer opens it. A model inside the project's folder, the embedded one, or one
  // opened here before is opened without asking.
  using ForeignModelQuestion = std::function<bool(const QString& question)>;
  void setForeignModelQuestion(ForeignModelQuestion question) { foreignModelQuestion_ = std::move(question); }

  // A language switch restarts the studio on the same project, so every text of the window
  // changes at once. Who asks "Restart now?" and who starts the new process: a message box
  // and QProcess by default; tests stand in for both.
  using RestartQuestion = std::function<bool()>;
  using Restarter = std::function<bool(const QStringList& arguments)>;
  void setRestartHandlers(RestartQuestion ask, Restarter restart) {
    restartQuestion_ = std::move(ask);
    restarter_ = std::move(restart);
  }
  // After the language setting changed: asks, settles unsaved edits, starts the new process
  // with the project (or the open model and images) and closes this window. False when
  // declined, cancelled or refused (training runs).
  bool restartForLanguage();

  // Sizes and centres the window within `available` (a screen's available geometry):
  // 1440×900 where there is room, never larger than the screen, never below the layout's
  // minimum. First start, and a restored geometry that no longer fits.
  void placeOnScreen(const QRect& available);

 public slots:
  // Both ask about unsaved class edits first (setUnsavedChangesAnswer) and do nothing when
  // the answer is Cancel; openProject then returns false.
  void newProject();
  bool openProject(const QString& path);
  bool saveProject(const QString& path);
  void loadDemoClasses();
  // The demo classes, the embedded model and its 24 example images: a newcomer's first
  // look. Asks first when it would replace unsaved class edits; false if cancelled.
  bool loadExamples();
  // What a drop on the window does: model files/folders open, .protext projects open,
  // images go to the images panel.
  void openPaths(const QStringList& paths);

 signals:
  // An error was reported (also when interactive, after the message box).
  void errorShown(const QString& message);
  void classifiersUpdated();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildPanels();
  void buildActions();
  void buildMenus();
  void wireServices();  // MainWindowWiring.cpp: every panel ↔ service connection
  void wireExplanations();  // MainWindowExplain.cpp: heat maps and the embedding map
  QVector<MapImage> mapImages() const;
  void startPendingEvaluation();
  void restoreLayout();
  void pushClassesToModel();
  void showError(const QString& title, const QString& message);
  void updateStatus();
  void updateTitle();
  void openProjectDialog();
  void saveProjectDialog(bool saveAs);
  void showPreferences();
  void showAbout();
  void loadDemoClasses(const ClassFileContents& contents);
  void fillRecentProjects();
  void classifyFolderDialog();
  void exportClassifierDialog();
  void rememberProject(const QString& path);
  QDockWidget* addPanel(QWidget* panel, const QString& title, const QString& objectName, Qt::DockWidgetArea area);

  Options options_;
  ModelService* models_ = nullptr;
  TrainingService* training_ = nullptr;
  EvaluationService* evaluation_ = nullptr;
  FolderClassifyService* folderClassify_ = nullptr;
  ExplainService* explain_ = nullptr;
  QUndoStack* undo_ = nullptr;
  ClassListModel* classes_ = nullptr;
  ClassListEditor* classEditor_ = nullptr;
  ModelPanel* modelPanel_ = nullptr;
  TrainingPanel* trainingPanel_ = nullptr;
  ImagesPanel* images_ = nullptr;
  EvaluatePanel* evaluatePanel_ = nullptr;
  PromptsPanel* promptsPanel_ = nullptr;
  MapPanel* mapPanel_ = nullptr;
  QList<QDockWidget*> docks_;
  QMenu* viewMenu_ = nullptr;
  QLabel* modelStatus_ = nullptr;
  QLabel* deviceStatus_ = nullptr;
  QLabel* memoryStatus_ = nullptr;
  QLabel* busyStatus_ = nullptr;
  QAction* newProject_ = nullptr;
  QAction* openProject_ = nullptr;
  QAction* saveProject_ = nullptr;
  QAction* saveProjectAs_ = nullptr;
  QAction* preferences_ = nullptr;
  QAction* quit_ = nullptr;
  QAction* undoAction_ = nullptr;
  QAction* redoAction_ = nullptr;
  QAction* resetLayout_ = nullptr;
  QAction* about_ = nullptr;
  QAction* guide_ = nullptr;
  QAction* shortcuts_ = nullptr;
  QAction* exportDassl_ = nullptr;
  QAction* classifyFolder_ = nullptr;
  QAction* exportClassifier_ = nullptr;
  QAction* loadExamples_ = nullptr;
  QMenu* recentProjects_ = nullptr;
  ClassifierSet classifiers_;
  QString projectPath_;
  QString pendingPrompts_;  // a project's prompts, loaded once its model is open
  UnsavedChangesAnswer unsavedAnswer_;
  ForeignModelQuestion foreignModelQuestion_;
  RestartQuestion restartQuestion_;
  Restarter restarter_;
  // Whether the model a project at `projectPath` names may be opened (asks when it lies
  // in another folder).
  bool mayOpenProjectModel(const QString& projectPath, const QString& modelPath);
  // Asks to save unsaved class edits before they are replaced; true: go on.
  bool settleUnsavedChanges(const QString& question);
  QString pendingEvaluation_;  // a folder to evaluate once the classifiers are current
  QByteArray defaultState_;
};

}  // namespace protext
