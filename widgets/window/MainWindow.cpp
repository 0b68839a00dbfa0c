#include "widgets/window/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QPushButton>
#include <QJsonObject>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTimer>
#include <QToolBar>
#include <QUndoStack>

#include "core/error.h"
#include "widgets/common/ClassFiles.h"
#include "widgets/common/ErrorReport.h"
#include "widgets/common/PanelAction.h"
#include "widgets/common/ProcessMemory.h"
#include "widgets/common/StudioSettings.h"
#include "widgets/engine/EvaluationService.h"
#include "widgets/engine/ExplainService.h"
#include "widgets/engine/FolderClassifyService.h"
#include "widgets/engine/ModelService.h"
#include "widgets/engine/TrainingService.h"
#include "widgets/models/ClassListModel.h"
#include "widgets/panels/ClassListEditor.h"
#include "widgets/panels/EvaluatePanel.h"
#include "widgets/panels/ImagesPanel.h"
#include "widgets/panels/MapPanel.h"
#include "widgets/panels/ModelPanel.h"
#include "widgets/panels/PromptsPanel.h"
#include "widgets/panels/TrainingPanel.h"
#include "widgets/window/HelpDialogs.h"
#include "widgets/window/PreferencesDialog.h"
#include "widgets/window/ProjectFile.h"

namespace protext {

namespace {

QString resourcesDir() {
  // The demo pack sits next to the embedded model: <resources>/models/mini → <resources>.
  return QFileInfo(ModelService::embeddedModelPath() + "/../..").canonicalFilePath();
}

bool isModelPath(const QString& path) {
  const QFileInfo info(path);
  if (info.isDir()) return QFileInfo::exists(path + "/config.json");
  const QString suffix = info.suffix().toLower();
  return suffix == "pt" || suffix == "safetensors" || suffix == "bin";
}

}  // namespace

MainWindow::MainWindow(QWidget* parent) : MainWindow(Options{}, parent) {}

MainWindow::MainWindow(const Options& options, QWidget* parent) : QMainWindow(parent), options_(options) {
  setWindowTitle(tr("ProText Studio"));
  setWindowIcon(QIcon(":/icons/app.svg"));
  setAcceptDrops(true);
  setDockNestingEnabled(true);
  // No minimum set by hand: the layout's own (its panels' minimums) keeps docks from being
  // squeezed into each other, and it fits 1366×768 (WindowLayoutTest).
  models_ = new ModelService(this);
  models_->setCacheDir(StudioSettings().embeddingCacheDir());
  training_ = new TrainingService(this);
  evaluation_ = new EvaluationService(this);
  folderClassify_ = new FolderClassifyService(this);
  explain_ = new ExplainService(this);
  undo_ = new QUndoStack(this);
  classes_ = new ClassListModel(undo_, this);
  buildPanels();
  buildActions();
  buildMenus();
  wireServices();
  wireExplanations();
  restoreLayout();
  updateTitle();

  auto* memoryTimer = new QTimer(this);
  connect(memoryTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
  memoryTimer->start(2000);
  updateStatus();

  if (options_.openEmbeddedModel && StudioSettings().openMiniModel()) {
    loadDemoClasses();
    modelPanel_->openPath(ModelService::embeddedModelPath());
  }
  if (options_.examplesOnFirstStart && !StudioSettings().examplesShown()) {
    StudioSettings().setExamplesShown();
    loadExamples();
  }
}

MainWindow::~MainWindow() {
  training_->stop();
  evaluation_->cancel();
}

QDockWidget* MainWindow::addPanel(QWidget* panel, const QString& title, const QString& objectName,
                                  Qt::DockWidgetArea area) {
  auto* dock = new QDockWidget(title, this);
  dock->setObjectName(objectName);
  dock->setWidget(panel);
  dock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
  addDockWidget(area, dock);
  docks_ << dock;
  return dock;
}

void MainWindow::buildPanels() {
  images_ = new ImagesPanel(this);
  setCentralWidget(images_);
  modelPanel_ = new ModelPanel(this);
  classEditor_ = new ClassListEditor(classes_, undo_, this);
  trainingPanel_ = new TrainingPanel(this);
  evaluatePanel_ = new EvaluatePanel(this);
  promptsPanel_ = new PromptsPanel(this);
  mapPanel_ = new MapPanel(this);
  if (!options_.interactive) {
    modelPanel_->setInteractive(false);
    classEditor_->setInteractive(false);
    images_->setInteractive(false);
    evaluatePanel_->setInteractive(false);
    trainingPanel_->setInteractive(false);
    for (auto* source : std::initializer_list<QObject*>{modelPanel_, classEditor_, images_, evaluatePanel_, trainingPanel_})
      connect(source, SIGNAL(errorShown(QString)), this, SIGNAL(errorShown(QString)));
  }
  // The model form grows to ten rows once a model is open; on a laptop screen it scrolls
  // rather than pushing the class list off the bottom.
  auto* modelScroll = new QScrollArea;
  modelScroll->setObjectName(QStringLiteral("modelScroll"));
  modelScroll->setWidget(modelPanel_);
  modelScroll->setWidgetResizable(true);
  modelScroll->setFrameShape(QFrame::NoFrame);
  modelScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  modelScroll->setMinimumWidth(modelPanel_->minimumSizeHint().width() + modelScroll->verticalScrollBar()->sizeHint().width());
  auto* modelDock = addPanel(modelScroll, tr("Model"), "modelDock", Qt::LeftDockWidgetArea);
  auto* classDock = addPanel(classEditor_, tr("Classes"), "classesDock", Qt::LeftDockWidgetArea);
  splitDockWidget(modelDock, classDock, Qt::Vertical);
  auto* trainDock = addPanel(trainingPanel_, tr("Training"), "trainingDock", Qt::RightDockWidgetArea);
  auto* evalDock = addPanel(evaluatePanel_, tr("Evaluate"), "evaluateDock", Qt::RightDockWidgetArea);
  auto* promptDock = addPanel(promptsPanel_, tr("Prompts"), "promptsDock", Qt::RightDockWidgetArea);
  auto* mapDock = addPanel(mapPanel_, tr("Map"), "mapDock", Qt::RightDockWidgetArea);
  tabifyDockWidget(trainDock, evalDock);
  tabifyDockWidget(evalDock, promptDock);
  tabifyDockWidget(promptDock, mapDock);
  trainDock->raise();
  resizeDocks({modelDock, trainDock}, {300, 520}, Qt::Horizontal);
  resizeDocks({modelDock, classDock}, {230, 470}, Qt::Vertical);
}

void MainWindow::buildActions() {
  auto make = [this](const QString& text, const QString& icon, const QKeySequence& key, const QString& tip) {
    return makePanelAction(this, text, tip, key, icon.isEmpty() ? QIcon() : QIcon(":/icons/" + icon + ".svg"),
                           Qt::WindowShortcut);
  };
  newProject_ = make(tr("&New Project"), "project-new", QKeySequence::New, tr("Start an empty project on the current model"));
  openProject_ = make(tr("&Open Project…"), "project-open", QKeySequence::Open, tr("Open a .protext project"));
  saveProject_ = make(tr("&Save Project"), "project-save", QKeySequence::Save, tr("Save the class list, descriptions, prompts and settings"));
  saveProjectAs_ = make(tr("Save Project &As…"), "project-save", QKeySequence::SaveAs, tr("Save the project under a new name"));
  preferences_ = make(tr("&Preferences…"), "preferences", QKeySequence::Preferences, tr("Language, device and cache settings"));
  // Most Linux desktops define no key for Preferences; Ctrl+, is the common one.
  if (preferences_->shortcut().isEmpty()) preferences_->setShortcut(QKeySequence(tr("Ctrl+,")));
  loadExamples_ = make(tr("Load &Examples"), "", QKeySequence(),
                       tr("The demo classes, the embedded mini model and its 24 example images"));
  quit_ = make(tr("&Quit"), "", QKeySequence::Quit, tr("Close ProText Studio"));
  undoAction_ = undo_->createUndoAction(this, tr("&Undo"));
  undoAction_->setIcon(QIcon(":/icons/undo.svg"));
  undoAction_->setShortcuts(QKeySequence::Undo);
  undoAction_->setToolTip(tr("Undo the last class-list edit (Ctrl+Z)"));
  redoAction_ = undo_->createRedoAction(this, tr("&Redo"));
  redoAction_->setIcon(QIcon(":/icons/redo.svg"));
  redoAction_->setShortcuts(QKeySequence::Redo);
  redoAction_->setToolTip(tr("Redo the last undone class-list edit"));
  resetLayout_ = make(tr("&Reset Layout"), "", QKeySequence(), tr("Put every panel back where it started"));
  exportDassl_ = make(tr("E&xport Prompts for the Authors' Code…"), "export", QKeySequence(),
                      tr("Write the current prompts as a Dassl checkpoint (model.pth.tar) the ProText code loads"));
  exportDassl_->setEnabled(false);
  classifyFolder_ = make(tr("&Classify Folder…"), "", QKeySequence(),
                         tr("Label every image of a folder with each method, side by side, into a CSV or JSON "
                            "Lines file"));
  exportClassifier_ = make(tr("Export &Classifier…"), "export", QKeySequence(),
                           tr("Write one method's class weights, logit scale and class names for use in other "
                              "code"));
  about_ = make(tr("&About ProText Studio"), "app", QKeySequence(), tr("Version and licence"));
  guide_ = make(tr("Quick &Guide"), "", QKeySequence::HelpContents, tr("The four methods, training and the charts in a page"));
  shortcuts_ = make(tr("&Keyboard Shortcuts"), "", QKeySequence(), tr("Every command that has a key"));

  connect(newProject_, &QAction::triggered, this, &MainWindow::newProject);
  connect(openProject_, &QAction::triggered, this, &MainWindow::openProjectDialog);
  connect(saveProject_, &QAction::triggered, this, [this] { saveProjectDialog(false); });
  connect(saveProjectAs_, &QAction::triggered, this, [this] { saveProjectDialog(true); });
  connect(preferences_, &QAction::triggered, this, &MainWindow::showPreferences);
  connect(quit_, &QAction::triggered, this, &QWidget::close);
  connect(resetLayout_, &QAction::triggered, this, [this] {
    for (auto* dock : docks_) dock->show();
    restoreState(defaultState_);
  });
  connect(about_, &QAction::triggered, this, &MainWindow::showAbout);
  connect(loadExamples_, &QAction::triggered, this, &MainWindow::loadExamples);
  connect(guide_, &QAction::triggered, this, [this] { QuickGuideDialog(this).exec(); });
  connect(shortcuts_, &QAction::triggered, this, [this] { ShortcutsDialog(this).exec(); });
  connect(classifyFolder_, &QAction::triggered, this, &MainWindow::classifyFolderDialog);
  connect(exportClassifier_, &QAction::triggered, this, &MainWindow::exportClassifierDialog);
  connect(exportDassl_, &QAction::triggered, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Prompts"), "model.pth.tar-10",
                                                      tr("Dassl checkpoints (model.pth.tar*);;All files (*)"));
    if (!path.isEmpty()) models_->exportPrompts(path);
  });
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  file->addActions({newProject_, openProject_});
  recentProjects_ = file->addMenu(tr("Open &Recent Project"));
  recentProjects_->setObjectName(QStringLiteral("recentProjectsMenu"));
  connect(recentProjects_, &QMenu::aboutToShow, this, &MainWindow::fillRecentProjects);
  fillRecentProjects();
  file->addActions({saveProject_, saveProjectAs_});
  file->addSeparator();
  file->addActions({modelPanel_->openFileAction(), modelPanel_->openFolderAction(), modelPanel_->openEmbeddedAction()});
  file->addSeparator();
  file->addAction(preferences_);
  file->addSeparator();
  file->addAction(quit_);

  QMenu* edit = menuBar()->addMenu(tr("&Edit"));
  edit->addActions({undoAction_, redoAction_});
  edit->addSeparator();
  edit->addActions({classEditor_->addClassAction(), classEditor_->removeClassesAction(), classEditor_->pasteLinesAction()});
  edit->addSeparator();
  edit->addActions({classEditor_->importClassesAction(), classEditor_->exportClassesAction(),
                    classEditor_->importDescriptionsAction(), classEditor_->generateDescriptionsAction(),
                    classEditor_->exportDescriptionsAction()});

  QMenu* images = menuBar()->addMenu(tr("&Images"));
  images->addActions(images_->panelActions());

  QMenu* train = menuBar()->addMenu(tr("&Training"));
  train->addActions({trainingPanel_->startAction(), trainingPanel_->stopAction(), trainingPanel_->resumeAction()});
  train->addSeparator();
  train->addActions({trainingPanel_->savePromptsAction(), trainingPanel_->loadPromptsAction(),
                     trainingPanel_->importCheckpointAction(), exportDassl_});

  QMenu* evaluate = menuBar()->addMenu(tr("E&valuate"));
  evaluate->addActions({evaluatePanel_->chooseFolderAction(), evaluatePanel_->runAction(), evaluatePanel_->cancelAction()});
  evaluate->addSeparator();
  evaluate->addActions({classifyFolder_, exportClassifier_});

  viewMenu_ = menuBar()->addMenu(tr("&View"));
  for (auto* dock : docks_) {
    QAction* toggle = dock->toggleViewAction();
    toggle->setToolTip(tr("Show or hide the %1 panel").arg(dock->windowTitle()));
    viewMenu_->addAction(toggle);
  }
  viewMenu_->addSeparator();
  viewMenu_->addAction(resetLayout_);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addActions({guide_, shortcuts_, loadExamples_});
  help->addSeparator();
  help->addAction(about_);

  QToolBar* bar = addToolBar(tr("Main"));
  bar->setObjectName("mainToolBar");
  bar->setIconSize(QSize(20, 20));
  bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
  bar->addAction(modelPanel_->openFileAction());
  bar->addActions({openProject_, saveProject_});
  bar->addSeparator();
  bar->addActions({undoAction_, redoAction_});
  bar->addSeparator();
  bar->addActions(images_->panelActions().mid(0, 2));
  bar->addSeparator();
  bar->addActions({trainingPanel_->startAction(), trainingPanel_->stopAction()});
  bar->addAction(evaluatePanel_->runAction());

  modelStatus_ = new QLabel(this);
  deviceStatus_ = new QLabel(this);
  memoryStatus_ = new QLabel(this);
  busyStatus_ = new QLabel(this);
  for (QLabel* l : {busyStatus_, modelStatus_, deviceStatus_, memoryStatus_}) statusBar()->addPermanentWidget(l);
}

void MainWindow::restoreLayout() {
  defaultState_ = saveState();
  const StudioSettings settings;
  restoreGeometry(settings.windowGeometry());
  restoreState(settings.windowState());
}

void MainWindow::placeOnScreen(const QRect& available) {
  const QSize size =
      QSize(1440, 900).boundedTo(available.size()).expandedTo(minimumSizeHint()).boundedTo(available.size());
  resize(size);
  move(available.topLeft() + QPoint((available.width() - size.width()) / 2, (available.height() - size.height()) / 2));
}

void MainWindow::pushClassesToModel() { models_->setClasses(classes_->classes(), classes_->descriptionMap()); }

void MainWindow::loadDemoClasses() { loadDemoClasses(ClassFiles::readDescriptions(resourcesDir() + "/demo/descriptions.json")); }

void MainWindow::loadDemoClasses(const ClassFileContents& contents) {
  if (!contents.ok()) {
    showError(tr("Demo classes"), contents.error);
    return;
  }
  classes_->load(contents.entries);
}

bool MainWindow::loadExamples() {
  const ClassFileContents demo = ClassFiles::readDescriptions(resourcesDir() + "/demo/descriptions.json");
  QStringList demoNames;
  for (const ClassEntry& entry : demo.entries) demoNames << entry.name;
  if (classes_->classes() != demoNames) {
    if (!settleUnsavedChanges(tr("The examples come with their own classes, and the class list has unsaved "
                                 "changes. Save the project first?")))
      return false;
    loadDemoClasses(demo);  // the file just read, not read again
  }
  if (!models_->info().embedded && !modelPanel_->isOpening()) modelPanel_->openPath(ModelService::embeddedModelPath());
  QStringList images;
  for (const QFileInfo& file : QDir(resourcesDir() + "/examples").entryInfoList({"*.png"}, QDir::Files, QDir::Name))
    images << file.absoluteFilePath();
  images_->addPaths(images);
  statusBar()->showMessage(tr("Examples: %n images of the mini model's world; pick one to compare the methods.",
                              nullptr, int(images.size())),
                           10000);
  return true;
}

void MainWindow::fillRecentProjects() {
  recentProjects_->clear();
  const QStringList paths = StudioSettings().recentProjects();
  for (int i = 0; i < paths.size(); ++i) {
    const QString& path = paths[i];
    // &1 … &8: the menu's own keys, as in every editor's recent-files list.
    QAction* action = recentProjects_->addAction(
        QStringLiteral("&%1  %2  —  %3").arg(i + 1).arg(QFileInfo(path).fileName(),
                                                        QDir::toNativeSeparators(QFileInfo(path).absolutePath())));
    action->setData(path);
    connect(action, &QAction::triggered, this, [this, path] {
      if (!QFileInfo::exists(path)) {
        StudioSettings().removeRecentProject(path);
        showError(tr("Open project"), tr("%1 no longer exists; it is removed from the recent projects.")
                                          .arg(QDir::toNativeSeparators(path)));
        return;
      }
      openProject(path);
    });
  }
  if (paths.isEmpty()) recentProjects_->addAction(tr("No recent projects"))->setEnabled(false);
  recentProjects_->addSeparator();
  QAction* clear = recentProjects_->addAction(tr("&Clear Recent Projects"));
  clear->setEnabled(!paths.isEmpty());
  connect(clear, &QAction::triggered, this, [] { StudioSettings().raw().remove(StudioSettings::kRecentProjectsKey); });
}

void MainWindow::rememberProject(const QString& path) {
  StudioSettings().addRecentProject(QFileInfo(path).absoluteFilePath());
}

bool MainWindow::mayOpenProjectModel(const QString& projectPath, const QString& modelPath) {
  if (modelPath.startsWith(QLatin1Char(':'))) return true;  // the embedded model
  const QString model = QFileInfo(modelPath).absoluteFilePath();
  const QString folder = QFileInfo(projectPath).absoluteDir().absolutePath() + QLatin1Char('/');
  if (model.startsWith(folder)) return true;
  for (const QString& recent : modelPanel_->recentModels())
    if (QFileInfo(recent).absoluteFilePath() == model) return true;
  const QString question =
      tr("This project opens the model “%1” from another folder:\n%2\n\nOpen it only if you trust where the project "
         "and the model came from. Open the model?")
          .arg(QFileInfo(model).fileName(), QDir::toNativeSeparators(QFileInfo(model).absolutePath()));
  if (foreignModelQuestion_) return foreignModelQuestion_(question);
  if (!options_.interactive) return true;
  QMessageBox box(QMessageBox::Question, tr("Open project"), question, QMessageBox::NoButton, this);
  QPushButton* open = box.addButton(tr("Open Model"), QMessageBox::AcceptRole);
  box.setDefaultButton(box.addButton(tr("Don't Open"), QMessageBox::RejectRole));
  box.exec();
  return box.clickedButton() == open;
}

bool MainWindow::settleUnsavedChanges(const QString& question) {
  if (undo_->isClean()) return true;
  QMessageBox::StandardButton answer = QMessageBox::Discard;
  if (unsavedAnswer_)
    answer = unsavedAnswer_(question);
  else if (options_.interactive)
    answer = QMessageBox::question(this, tr("Unsaved changes"), question,
                                   QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
  if (answer == QMessageBox::Cancel) return false;
  if (answer == QMessageBox::Save) {
    saveProjectDialog(false);
    return undo_->isClean();  // a save that failed or was cancelled keeps the edits on screen
  }
  return true;
}

void MainWindow::newProject() {
  if (!settleUnsavedChanges(tr("The class list has unsaved changes. Save the project before starting a new one?")))
    return;
  if (training_->running()) training_->stop();
  classes_->load({});
  models_->clearPrompts();
  promptsPanel_->clear();
  projectPath_.clear();
  updateTitle();
}

bool MainWindow::openProject(const QString& path) {
  if (!settleUnsavedChanges(tr("The class list has unsaved changes. Save the project before opening another?")))
    return false;
  try {
    const ProjectData data = ProjectFile::read(path);
    QVector<ClassEntry> entries;
    for (const QString& name : data.classes) entries.push_back({name, data.descriptions.value(name)});
    classes_->load(entries);
    projectPath_ = path;
    pendingPrompts_ = data.promptsPath;
    // The run that made the project's prompts shows its loss curve again.
    if (!data.promptsPath.isEmpty()) trainingPanel_->showHistory(data.promptsPath);
    if (data.training) trainingPanel_->setSettings(*data.training);
    if (!data.modelPath.isEmpty() &&
        QFileInfo(data.modelPath).canonicalFilePath() != QFileInfo(models_->info().path).canonicalFilePath()) {
      if (mayOpenProjectModel(path, data.modelPath)) {
        if (!data.device.isEmpty()) modelPanel_->setCurrentDevice(data.device);
        modelPanel_->openPath(data.modelPath);
      } else {
        // The prompts were learned on that model; on this one they would mean nothing.
        pendingPrompts_.clear();
        statusBar()->showMessage(tr("The project's model was not opened, nor its prompts; open the model from the "
                                    "Model panel when you trust it."),
                                 10000);
      }
    } else if (!pendingPrompts_.isEmpty()) {
      models_->loadPrompts(pendingPrompts_);
      pendingPrompts_.clear();
    }
    if (!data.images.isEmpty()) images_->addPaths(data.images);
    rememberProject(path);
    undo_->setClean();
    updateTitle();
    return true;
  } catch (const std::exception& e) {
    showError(tr("Open project"), QString::fromStdString(error_message(e)));
    return false;
  }
}

bool MainWindow::saveProject(const QString& path) {
  classEditor_->applyDescriptionEdits();
  ProjectData data;
  data.modelPath = models_->info().path;
  data.device = modelPanel_->currentDevice();
  data.classes = classes_->classes();
  data.descriptions = classes_->descriptionMap();
  data.promptsPath = models_->promptsPath();
  data.training = trainingPanel_->settings();
  data.images = images_->paths();
  try {
    ProjectFile::write(path, data);
  } catch (const std::exception& e) {
    showError(tr("Save project"), QString::fromStdString(error_message(e)));
    return false;
  }
  projectPath_ = path;
  rememberProject(path);
  undo_->setClean();
  updateTitle();
  statusBar()->showMessage(tr("Saved %1").arg(QFileInfo(path).fileName()), 4000);
  return true;
}

void MainWindow::openProjectDialog() {
  const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr("ProText projects (*.protext)"));
  if (!path.isEmpty()) openProject(path);
}

void MainWindow::saveProjectDialog(bool saveAs) {
  QString path = projectPath_;
  if (saveAs || path.isEmpty()) {
    path = QFileDialog::getSaveFileName(this, tr("Save Project"), path.isEmpty() ? tr("untitled.protext") : path,
                                        tr("ProText projects (*.protext)"));
    if (path.isEmpty()) return;
    if (!path.endsWith(".protext")) path += ".protext";
  }
  saveProject(path);
}

void MainWindow::openPaths(const QStringList& paths) {
  QStringList images;
  for (const QString& path : paths) {
    if (path.endsWith(".protext", Qt::CaseInsensitive)) openProject(path);
    else if (isModelPath(path)) modelPanel_->openPath(path);
    else images << path;
  }
  if (!images.isEmpty()) images_->addPaths(images);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  QStringList paths;
  for (const QUrl& url : event->mimeData()->urls())
    if (url.isLocalFile()) paths << url.toLocalFile();
  openPaths(paths);
  event->acceptProposedAction();
}

void MainWindow::showError(const QString& title, const QString& message) {
  showErrorBox(this, options_.interactive, title, message);
  emit errorShown(message);
}

void MainWindow::updateStatus() {
  const ModelInfo info = models_->info();
  if (info.path.isEmpty()) {
    modelStatus_->setText(tr("No model"));
  } else {
    const QString name = info.embedded ? tr("mini model (embedded)") : QFileInfo(info.path).fileName();
    modelStatus_->setText(tr("Model: %1").arg(name));
    modelStatus_->setToolTip(info.path);
  }
  deviceStatus_->setText(tr("Device: %1").arg(info.device.isEmpty() ? QStringLiteral("cpu") : info.device));
  memoryStatus_->setText(tr("Memory: %1 MB").arg(residentMemoryBytes() / (1024 * 1024)));
}

void MainWindow::updateTitle() {
  const QString project = projectPath_.isEmpty() ? tr("Untitled") : QFileInfo(projectPath_).fileName();
  setWindowTitle(QString("%1[*] — %2").arg(project, tr("ProText Studio")));
  setWindowModified(!undo_->isClean());
}

void MainWindow::showPreferences() {
  PreferencesDialog dialog(ModelService::availableDevices(), nullptr, this);
  bool restart = false;
  connect(&dialog, &PreferencesDialog::languageChanged, this, [&restart] { restart = true; });
  // A model opened later keeps its texts where the cache now points; the open one keeps its own.
  connect(&dialog, &PreferencesDialog::applied, this, [this] { models_->setCacheDir(StudioSettings().embeddingCacheDir()); });
  dialog.exec();
  if (restart && !restartForLanguage())
    statusBar()->showMessage(tr("The language changes everywhere the next time ProText Studio starts."), 8000);
}

bool MainWindow::restartForLanguage() {
  if (training_->running()) return false;  // a run is never cut short for a language
  const bool yes = restartQuestion_ ? restartQuestion_()
                                    : options_.interactive &&
                                          QMessageBox::question(this, tr("Language"),
                                                                tr("Restart ProText Studio now to show it in the new "
                                                                   "language? The project reopens as it is.")) ==
                                              QMessageBox::Yes;
  if (!yes) return false;
  if (!settleUnsavedChanges(tr("The class list has unsaved changes. Save the project before restarting?")))
    return false;
  QStringList arguments;
  if (!projectPath_.isEmpty()) {
    arguments << projectPath_;  // as saved: any edits were saved or discarded just now
  } else {
    // Nothing saved to reopen: the open model (unless the embedded one, which opens by
    // itself) and the images come back.
    const ModelInfo info = models_->info();
    if (!info.path.isEmpty() && !info.embedded) arguments << info.path;
    arguments << images_->paths();
  }
  StudioSettings().sync();  // the new process reads the language from disk
  const bool started = restarter_ ? restarter_(arguments)
                                  : QProcess::startDetached(QCoreApplication::applicationFilePath(), arguments);
  if (!started) {
    showError(tr("Language"), tr("ProText Studio could not be started again; the new language shows at the next start."));
    return false;
  }
  undo_->setClean();  // settled above: closing must not ask again
  close();
  return true;
}

void MainWindow::showAbout() {
  QMessageBox::about(this, tr("About ProText Studio"),
                     tr("<h3>ProText Studio %1</h3><p>Learn CLIP prompts from text alone (ProText), and compare "
                        "them with a single template, a template ensemble and LLM descriptions.</p>"
                        "<p>Qt %2 · LibTorch · OpenCV · QCustomPlot · sentencepiece</p>")
                         .arg(QApplication::applicationVersion(), qVersion()));
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (training_->running() && options_.interactive) {
    const auto answer = QMessageBox::question(this, tr("Training in progress"),
                                              tr("A training run is in progress. Stop it and quit? The last "
                                                 "finished epoch is kept in its checkpoint."));
    if (answer != QMessageBox::Yes) {
      event->ignore();
      return;
    }
  }
  if (!settleUnsavedChanges(tr("The class list has unsaved changes. Save the project before quitting?"))) {
    event->ignore();
    return;
  }
  training_->stop();
  evaluation_->cancel();
  StudioSettings().setWindow(saveGeometry(), saveState());
  event->accept();
}

}  // namespace protext
